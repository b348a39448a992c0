/**
 * UK postcode checks: outward code (area + district) and inward code (sector digit + unit), in the
 * six formats A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, plus the special GIR 0AA, with
 * the positional letter rules of the NHS Data Dictionary / Royal Mail:
 * - position 1 never Q, V, X; position 2 (when a letter) never I, J, Z;
 * - position 3 of A9A only A B C D E F G H J K S T U W; position 4 of AA9A only A B E H M N P R V W X Y;
 * - the inward letters never C, I, K, M, O, V.
 * NHS pseudo-postcodes (`ZZ99 …`, which break the letter rules on purpose) are recognised first.
 * Overseas-territory postcodes (e.g. `ASCN 1ZZ`) and BFPO numbers are not UK postcodes here.
 * @module
 */

/** What an NHS pseudo-postcode stands for. */
export type PostcodePseudo =
  | 'no-fixed-abode'
  | 'not-known'
  | 'england-nos'
  | 'wales'
  | 'scotland'
  | 'northern-ireland'
  | 'country-of-residence';

/** The outcome of {@link checkPostcode}. */
export interface PostcodeCheck {
  readonly ok: boolean;
  /** Upper case, one space before the inward code (`SW1A 1AA`); set when `ok`. */
  readonly normalised?: string;
  /** Set when the value is an NHS pseudo-postcode (`ok` is true: the pseudo-postcodes are valid data). */
  readonly pseudo?: PostcodePseudo;
}

const namedPseudo: Readonly<Record<string, PostcodePseudo>> = {
  '3VZ': 'no-fixed-abode',
  '3WZ': 'not-known',
  '3CZ': 'england-nos',
  '3GZ': 'wales',
  '1WZ': 'scotland',
  '2WZ': 'northern-ireland',
};

/** Outward code + optional spaces + inward code; tolerant only of case and spacing. */
const split = /^([A-Z0-9]{2,4}) *([0-9][A-Z]{2})$/;
const outward =
  /^(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][ABCDEFGHJKSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;
const inward = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;
const pseudoInward = /^[0-9][A-Z]Z$/;

/** Longest input worth normalising: `AA9A 9AA` with generous spacing. Longer values fail at once. */
const maxLength = 16;

/**
 * Checks and normalises a UK postcode. Case and spacing are normalised (leading/trailing
 * whitespace, lower case, missing or repeated space between outward and inward code); nothing
 * else is forgiven.
 * @example checkPostcode('sw1a1aa') // { ok: true, normalised: 'SW1A 1AA' }
 * @example checkPostcode('ZZ99 3VZ') // { ok: true, normalised: 'ZZ99 3VZ', pseudo: 'no-fixed-abode' }
 */
export function checkPostcode(value: string): PostcodeCheck {
  if (value.length > maxLength) return { ok: false };
  const m = split.exec(value.trim().toUpperCase());
  if (!m) return { ok: false };
  const out = m[1]!;
  const inw = m[2]!;
  const normalised = `${out} ${inw}`;
  if (out === 'ZZ99' && pseudoInward.test(inw)) {
    return { ok: true, normalised, pseudo: namedPseudo[inw] ?? 'country-of-residence' };
  }
  if (normalised === 'GIR 0AA') return { ok: true, normalised };
  return outward.test(out) && inward.test(inw) ? { ok: true, normalised } : { ok: false };
}
