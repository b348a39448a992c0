/**
 * Locale-independent string ordering (UTF-16 code units), so sorted output is byte-identical on every
 * runtime and machine.
 * @module
 */

/**
 * Compares two strings by code unit; use in `sort` for deterministic order.
 * @example ['b', 'a'].sort(compareText) // ['a', 'b']
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
