import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isVerhoeffValid,
  verhoeffCheckDigit,
  verhoeffD,
  verhoeffInv,
  verhoeffP,
} from './verhoeff.js';

describe('Verhoeff tables', () => {
  it('builds the permutation table by composing row 1 (row 4 is 9 4 5 3 1 2 6 8 7 0)', () => {
    expect(verhoeffP[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(verhoeffP[1]).toEqual([1, 5, 7, 6, 2, 8, 3, 0, 9, 4]);
    expect(verhoeffP[2]).toEqual([5, 8, 0, 3, 7, 9, 6, 1, 4, 2]);
    expect(verhoeffP[4]).toEqual([9, 4, 5, 3, 1, 2, 6, 8, 7, 0]);
    expect(verhoeffP[7]).toEqual([7, 0, 4, 6, 9, 1, 3, 2, 5, 8]);
    // p has order 8: one more composition returns the identity.
    expect(verhoeffP[7]!.map((v) => verhoeffP[1]![v])).toEqual(verhoeffP[0]);
  });

  it('builds the D5 multiplication and inverse tables', () => {
    expect(verhoeffD[1]).toEqual([1, 2, 3, 4, 0, 6, 7, 8, 9, 5]);
    expect(verhoeffD[5]).toEqual([5, 9, 8, 7, 6, 0, 4, 3, 2, 1]);
    expect(verhoeffD[9]).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(verhoeffInv).toEqual([0, 4, 3, 2, 1, 5, 6, 7, 8, 9]);
  });

  it('freezes the shared tables (no module-level mutable state)', () => {
    for (const table of [verhoeffD, verhoeffP]) {
      expect(Object.isFrozen(table)).toBe(true);
      for (const row of table) expect(Object.isFrozen(row)).toBe(true);
    }
    expect(Object.isFrozen(verhoeffInv)).toBe(true);
  });
});

describe('verhoeffCheckDigit / isVerhoeffValid', () => {
  it('matches published examples', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(isVerhoeffValid('2363')).toBe(true);
    expect(isVerhoeffValid('2364')).toBe(false);
    expect(verhoeffCheckDigit('2229800')).toBe(6);
    expect(isVerhoeffValid('22298006')).toBe(true);
  });

  it('rejects non-digits: a programming error for the generator, false for the validator', () => {
    expect(() => verhoeffCheckDigit('')).toThrow(RangeError);
    expect(() => verhoeffCheckDigit('12a')).toThrow(RangeError);
    expect(isVerhoeffValid('12a')).toBe(false);
    expect(isVerhoeffValid('0')).toBe(false);
  });

  it('property: appending the check digit always validates, for digit strings longer than 2^53', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,40}$/), (digits) =>
        isVerhoeffValid(`${digits}${verhoeffCheckDigit(digits)}`),
      ),
    );
  });
});
