#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run by `npm install`). The
// bundle (dist/bundle, scripts/build-bundle.ts) starts faster: a few files instead of ≈250 modules.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A CLI run is short: much of it passes before V8's optimising compiler takes over. Compiling each
// function to baseline (Sparkplug) code on first call, with its feedback vector allocated at once,
// costs a little compile time and saves more interpretation: ≈5 % less CPU for `mdss validate` on
// the bench's 100 Bundles (npm run bench, CLI rows). Set before any MDSS module is compiled; both
// are production V8 flags of Node 20's V8. MDSS_V8_FLAGS=off leaves V8's defaults. Not for the
// long-running `serve` and `worker`: past start-up they only cost, ≈10 % more CPU per `$validate`
// of the HTTP bench's 100-entry Bundle (eager feedback vectors and baseline code for every
// function; the young generation promotes more and old-space collections come sooner).
const longRunning = process.argv[2] === 'serve' || process.argv[2] === 'worker';
if (process.env.MDSS_V8_FLAGS !== 'off' && !longRunning) {
  setFlagsFromString('--always-sparkplug');
  setFlagsFromString('--no-lazy-feedback-allocation');
}

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { runAsProcess } = await import(
  existsSync(bundled) ? bundled.href : new URL('../dist/cli/main.js', import.meta.url).href
);

runAsProcess(process.argv.slice(2));
