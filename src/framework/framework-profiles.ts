/**
 * Which of the framework's FHIR profiles apply to which resource type: every resource profile in
 * the framework (derivation constraint, kind resource) applies to all resources of its type, so a
 * partner's data is checked against the framework whether or not it declares the profiles.
 * @module
 */

interface ProfileLike {
  readonly resourceType?: unknown;
  readonly url?: unknown;
  readonly type?: unknown;
  readonly kind?: unknown;
  readonly derivation?: unknown;
  readonly abstract?: unknown;
}

/** Maps resource type → framework profile canonicals, from the framework's conformance resources. */
export function profilesByType(resources: readonly unknown[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of resources as ProfileLike[]) {
    if (
      r?.resourceType !== 'StructureDefinition' ||
      r.kind !== 'resource' ||
      r.derivation !== 'constraint' ||
      r.abstract === true
    )
      continue;
    if (typeof r.url !== 'string' || typeof r.type !== 'string') continue;
    (out[r.type] ??= []).push(r.url);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** The registry's view needed by {@link frameworkProfilesOf}. */
interface ProfileSource {
  urls(resourceType: string): Iterable<string>;
  structureDefinition(url: string): unknown;
}

/**
 * The framework's profiles by resource type among the StructureDefinitions held in `registry`:
 * those whose canonical starts with the framework's `canonicalBase` (only these are completed, so a
 * lazily loaded base pack stays unread).
 */
export function frameworkProfilesOf(
  registry: ProfileSource,
  canonicalBase: string,
): Record<string, string[]> {
  const prefix = `${canonicalBase}/StructureDefinition/`;
  const framework = [...registry.urls('StructureDefinition')]
    .filter((u) => u.startsWith(prefix))
    .map((u) => registry.structureDefinition(u));
  return profilesByType(framework);
}
