/**
 * Unique Pupil Number (England, DfE): 13 characters — a check letter, the 3-digit LA number, 2-digit
 * year and 7 characters of serial (the last may be a letter in a temporary UPN). Check letter:
 * characters 2–13 are weighted 2…13 (digits by value, letters by their index in the 23-letter
 * alphabet below), the sum mod 23 indexes the same alphabet. I, O and S are never used.
 * @module
 */

/** The 23 letters UPNs use, in value order (no I, O, S). */
export const upnAlphabet = 'ABCDEFGHJKLMNPQRTUVWXYZ';

const body = /^[0-9]{11}[0-9A-HJ-NP-RT-Z]$/;

/**
 * The check letter for the last 12 characters of a UPN, or undefined when they are not 11 digits
 * and a digit or UPN letter.
 * @example upnCheckLetter('999123456789')
 */
export function upnCheckLetter(twelve: string): string | undefined {
  if (!body.test(twelve)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = twelve[i]!;
    const value = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : upnAlphabet.indexOf(c);
    sum += value * (i + 2);
  }
  return upnAlphabet[sum % 23];
}

/** True when a well-formed 13-character UPN carries the right check letter. */
export function hasValidUpnCheckLetter(upn: string): boolean {
  return upn.length === 13 && upnCheckLetter(upn.slice(1)) === upn[0];
}
