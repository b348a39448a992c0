/**
 * The order of issue pointers: `Intl.Collator('en', { numeric: true })` (so `/entry/2` precedes
 * `/entry/10`), computed directly for the usual pointers and left to the collator otherwise.
 * @module
 */

/** The collator whose order {@link comparePointers} gives (its `compare`, or a lazily made one). */
export type PointerCollator = () => Intl.Collator;

/**
 * The collator order of the pointers `a` and `b` (negative, zero or positive, as its `compare`).
 *
 * The strings are compared in place up to their first differing character. The collator compares
 * primary weights first (letters without case, digit runs as numbers, punctuation below digits
 * below letters), so when the strings agree up to there and differ there in primary weight, that
 * difference decides, whatever follows. That is worked out here when the characters at the
 * difference are ASCII letters, digits or `/` (or one string ends there) and the character before
 * it is ASCII: letters of different letters (compared without case), `/` below digits below
 * letters, an end below everything, and digit runs (from where they start) by their value when
 * neither has a leading zero. Anything else (a difference of case only, leading zeros, which the
 * collator counts equal, very long digit runs, other characters) is handed to `collator()`.
 */
export function comparePointers(a: string, b: string, collator: PointerCollator): number {
  const n = a.length < b.length ? a.length : b.length;
  let k = 0;
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  if (k === a.length && k === b.length) return 0;
  if (k > 0 && a.charCodeAt(k - 1) > 0x7f) return collator().compare(a, b);
  const ca = k < a.length ? a.charCodeAt(k) : -1;
  const cb = k < b.length ? b.charCodeAt(k) : -1;
  const da = isDigit(ca);
  const db = isDigit(cb);
  // digits at the difference, or a digit run begun before it: the runs (from where they start) decide
  if (da || db || (k > 0 && isDigit(a.charCodeAt(k - 1)))) {
    const runs = compareRuns(a, b, k);
    if (runs !== undefined) return runs === 0 ? collator().compare(a, b) : runs;
  }
  const ra = rank(ca);
  const rb = rank(cb);
  if (ra < 0 || rb < 0 || ra === rb) return collator().compare(a, b);
  return ra < rb ? -1 : 1;
}

/** Longest digit run read as a number here (ICU splits runs of more than 254 digits). */
const maxRun = 15;

/**
 * The strings agree up to `k`, where a digit is in one of them or a digit run has begun: -1 or 1
 * when the digit runs through `k` differ in value, undefined when they are the same run (neither
 * goes on at `k`), 0 when the collator must tell (a leading zero, which it reads as equal, or a
 * run too long).
 */
function compareRuns(a: string, b: string, k: number): number | undefined {
  let start = k;
  while (start > 0 && isDigit(a.charCodeAt(start - 1))) start--;
  // a digit against anything else, no run begun: the characters' groups decide
  if (start === k && !(isDigit(a.charCodeAt(k)) && isDigit(b.charCodeAt(k)))) return undefined;
  let ea = k;
  while (isDigit(a.charCodeAt(ea))) ea++;
  let eb = k;
  while (isDigit(b.charCodeAt(eb))) eb++;
  if (ea === k && eb === k) return undefined;
  const la = ea - start;
  const lb = eb - start;
  if (la > maxRun || lb > maxRun) return 0;
  if ((la > 1 && a.charCodeAt(start) === 0x30) || (lb > 1 && b.charCodeAt(start) === 0x30))
    return 0;
  if (la !== lb) return la < lb ? -1 : 1;
  // same length, no leading zero: the first differing digit (at k) decides
  return a.charCodeAt(k) < b.charCodeAt(k) ? -1 : 1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Primary rank of a character at the difference, by the collator's groups: end of string 0, `/` 1,
 * digits 2 (only reached when one side is not a digit), letters 3 + their place in the alphabet
 * (case left out); -1 for anything else.
 */
function rank(c: number): number {
  if (c === -1) return 0;
  if (c === 0x2f) return 1;
  if (c >= 0x30 && c <= 0x39) return 2;
  if (c >= 0x61 && c <= 0x7a) return 3 + c - 0x61;
  if (c >= 0x41 && c <= 0x5a) return 3 + c - 0x41;
  return -1;
}
