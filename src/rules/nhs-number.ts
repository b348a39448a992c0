/**
 * NHS number checks (England, Wales, Isle of Man): 10 digits, Modulus 11 check digit, never a
 * string of one repeated digit, and the `999` range reserved for test data.
 *
 * Algorithm (NHS Data Dictionary, "NHS Number"): multiply digits 1–9 by the weights 10…2, sum,
 * `r = sum mod 11`, `check = 11 − r`; a check of 11 becomes 0, a check of 10 means no valid number
 * has those nine digits; the number is valid when the check equals digit 10.
 * @module
 */

/** Why an NHS number is not valid. */
export type NhsNumberProblem = 'format' | 'check-digit' | 'same-digits';

/** The outcome of {@link checkNhsNumber}. */
export interface NhsNumberCheck {
  /** True when the value is a well-formed NHS number with a correct check digit. */
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly problem?: NhsNumberProblem;
  /** True when the (well-formed) number lies in 999 000 0000 – 999 999 9999, reserved for test data. */
  readonly testRange: boolean;
}

/** Options of {@link checkNhsNumber}. */
export interface NhsNumberOptions {
  /**
   * Accept the 3-3-4 display form with one kind of separator (`943 476 5919`, `943-476-5919`).
   * Default false: in FHIR (`Identifier.value` with system `https://fhir.nhs.uk/Id/nhs-number`) and
   * in the CLD return the value must be exactly 10 digits.
   */
  readonly allowSeparators?: boolean;
}

const plain = /^\d{10}$/;
const separated = /^(\d{3})([ -]?)(\d{3})\2(\d{4})$/;
const nineDigitsPattern = /^\d{9}$/;
const sameDigits = /^(\d)\1{9}$/;

/**
 * The Modulus 11 check digit for the first nine digits of an NHS number, or `undefined` when no
 * valid NHS number starts with those nine digits (the check would be 10). Meant for generators of
 * synthetic data.
 * @throws RangeError when `nineDigits` is not exactly nine ASCII digits (a programming error).
 * @example nhsNumberCheckDigit('943476591') // 9
 */
export function nhsNumberCheckDigit(nineDigits: string): number | undefined {
  if (!nineDigitsPattern.test(nineDigits))
    throw new RangeError('nhsNumberCheckDigit expects exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/**
 * Checks an NHS number: format (10 digits, or 3-3-4 with `allowSeparators`), then the same-digit
 * rule (0000000000 … 9999999999 pass Modulus 11 but are never issued), then the check digit.
 * `testRange` is reported for every well-formed value, whatever its check digit.
 * @example checkNhsNumber('9434765919') // { ok: true, testRange: false }
 * @example checkNhsNumber('9999999999') // { ok: false, problem: 'same-digits', testRange: true }
 */
export function checkNhsNumber(value: string, options: NhsNumberOptions = {}): NhsNumberCheck {
  let digits: string;
  if (plain.test(value)) {
    digits = value;
  } else {
    const m = options.allowSeparators ? separated.exec(value) : null;
    if (!m) return { ok: false, problem: 'format', testRange: false };
    digits = `${m[1]}${m[3]}${m[4]}`;
  }
  const testRange = digits.startsWith('999');
  if (sameDigits.test(digits)) return { ok: false, problem: 'same-digits', testRange };
  const check = nhsNumberCheckDigit(digits.slice(0, 9));
  if (check === undefined || check !== digits.charCodeAt(9) - 48)
    return { ok: false, problem: 'check-digit', testRange };
  return { ok: true, testRange };
}
