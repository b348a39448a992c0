/**
 * Lazy parts of a pack: the bulky parts of each resource (StructureDefinition `snapshot` and
 * `differential`, CodeSystem `concept`, ValueSet `compose` and `expansion`) are stored as JSON text
 * in the pack and parsed on first access, so loading a pack builds only the small resource headers
 * (url, version, type, kind …) that the registry indexes. A validation touches a few dozen of the
 * pack's 3,000 resources; the rest are never parsed. These fields are never strings in FHIR, so a
 * string value in a pack always means "JSON text, parse on access".
 * @module
 */

/** The fields stored as JSON text. */
export const lazyFields: readonly string[] = ['snapshot', 'differential', 'concept', 'compose', 'expansion'];

type Json = Record<string, unknown>;

/** A copy of `resource` with its bulky fields turned into JSON text. */
export function toLazyParts(resource: Json): Json {
  const out: Json = { ...resource };
  for (const field of lazyFields) if (resource[field] !== undefined) out[field] = JSON.stringify(resource[field]);
  return out;
}

/**
 * Replaces each JSON-text field of a parsed pack resource (in place) by a getter that parses it on
 * first access, passes the value through `restore` once, and then keeps it as a plain property.
 */
export function defineLazyParts(resource: Json, restore: (field: string, value: unknown) => void): void {
  for (const field of lazyFields) {
    const text = resource[field];
    if (typeof text !== 'string') continue;
    const settle = (value: unknown): void => {
      Object.defineProperty(resource, field, { value, writable: true, enumerable: true, configurable: true });
    };
    Object.defineProperty(resource, field, {
      enumerable: true,
      configurable: true,
      get() {
        const value = JSON.parse(text) as unknown;
        restore(field, value);
        settle(value);
        return value;
      },
      set: settle,
    });
  }
}
