/**
 * Finds the framework's FHIR conformance resources under `profiles/` (StructureDefinitions,
 * ValueSets, CodeSystems in JSON), so the benchmark can also run MDSS with them. Returns
 * `undefined` while the framework has no StructureDefinition yet (the run then skips that row).
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The framework profiles found on disk. */
export interface FrameworkProfiles {
  /** Every conformance resource found (passed to the validator's registry). */
  readonly resources: readonly unknown[];
  /** Profile canonical per constrained resource type (the first one found for each type). */
  readonly profileByType: ReadonlyMap<string, string>;
  /** Profiles on Bundle itself (passed as `profiles` to every call). */
  readonly bundleProfiles: readonly string[];
}

const conformanceTypes = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem']);

function jsonFiles(dir: string, depth = 0): string[] {
  if (depth > 4) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path, depth + 1));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function collect(value: unknown, out: Record<string, unknown>[]): void {
  if (typeof value !== 'object' || value === null) return;
  const r = value as Record<string, unknown>;
  if (r.resourceType === 'Bundle' && Array.isArray(r.entry)) {
    for (const e of r.entry as { resource?: unknown }[]) collect(e.resource, out);
  } else if (typeof r.resourceType === 'string' && conformanceTypes.has(r.resourceType)) {
    out.push(r);
  }
}

/** Reads the framework profiles from `dir` (default: the repository's `profiles/`). */
export function loadFrameworkProfiles(
  dir = fileURLToPath(new URL('../profiles/', import.meta.url)),
): FrameworkProfiles | undefined {
  const resources: Record<string, unknown>[] = [];
  for (const file of jsonFiles(dir)) {
    try {
      collect(JSON.parse(readFileSync(file, 'utf8')), resources);
    } catch {
      // not JSON we can use (a catalogue, a schema): skipped
    }
  }
  const profiles = resources.filter(
    (r) =>
      r.resourceType === 'StructureDefinition' &&
      r.kind === 'resource' &&
      r.derivation === 'constraint',
  );
  if (profiles.length === 0) return undefined;
  const profileByType = new Map<string, string>();
  for (const p of profiles) {
    if (typeof p.type === 'string' && typeof p.url === 'string' && !profileByType.has(p.type))
      profileByType.set(p.type, p.url);
  }
  const bundle = profileByType.get('Bundle');
  return { resources, profileByType, bundleProfiles: bundle ? [bundle] : [] };
}

/** Adds `meta.profile` to every entry whose type has a framework profile (done before timing). */
export function withFrameworkProfiles(text: string, framework: FrameworkProfiles): string {
  const bundle = JSON.parse(text) as {
    entry?: { resource?: { resourceType?: string; meta?: { profile?: string[] } } }[];
  };
  for (const e of bundle.entry ?? []) {
    const r = e.resource;
    const url = r?.resourceType ? framework.profileByType.get(r.resourceType) : undefined;
    if (r && url) r.meta = { ...r.meta, profile: [url] };
  }
  return JSON.stringify(bundle);
}
