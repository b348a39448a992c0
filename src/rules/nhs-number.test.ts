import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNhsNumber, nhsNumberCheckDigit } from './nhs-number.js';

/** Nine digits whose Modulus 11 check exists, completed into a valid NHS number. */
const validNhsNumber = fc
  .stringMatching(/^\d{9}$/)
  .filter((nine) => nhsNumberCheckDigit(nine) !== undefined && !/^(\d)\1{8}$/.test(nine))
  .map((nine) => `${nine}${nhsNumberCheckDigit(nine)}`);

describe('checkNhsNumber', () => {
  it('accepts known valid numbers and reports the test range', () => {
    expect(checkNhsNumber('9434765919')).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('9912003888')).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('9990000018')).toEqual({ ok: true, testRange: true });
  });

  it('reports check-digit for a wrong tenth digit and for a check of 10', () => {
    expect(checkNhsNumber('9434765918')).toEqual({
      ok: false,
      problem: 'check-digit',
      testRange: false,
    });
    expect(checkNhsNumber('9912003890')).toMatchObject({ ok: false, problem: 'check-digit' });
    // 100000001: 1×10 + 1×2 = 12, r = 1, check = 10: no valid number has these nine digits.
    expect(nhsNumberCheckDigit('100000001')).toBeUndefined();
    for (let d = 0; d <= 9; d++)
      expect(checkNhsNumber(`100000001${d}`).problem).toBe('check-digit');
  });

  it('reports same-digits for every repeated-digit string although they pass Modulus 11', () => {
    for (let d = 0; d <= 9; d++) {
      const value = String(d).repeat(10);
      expect(nhsNumberCheckDigit(value.slice(0, 9))).toBe(d);
      expect(checkNhsNumber(value)).toEqual({
        ok: false,
        problem: 'same-digits',
        testRange: d === 9,
      });
    }
  });

  it('reports format for wrong lengths, non-digits and whitespace', () => {
    for (const v of [
      '',
      '943476591',
      '94347659190',
      '943476591X',
      ' 9434765919',
      '9434765919 ',
      '９４３４７６５９１９',
      '943 476 5919',
    ]) {
      expect(checkNhsNumber(v)).toEqual({ ok: false, problem: 'format', testRange: false });
    }
  });

  it('accepts 3-3-4 separators only with allowSeparators, and only consistent ones', () => {
    const opts = { allowSeparators: true };
    expect(checkNhsNumber('943 476 5919', opts)).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('943-476-5919', opts)).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('9434765919', opts)).toEqual({ ok: true, testRange: false });
    for (const v of [
      '943 476-5919',
      '9434 76 5919',
      '943  476 5919',
      '943.476.5919',
      '943 4765919',
    ]) {
      expect(checkNhsNumber(v, opts).problem).toBe('format');
    }
  });

  it('nhsNumberCheckDigit rejects malformed input as a programming error', () => {
    expect(() => nhsNumberCheckDigit('12345678')).toThrow(RangeError);
    expect(() => nhsNumberCheckDigit('12345678a')).toThrow(RangeError);
  });

  it('property: generated valid numbers pass; the 999 prefix sets testRange', () => {
    fc.assert(
      fc.property(validNhsNumber, (n) => {
        const r = checkNhsNumber(n);
        return r.ok && r.problem === undefined && r.testRange === n.startsWith('999');
      }),
    );
  });

  it('property: any single-digit change of a valid number fails (Modulus 11 catches all of them)', () => {
    fc.assert(
      fc.property(validNhsNumber, fc.nat(9), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const digit = (n.charCodeAt(pos) - 48 + delta) % 10;
        const changed = `${n.slice(0, pos)}${digit}${n.slice(pos + 1)}`;
        const r = checkNhsNumber(changed);
        return !r.ok && (r.problem === 'check-digit' || r.problem === 'same-digits');
      }),
    );
  });

  it('property: never throws and never accepts a value that is not 10 digits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = checkNhsNumber(s, { allowSeparators: true });
        return !r.ok || /^\d{3}([ -]?)\d{3}\1\d{4}$/.test(s);
      }),
    );
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    const long = '9'.repeat(100_000);
    expect(checkNhsNumber(long)).toEqual({ ok: false, problem: 'format', testRange: false });
    expect(checkNhsNumber('943 '.repeat(25_000), { allowSeparators: true }).problem).toBe('format');
    expect(checkNhsNumber(`${'1'.repeat(99_999)}-`, { allowSeparators: true }).problem).toBe(
      'format',
    );
  });
});
