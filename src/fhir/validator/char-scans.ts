/**
 * Fast stand-ins for regular expressions on the leaf checks' valid path: hand-written scans, or a
 * length test with a simpler pattern (each names the pattern it decides; tested against it in
 * char-scans.test.ts). A scan that cannot say
 * "yes" leaves the decision to the pattern itself where the caller needs its detail.
 * @module
 */

/** `^[A-Za-z][A-Za-z0-9+.-]*:`: the value starts with a URI scheme and its colon. */
export function hasScheme(value: string): boolean {
  const first = value.charCodeAt(0) | 0x20; // a letter lower-cased (nothing else lands on one)
  if (first < 97 || first > 122) return false;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 58 /* : */) return true;
    const l = c | 0x20;
    if (!((l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45))
      return false;
  }
  return false;
}

/** The urn:uuid form's characters; the length is tested apart (irregexp runs `+` far faster than `{36}`). */
const reUrnUuidChars = /^urn:uuid:[0-9a-fA-F-]+$/;

/** `^urn:uuid:[0-9a-fA-F-]{36}$` (a reference's urn:uuid form, any case). */
export function isUrnUuidReference(value: string): boolean {
  return value.length === 45 && reUrnUuidChars.test(value);
}
