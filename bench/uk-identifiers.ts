/**
 * Synthetic UK identifiers for the benchmark corpus: NHS numbers from the 999 test range with valid
 * Modulus 11 check digits, ODS codes (letter + 5 digits), postcodes, UUIDs. Never real people.
 * @module
 */
import { nhsNumberCheckDigit } from '../src/rules/nhs-number.js';
import type { Rng } from './prng.js';

/** An NHS number in the 999 test range whose check digit is valid (Modulus 11). */
export function testNhsNumber(rng: Rng): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const nine = `999${rng.digits(6)}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined && !/^(\d)\1{8}$/.test(nine)) return `${nine}${check}`;
  }
  throw new Error('no NHS number found in 100 attempts (unreachable in practice)');
}

/** A GP practice style ODS code: one letter and five digits (e.g. `Y12345`). */
export function odsPracticeCode(rng: Rng): string {
  return `${rng.pick([...'ABCDEFGHJKLMNPY'])}${rng.digits(5)}`;
}

/** A well-formed UK postcode in a plausible outward code (synthetic). */
export function ukPostcode(rng: Rng): string {
  const outward = rng.pick(['LS1', 'LS6', 'M1', 'M14', 'B15', 'NE1', 'S10', 'BS8', 'NG7', 'L3']);
  return `${outward} ${rng.int(1, 9)}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}`;
}

/** A version 4 UUID (lower-case hex) drawn from the generator. */
export function uuid(rng: Rng): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += rng.int(0, 15).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

/** An ISO date `YYYY-MM-DD` between the two years (days 1–28, always real). */
export function isoDate(rng: Rng, fromYear: number, toYear: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}

/** An ISO dateTime with a timezone (Z or +01:00, as FHIR requires when a time is given). */
export function isoDateTime(rng: Rng, fromYear: number, toYear: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${isoDate(rng, fromYear, toYear)}T${pad(rng.int(7, 19))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}${rng.pick(['Z', '+01:00', '+00:00'])}`;
}
