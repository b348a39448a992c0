import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPostcode } from './postcode.js';

const letters = (allowed: string) => fc.constantFrom(...allowed.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
const pos1 = letters('ABCDEFGHIJKLMNOPRSTUWYZ');
const pos2 = letters('ABCDEFGHKLMNOPQRSTUVWXY');
const pos3A9A = letters('ABCDEFGHJKSTUW');
const pos4AA9A = letters('ABEHMNPRVWXY');
const inwardLetter = letters('ABDEFGHJLNPQRSTUWXYZ');

/** Generated outward codes, one arbitrary per format. */
const outward = fc.oneof(
  fc.tuple(pos1, digit).map((p) => p.join('')),
  fc.tuple(pos1, digit, digit).map((p) => p.join('')),
  fc.tuple(pos1, pos2, digit).map((p) => p.join('')),
  fc.tuple(pos1, pos2, digit, digit).map((p) => p.join('')),
  fc.tuple(pos1, digit, pos3A9A).map((p) => p.join('')),
  fc.tuple(pos1, pos2, digit, pos4AA9A).map((p) => p.join('')),
);
const validPostcode = fc
  .tuple(outward, digit, inwardLetter, inwardLetter)
  .filter(([out]) => out !== 'ZZ99')
  .map(([out, d, a, b]) => `${out} ${d}${a}${b}`);

describe('checkPostcode', () => {
  it('accepts all six formats and GIR 0AA', () => {
    for (const p of [
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'W1A 0AX',
      'EC1A 1BB',
      'GIR 0AA',
    ]) {
      expect(checkPostcode(p)).toEqual({ ok: true, normalised: p });
    }
  });

  it('normalises case and spacing, nothing else', () => {
    expect(checkPostcode('sw1a1aa')).toEqual({ ok: true, normalised: 'SW1A 1AA' });
    expect(checkPostcode('  Sw1A   1aA ')).toEqual({ ok: true, normalised: 'SW1A 1AA' });
    expect(checkPostcode('gir0aa')).toEqual({ ok: true, normalised: 'GIR 0AA' });
    for (const p of ['SW1A-1AA', 'S W1A 1AA', 'SW1A 1 AA', 'SW1A.1AA'])
      expect(checkPostcode(p)).toEqual({ ok: false });
  });

  it('applies the positional letter rules', () => {
    const bad = [
      'QA1 1AA', // position 1 never Q
      'VA1 1AA', // position 1 never V
      'X1 1AA', // position 1 never X
      'AI1 1AA', // position 2 never I
      'AJ12 1AA', // position 2 never J
      'AZ1 1AA', // position 2 never Z (outside the ZZ99 pseudo-postcodes)
      'W1I 1AA', // A9A position 3 only A B C D E F G H J K S T U W
      'W1L 1AA',
      'EC1C 1BB', // AA9A position 4 only A B E H M N P R V W X Y
      'EC1D 1BB',
      'SW1A 1CA', // inward letters never C I K M O V
      'SW1A 1AI',
      'SW1A 1KA',
      'SW1A 1AM',
      'SW1A 1OA',
      'SW1A 1AV',
    ];
    for (const p of bad) expect(checkPostcode(p), p).toEqual({ ok: false });
  });

  it('rejects other shapes', () => {
    for (const p of [
      '',
      'SW1A',
      '1AA',
      'SW1A 1AAA',
      'SWW1A 1AA',
      '1W1 1AA',
      'SW1A AAA',
      'S 1AA',
      'GIR 0AB',
      'ASCN 1ZZ',
      'BFPO 1234',
    ]) {
      expect(checkPostcode(p), p).toEqual({ ok: false });
    }
  });

  it('recognises the NHS pseudo-postcodes', () => {
    const expected: [string, string][] = [
      ['ZZ99 3VZ', 'no-fixed-abode'],
      ['ZZ99 3WZ', 'not-known'],
      ['ZZ99 3CZ', 'england-nos'],
      ['ZZ99 3GZ', 'wales'],
      ['ZZ99 1WZ', 'scotland'],
      ['ZZ99 2WZ', 'northern-ireland'],
      ['ZZ99 4AZ', 'country-of-residence'],
      ['ZZ99 6HZ', 'country-of-residence'],
    ];
    for (const [p, pseudo] of expected)
      expect(checkPostcode(p)).toEqual({ ok: true, normalised: p, pseudo });
    expect(checkPostcode('zz993vz')).toEqual({
      ok: true,
      normalised: 'ZZ99 3VZ',
      pseudo: 'no-fixed-abode',
    });
    expect(checkPostcode('ZZ99 3VA')).toEqual({ ok: false });
    expect(checkPostcode('ZZ98 3VZ')).toEqual({ ok: false });
  });

  it('property: generated valid postcodes pass, in any case and spacing', () => {
    fc.assert(
      fc.property(validPostcode, fc.boolean(), fc.nat(3), (p, lower, spaces) => {
        const [out, inw] = p.split(' ');
        const variant = `${lower ? out!.toLowerCase() : out}${' '.repeat(spaces)}${inw}`;
        const r = checkPostcode(variant);
        return r.ok && r.normalised === p && r.pseudo === undefined;
      }),
    );
  });

  it('property: an accepted value always normalises to the strict grammar', () => {
    const strict = /^(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})$/;
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const r = checkPostcode(s);
        return !r.ok || (r.normalised !== undefined && strict.test(r.normalised));
      }),
    );
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    expect(checkPostcode('A'.repeat(100_000))).toEqual({ ok: false });
    expect(checkPostcode(`SW1A${' '.repeat(100_000)}1AA`)).toEqual({ ok: false });
    expect(checkPostcode(`${' '.repeat(99_990)}SW1A 1AA`)).toEqual({ ok: false });
  });
});
