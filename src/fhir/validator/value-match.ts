/**
 * fixed[x] and pattern[x] semantics (https://hl7.org/fhir/R4/elementdefinition-definitions.html):
 * fixed = exactly equal (no extra properties, arrays equal item by item); pattern = every property
 * of the pattern present with a matching value, each pattern array item matched by some instance
 * item, extra properties allowed.
 * @module
 */

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Exact equality (fixed[x]); primitive extensions and ids in the instance are ignored. */
export function matchesFixed(fixed: unknown, value: unknown): boolean {
  if (Array.isArray(fixed)) {
    return (
      Array.isArray(value) &&
      value.length === fixed.length &&
      fixed.every((f, i) => matchesFixed(f, value[i]))
    );
  }
  if (isObj(fixed)) {
    if (!isObj(value)) return false;
    for (const k of Object.keys(value)) {
      if (k === 'id' || k.startsWith('_')) continue;
      if (!(k in fixed)) return false;
    }
    return Object.keys(fixed).every((k) => matchesFixed(fixed[k], value[k]));
  }
  return primitiveEqual(fixed, value);
}

/** Deep partial match (pattern[x]). */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return pattern.every((p) => value.some((v) => matchesPattern(p, v)));
  }
  if (isObj(pattern)) {
    if (!isObj(value)) return false;
    return Object.keys(pattern).every((k) => matchesPattern(pattern[k], value[k]));
  }
  return primitiveEqual(pattern, value);
}

function primitiveEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b;
}

/** Names the first property where a value departs from the fixed/pattern value (for the message). */
export function firstDifference(expected: unknown, value: unknown, path = ''): string {
  if (isObj(expected) && isObj(value)) {
    for (const k of Object.keys(expected)) {
      if (!matchesPattern(expected[k], value[k]))
        return firstDifference(expected[k], value[k], path ? `${path}.${k}` : k);
    }
    for (const k of Object.keys(value))
      if (!(k in expected) && k !== 'id' && !k.startsWith('_'))
        return `${path ? `${path}.` : ''}${k} is present but not in the fixed value`;
  }
  return path ? `${path} differs` : 'the value differs';
}
