// Keeps only the optional platform builds of workerd that the npm registry reachable here serves
// (linux); the darwin/windows builds answer 404, and a lock that lists them makes `npm ci` fail.
// Run after `npm install` changes package-lock.json: `node scripts/fix-lock-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const entry = lock.packages?.['node_modules/workerd'];
if (entry?.optionalDependencies) {
  entry.optionalDependencies = Object.fromEntries(
    Object.entries(entry.optionalDependencies).filter(([name]) => name.includes('-linux-')),
  );
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}
