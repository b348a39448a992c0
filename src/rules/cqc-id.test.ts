import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCqcId } from './cqc-id.js';

describe('checkCqcId', () => {
  it('accepts observed location and provider ids', () => {
    for (const id of [
      '1-545611283',
      '1-1000210669',
      '1-199747506',
      '1-12345678',
      '1-12345678901',
    ]) {
      expect(checkCqcId(id)).toEqual({ ok: true });
    }
  });

  it('reports format for missing prefix, wrong lengths, letters and whitespace', () => {
    for (const id of [
      '',
      '545611283',
      '1-',
      '1-1234567',
      '1-123456789012',
      '2-545611283',
      '1545611283',
      '1 545611283',
      '1-54561128A',
      ' 1-545611283',
      'RXX-545611283',
    ]) {
      expect(checkCqcId(id), id).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('property: 1- and 8 to 11 digits pass, anything accepted has that shape', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8,11}$/), (digits) => checkCqcId(`1-${digits}`).ok),
    );
    fc.assert(fc.property(fc.string(), (s) => !checkCqcId(s).ok || /^1-\d{8,11}$/.test(s)));
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    expect(checkCqcId(`1-${'9'.repeat(100_000)}`)).toEqual({ ok: false, problem: 'format' });
    expect(checkCqcId('1-'.repeat(50_000))).toEqual({ ok: false, problem: 'format' });
  });
});
