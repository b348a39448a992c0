/**
 * The Verhoeff check digit (dihedral group D5), as used by SNOMED CT identifiers.
 *
 * The tables are built, not typed in: the multiplication table `d` from the D5 group law, the
 * permutation table `p` by composing row 1 (`1 5 7 6 2 8 3 0 9 4`) with itself, and the inverse
 * table from `d`. A hand-typed table is a known source of false failures (row 4 must be
 * `9 4 5 3 1 2 6 8 7 0`; the tests pin it).
 * @module
 */

type Table = readonly (readonly number[])[];

const digitsRange = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** D5 group law on 0–9: 0–4 are rotations, 5–9 reflections. */
function d5(j: number, k: number): number {
  if (j < 5) return k < 5 ? (j + k) % 5 : 5 + ((j + k) % 5);
  return k < 5 ? 5 + ((j - k + 5) % 5) : (j - k + 5) % 5;
}

function freezeTable(rows: number[][]): Table {
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

function buildMultiplication(): Table {
  return freezeTable(digitsRange.map((j) => digitsRange.map((k) => d5(j, k))));
}

function buildPermutations(): Table {
  const first = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4] as const;
  const rows: number[][] = [[...digitsRange]];
  for (let i = 1; i < 8; i++) {
    const previous = rows[i - 1]!;
    rows.push(previous.map((v) => first[v]!));
  }
  return freezeTable(rows);
}

function buildInverse(mul: Table): readonly number[] {
  return Object.freeze(digitsRange.map((j) => digitsRange.find((k) => mul[j]![k] === 0)!));
}

/** The Verhoeff multiplication table (D5). Exported for tests and documentation. */
export const verhoeffD: Table = buildMultiplication();
/** The Verhoeff permutation table, rows 0–7. */
export const verhoeffP: Table = buildPermutations();
/** The Verhoeff inverse table. */
export const verhoeffInv: readonly number[] = buildInverse(verhoeffD);

const allDigits = /^\d+$/;

/** Folds digits right to left; `offset` 1 computes a check digit, 0 validates a number with its check. */
function fold(digits: string, offset: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = verhoeffD[c]![verhoeffP[(i + offset) % 8]![digit]!]!;
  }
  return c;
}

/**
 * The Verhoeff check digit for a string of decimal digits (string-based: any length, no precision
 * loss).
 * @throws RangeError when `digits` is empty or not all ASCII digits (a programming error).
 * @example verhoeffCheckDigit('2229800') // 6: SCTID 22298006, myocardial infarction
 */
export function verhoeffCheckDigit(digits: string): number {
  if (!allDigits.test(digits))
    throw new RangeError('verhoeffCheckDigit expects a non-empty string of digits');
  return verhoeffInv[fold(digits, 1)]!;
}

/** True when the last digit of `digits` is the Verhoeff check digit of the rest. False for non-digits. */
export function isVerhoeffValid(digits: string): boolean {
  return digits.length >= 2 && allDigits.test(digits) && fold(digits, 0) === 0;
}
