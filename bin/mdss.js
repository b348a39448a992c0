#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run by `npm install`). The
// bundle (dist/bundle, scripts/build-bundle.ts) starts faster: a few files instead of ≈250 modules.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { runAsProcess } = await import(
  existsSync(bundled) ? bundled.href : new URL('../dist/cli/main.js', import.meta.url).href
);

runAsProcess(process.argv.slice(2));
