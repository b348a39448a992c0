// The floor of the CLI rows of `npm run bench` (bench/cli-process.ts): the smallest Node script that
// does the engine's part of `mdss validate --framework none <dir>` with the documented library API
// (`createNodeValidator` from the built package, dist/bundle/index.js): set up the validator, read
// every *.json file of the folder and validate its text, then print the count of errors. No report,
// no options, no file discovery beyond readdir: the CLI's whole process against this one, on the same
// files in a fresh process each, is the CLI's own cost (module loading, discovery, report, exit).
// It also prints the engine's own work: set-up (the package's import and createNodeValidator) and
// validation (file reading excluded), in ms.
// Usage: node bench/mdss-validate-files.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { createNodeValidator } = await import('../dist/bundle/index.js');
const validator = createNodeValidator([], { framework: 'none' });
const setupMs = performance.now() - t0;
const dir = process.argv[2];
let errors = 0;
let files = 0;
let validateMs = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const text = readFileSync(join(dir, file), 'utf8');
  const start = performance.now();
  const result = validator.validate(text);
  validateMs += performance.now() - start;
  files++;
  errors += result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
}
process.stdout.write(`${JSON.stringify({ files, errors, setupMs, validateMs })}\n`);
