import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { primitiveTypes } from '../definitions/primitive-types.js';
import { checkPrimitive, primitiveCheckerOf } from './primitives.js';

// The spec's forms, as the checks stated them before their hand-written fast paths.
const reUuid = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const reDate = /^(\d{4})-(\d{2})-(\d{2})/;

function realDay(value: string): boolean {
  const m = reDate.exec(value);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

describe('primitive fast paths', () => {
  it('accepts a urn:uuid uri exactly when the UUID pattern does (fragment ignored)', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF-g'.split(''));
    const uuidish = fc
      .array(hex, { minLength: 34, maxLength: 38 })
      .map((cs) => `urn:uuid:${cs.join('')}`);
    const shaped = fc
      .tuple(
        fc.uuid(),
        fc.boolean(),
        fc.constantFrom('', '#frag', '#', 'x', ' '),
        fc.nat({ max: 44 }),
        hex,
      )
      .map(([u, upper, tail, at, c]) => {
        let s = `urn:uuid:${upper ? u.toUpperCase() : u}`;
        if (at >= 9) s = s.slice(0, at) + c + s.slice(at + 1);
        return s + tail;
      });
    fc.assert(
      fc.property(fc.oneof(uuidish, shaped), (value) => {
        const hash = value.indexOf('#');
        const bare = hash < 0 ? value : value.slice(0, hash);
        const expected = reUuid.test(bare) && !/\s/.test(value);
        expect(checkPrimitive('uri', value) === undefined, value).toBe(expected);
      }),
      { numRuns: 3000, seed: 3 },
    );
  });

  it('tells real calendar days from impossible ones', () => {
    const date = fc
      .tuple(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(date, fc.constantFrom('', 'T10:00:00Z'), (d, time) => {
        for (const type of time === '' ? ['date', 'dateTime'] : ['dateTime', 'instant']) {
          const finding = checkPrimitive(type, d + time);
          expect(finding?.code === 'primitive.invalid-date', `${type} ${d}${time}`).toBe(
            !realDay(d),
          );
        }
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  it('gives the same findings per type as checkPrimitive (primitiveCheckerOf)', () => {
    const samples = [
      'x',
      'a b',
      ' a',
      'a  b',
      '2024',
      '2024-02-30',
      '2024-02-29T10:00:00Z',
      '2024-01-01T10:00:00',
      '10:00:00',
      'urn:uuid:8ff49b6f-7726-4327-86c4-3069c43a8c3b',
      'urn:uuid:8FF49B6F-7726',
      'urn:oid:1.2.3',
      'http://example.org/x',
      'relative/path',
      '#frag',
      'aGVsbG8=',
      'a\u0001b',
      'id-1.2',
      'has space',
      '<div/>',
    ];
    const values: (string | number | boolean)[] = [
      ...samples,
      0,
      1,
      -1,
      1.5,
      2147483648,
      true,
      false,
    ];
    for (const type of [...primitiveTypes, 'unknown-type'])
      for (const v of values)
        expect(primitiveCheckerOf(type)(v), `${type} ${v}`).toEqual(checkPrimitive(type, v));
    fc.assert(
      fc.property(fc.constantFrom(...primitiveTypes), fc.string(), (type, v) => {
        expect(primitiveCheckerOf(type)(v)).toEqual(checkPrimitive(type, v));
      }),
    );
  });
});
