import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { LocalTerminology } from './terminology.js';

/**
 * The terminology of one validation when the payload carries its own CodeSystems or ValueSets (the
 * root resource, its contained resources, a Bundle's entries and theirs): a {@link LocalTerminology}
 * over those resources that defers to the validator's `base` for everything else, so the base's
 * cached expansions are reused and nothing of the payload outlives the call. Undefined when the
 * payload carries none (the usual case: the base is used as it is).
 */
export function payloadTerminology(
  payload: Record<string, unknown>,
  base: LocalTerminology,
): LocalTerminology | undefined {
  let registry = consider(payload, undefined);
  if (payload['resourceType'] === 'Bundle' && Array.isArray(payload['entry'])) {
    const entries = payload['entry'] as unknown[];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (typeof entry === 'object' && entry !== null)
        registry = consider((entry as { resource?: unknown }).resource, registry);
    }
  }
  return registry ? new LocalTerminology(registry, { fallback: base }) : undefined;
}

/** Adds a resource read for terminology and its contained ones to `registry` (made on the first). */
function consider(
  resource: unknown,
  registry: CanonicalRegistry | undefined,
): CanonicalRegistry | undefined {
  if (typeof resource !== 'object' || resource === null) return registry;
  const r = resource as { resourceType?: unknown; url?: unknown; contained?: unknown };
  if (isTerminologyType(r.resourceType) && typeof r.url === 'string')
    (registry ??= new CanonicalRegistry()).add(resource);
  if (Array.isArray(r.contained)) {
    for (const c of r.contained as unknown[]) {
      const t =
        typeof c === 'object' && c !== null
          ? (c as { resourceType?: unknown }).resourceType
          : undefined;
      if (isTerminologyType(t)) (registry ??= new CanonicalRegistry()).add(c);
    }
  }
  return registry;
}

/** `CodeSystem` or `ValueSet`: the payload resources read for terminology. */
function isTerminologyType(t: unknown): boolean {
  return t === 'CodeSystem' || t === 'ValueSet';
}
