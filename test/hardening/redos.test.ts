/**
 * Primitive checks on adversarial input: every FHIR R4 primitive type's check returns a result for
 * 100,000-character strings built to make backtracking regexes explode (long runs, almost-matching
 * prefixes, repeated groups with a bad last character). Results only: no timing here; the
 * benchmark and the fuzz script catch hangs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPrimitive, jsonTypeOf, primitiveTypes } from '../../src/fhir/validator/primitives.js';

const n = 100_000;

/** Strings aimed at the shapes of the R4 regexes (dates, code, id, oid, uuid, uri, base64, decimal). */
const adversarial: readonly string[] = [
  'a'.repeat(n),
  '0'.repeat(n),
  `${'1'.repeat(n - 1)}!`,
  ' '.repeat(n),
  `${'a '.repeat(n / 2)} `,
  `${'a  '.repeat(n / 3)}a`,
  `${'a'.repeat(n - 1)} `,
  `2020-01-01T10:00:00${'0'.repeat(n)}`,
  `2020-01-01T10:00:00.${'9'.repeat(n)}`,
  `2020-01-01T10:00:00.${'9'.repeat(n)}Z`,
  `${'2020-'.repeat(n / 5)}`,
  `urn:oid:1${'.1'.repeat(n / 2)}x`,
  `urn:oid:1${'.0'.repeat(n / 2)}`,
  `urn:uuid:${'0'.repeat(n)}`,
  `${'A'.repeat(n - 1)}=`,
  `${'AAAA'.repeat(n / 4)}===`,
  `${'AA AA\n'.repeat(n / 6)}!`,
  `${'-'.repeat(n)}`,
  `${'.'.repeat(n)}`,
  `http://${'a'.repeat(n)} x`,
  `${'\u0000'.repeat(n)}`,
  `${'\u00e9'.repeat(n)}`,
  `${'\ud83d\ude00'.repeat(n / 2)}`,
  `${'\ud800'.repeat(n)}`,
  `<div xmlns="http://www.w3.org/1999/xhtml">${'<p>'.repeat(n / 3)}`,
];

function expectFinding(result: unknown): void {
  if (result === undefined) return;
  expect(result).toBeTypeOf('object');
  expect(typeof (result as { code: unknown }).code).toBe('string');
}

describe('checkPrimitive on adversarial strings', () => {
  for (const type of [...primitiveTypes].filter((t) => jsonTypeOf(t) === 'string')) {
    it(`returns a result for ${type} on 100,000-character inputs`, () => {
      for (const value of adversarial) expectFinding(checkPrimitive(type, value));
    });
  }

  it('rejects the obviously invalid long values', () => {
    expect(checkPrimitive('date', `${'2020-'.repeat(n / 5)}`)).toBeDefined();
    expect(checkPrimitive('dateTime', `2020-01-01T10:00:00${'0'.repeat(n)}`)).toBeDefined();
    expect(checkPrimitive('oid', `urn:oid:1${'.1'.repeat(n / 2)}x`)).toBeDefined();
    expect(checkPrimitive('base64Binary', `${'A'.repeat(n - 2)}=A`)).toBeDefined();
    expect(checkPrimitive('code', `${'a'.repeat(n - 1)} `)).toBeDefined();
  });

  it('returns a result for numeric types on extreme numbers', () => {
    for (const type of ['integer', 'positiveInt', 'unsignedInt', 'decimal', 'integer64']) {
      for (const value of [
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.MIN_VALUE,
        2 ** 53 + 1,
        Number.NaN,
        Infinity,
        -0,
      ]) {
        expectFinding(checkPrimitive(type, value));
      }
    }
  });

  it('returns a result for any string on any primitive type (property)', () => {
    const types = [...primitiveTypes];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.string({ unit: 'binary', maxLength: 2_000 }),
        (type, value) => {
          expectFinding(checkPrimitive(type, value));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('returns a result for repeated near-miss patterns (property)', () => {
    const types = [...primitiveTypes].filter((t) => jsonTypeOf(t) === 'string');
    const unit = fc.constantFrom(
      'a',
      ' ',
      '0',
      '9',
      '-',
      ':',
      'T',
      'Z',
      '.',
      '=',
      '+',
      '/',
      'urn:oid:',
      '2020-01-01',
      '\n',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.array(unit, { maxLength: 8 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.string({ maxLength: 2 }),
        (type, parts, times, tail) => {
          expectFinding(checkPrimitive(type, `${parts.join('').repeat(times)}${tail}`));
        },
      ),
      { numRuns: 300 },
    );
  });
});
