import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { LocalTerminology } from './terminology.js';

/** Payload resources read for terminology (one Bundle level, plus contained resources). */
const terminologyTypes = new Set(['CodeSystem', 'ValueSet']);

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
  let registry: CanonicalRegistry | undefined;
  const consider = (resource: unknown): void => {
    if (typeof resource !== 'object' || resource === null) return;
    const r = resource as { resourceType?: unknown; url?: unknown; contained?: unknown };
    if (
      typeof r.resourceType === 'string' &&
      terminologyTypes.has(r.resourceType) &&
      typeof r.url === 'string'
    )
      (registry ??= new CanonicalRegistry()).add(resource);
    if (Array.isArray(r.contained)) {
      for (const c of r.contained as unknown[]) {
        const t =
          typeof c === 'object' && c !== null
            ? (c as { resourceType?: unknown }).resourceType
            : undefined;
        if (typeof t === 'string' && terminologyTypes.has(t))
          (registry ??= new CanonicalRegistry()).add(c);
      }
    }
  };
  consider(payload);
  if (payload['resourceType'] === 'Bundle' && Array.isArray(payload['entry'])) {
    for (const entry of payload['entry'] as unknown[])
      if (typeof entry === 'object' && entry !== null)
        consider((entry as { resource?: unknown }).resource);
  }
  return registry ? new LocalTerminology(registry, { fallback: base }) : undefined;
}
