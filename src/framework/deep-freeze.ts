/**
 * Freezes a plain JSON value and everything in it, so loaded configuration (catalogue, policy,
 * registry) cannot be changed by whoever holds it.
 * @module
 */

/** Freezes `value` recursively and returns it. Only for plain JSON data (no cycles). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
