#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run by `npm install`). The
// bundle (dist/bundle, scripts/build-bundle.ts) starts faster: a few files instead of ≈250 modules.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A CLI run is short: much of it passes before V8's optimising compiler takes over. Compiling each
// function to baseline (Sparkplug) code on first call, with its feedback vector allocated at once,
// costs a little compile time and saves more interpretation: ≈5 % less CPU for `mdss validate` on
// the bench's 100 Bundles (npm run bench, CLI rows). Set before any MDSS module is compiled; both
// are production V8 flags of Node 20's V8. MDSS_V8_FLAGS=off leaves V8's defaults. Not for
// `mdss serve`: under load a server with them used more CPU per `$validate` of the HTTP bench's
// 100-entry Bundle (one process ≈24 %, a cluster ≈11 %, the check pool ≈3 %; its young generation
// promoted more, its heap grew to ≈150 MB against ≈60 MB), and gains nothing from a faster start.
if (process.env.MDSS_V8_FLAGS !== 'off' && process.argv[2] !== 'serve') {
  setFlagsFromString('--always-sparkplug');
  setFlagsFromString('--no-lazy-feedback-allocation');
}

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { runAsProcess } = await import(
  existsSync(bundled) ? bundled.href : new URL('../dist/cli/main.js', import.meta.url).href
);

runAsProcess(process.argv.slice(2));
