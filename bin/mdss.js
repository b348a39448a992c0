#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (built by `npm run build`, run by `npm install`).
import { runAsProcess } from '../dist/cli/main.js';

runAsProcess(process.argv.slice(2));
