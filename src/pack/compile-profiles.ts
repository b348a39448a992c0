/**
 * Build-time compilation of profiles for a pack: differential-only StructureDefinitions get their
 * snapshots generated against a registry (the base R4 definitions plus the profiles themselves), so
 * a validator that loads the pack never generates snapshots at run time.
 * @module
 */
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import type { StructureDefinition } from '../fhir/definitions/conformance-resource.js';
import { SnapshotGenerator, type SnapshotMessage } from '../fhir/definitions/snapshot/index.js';

/** A snapshot message with the profile it belongs to. */
export interface ProfileMessage extends SnapshotMessage {
  readonly profile: string;
}

/** The resources with snapshots generated, and the generator's messages. */
export interface CompiledProfiles {
  readonly resources: readonly unknown[];
  readonly messages: readonly ProfileMessage[];
}

/**
 * Generates snapshots for the StructureDefinitions among `resources` that lack one; other resources
 * pass through unchanged, in order.
 * @example compileProfiles(readConformanceFiles('profiles/fhir'), baseRegistry)
 */
export function compileProfiles(
  resources: readonly unknown[],
  base: CanonicalRegistry,
): CompiledProfiles {
  const registry = new CanonicalRegistry();
  registry.addAll(base.allResources());
  registry.addAll(resources);
  const generator = new SnapshotGenerator(registry);
  const messages: ProfileMessage[] = [];
  const out = resources.map((r) => {
    const sd = r as StructureDefinition & { resourceType?: string };
    if (sd?.resourceType !== 'StructureDefinition' || sd.snapshot?.element?.length) return r;
    const result = generator.generate(sd);
    for (const m of result.messages) messages.push({ ...m, profile: sd.url ?? sd.id ?? '?' });
    return result.structureDefinition;
  });
  return { resources: out, messages };
}
