/**
 * JavaScript's `\s` on one UTF-16 code unit, without a regex: the character scans of the primitive
 * and narrative checks share it.
 * @module
 */

/** JavaScript's `\s` (what `\S` negates) on one UTF-16 code unit. */
export function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
