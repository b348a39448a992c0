import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { primitiveTypes } from '../definitions/primitive-types.js';
import { systemSlot } from '../terminology/system-slot.js';
import { checkPrimitive, codeSlot, primitiveCheckerFor, primitiveCheckerOf } from './primitives.js';

// The spec's forms, as the checks stated them before their hand-written fast paths.
const reUuid = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const reDate = /^(\d{4})-(\d{2})-(\d{2})/;

// The regexes of the spec's date, dateTime and instant (the year, month, day, time and zone parts).
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const TZ = '(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const MM = '-(0[1-9]|1[0-2])';
const DD = '-(0[1-9]|[12][0-9]|3[01])';
const datePatterns: Record<string, RegExp> = {
  date: new RegExp(`^${YEAR}(${MM}(${DD})?)?$`),
  dateTime: new RegExp(`^${YEAR}(${MM}(${DD}(T${TIME}${TZ})?)?)?$`),
  instant: new RegExp(`^${YEAR}${MM}${DD}T${TIME}${TZ}$`),
};

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

  it('decides each field of a date-like value at its bounds as the spec patterns do', () => {
    const years = ['0000', '0001', '1900', '2000', '2023', '2024', '9999', '20a4'];
    const months = ['', '-00', '-01', '-02', '-12', '-13', '-1x', '/01'];
    const days = ['', '-00', '-01', '-28', '-29', '-30', '-31', '-32', '-3'];
    const times = [
      '',
      'T00:00:00Z',
      'T23:59:60Z',
      'T24:00:00Z',
      'T23:60:00Z',
      'T23:59:61Z',
      'T10:00:00.5Z',
      'T10:00:00.Z',
      'T10:00:00.123456+14:00',
      'T10:00:00+14:01',
      'T10:00:00-13:59',
      'T10:00:00+13:60',
      'T10:00:00+15:00',
      'T10:00:00+1:00',
      'T10:00:00+01:00x',
      'T10:00:00',
      'T10:00:00ZZ',
      ' 10:00:00Z',
      'T10-00:00Z',
    ];
    let passed = 0;
    for (const y of years)
      for (const m of months)
        for (const d of days)
          for (const t of times) {
            const v = y + m + d + t;
            for (const type of ['date', 'dateTime', 'instant']) {
              const finding = checkPrimitive(type, v);
              const expected = datePatterns[type]!.test(v)
                ? realDay(v)
                  ? undefined
                  : 'primitive.invalid-date'
                : type !== 'date' && datePatterns['instant']!.test(`${v}Z`)
                  ? 'primitive.timezone-required'
                  : 'primitive.invalid-format';
              expect(finding?.code, `${type} ${v}`).toBe(expected);
              if (finding === undefined) passed++;
            }
          }
    expect(passed).toBeGreaterThan(100);
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

  it('remembers the systems that passed without passing another value of their slot', () => {
    // values of one slot (same length, same last character), valid and not, met in turn
    const slotted = [
      'http://snomed.info/sct',
      'http://snomed.inf\u0001/sct',
      'http://snomed.info/s t',
      'http://snomed.info/xct',
      'http://snomed.info/sct',
      'http://snomed.info/s t',
      'http://snomed.info/xct',
      'http://snomed.inf\u0001/sct',
    ];
    expect(new Set(slotted.map(systemSlot)).size).toBe(1);
    const values = [
      ...slotted,
      ...[...slotted].reverse(),
      'urn:uuid:x',
      1,
      true,
      'a b',
      'a b',
      'x',
    ];
    for (const [type, name] of [
      ['uri', 'system'],
      ['uri', 'value'],
      ['url', 'system'],
      ['code', 'system'],
    ] as const) {
      const check = primitiveCheckerFor(type, name);
      for (const v of values)
        expect(check(v), `${type} ${name} ${v}`).toEqual(checkPrimitive(type, v));
    }
    const check = primitiveCheckerFor('uri', 'system');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...slotted, 'a', 'b c', '')), (list) => {
        for (const v of list) expect(check(v)).toEqual(checkPrimitive('uri', v));
      }),
    );
  });

  it('remembers the codes that passed without passing another value of their slot', () => {
    // values of one slot (same length, same last and middle characters), valid and not, in turn
    const slotted = ['final', 'f\tnal', ' inal', 'f nal', 'final', 'fanal', ' inal', 'f\tnal'];
    expect(new Set(slotted.map(codeSlot)).size).toBe(1);
    const values = [...slotted, ...[...slotted].reverse(), 'a  b', 1, true, 'ab', 'ab', 'a b'];
    for (const name of ['code', 'status', 'system']) {
      const check = primitiveCheckerFor('code', name);
      for (const v of values) expect(check(v), `${name} ${v}`).toEqual(checkPrimitive('code', v));
    }
    const check = primitiveCheckerFor('code', 'code');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...slotted, 'a', 'b  c', '', ' ')), (list) => {
        for (const v of list) expect(check(v)).toEqual(checkPrimitive('code', v));
      }),
    );
  });

  it('decides code, id, string, uri and date-like values as the spec patterns do', () => {
    const patterns: Record<string, RegExp> = {
      code: /^[^\s]+( [^\s]+)*$/,
      id: /^[A-Za-z0-9\-.]{1,64}$/,
      // eslint-disable-next-line no-control-regex
      string: /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$/,
      // eslint-disable-next-line no-control-regex
      uri: /^(?!urn:uuid:)[^\s\u0000-\u001F]*$|^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(#[^\s\u0000-\u001F]*)?$/,
      ...datePatterns,
    };
    const dateLike = new Set(['date', 'dateTime', 'instant']);
    const passes = (type: string, v: string): boolean =>
      patterns[type]!.test(v) && (!dateLike.has(type) || realDay(v));
    const chars = fc.constantFrom(
      ...'0123456789-:.TZ+ a#Az'.split(''),
      '\t',
      '\n',
      '\u0001',
      '\u00a0',
      '\u2000',
      '\u3000',
      '\ufeff',
      '\u007f',
    );
    const text = fc.array(chars, { maxLength: 30 }).map((cs) => cs.join(''));
    const dated = fc
      .tuple(
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        fc.nat(30),
        chars,
      )
      .map(([d, at, c]) => {
        const s = d.toISOString();
        return at < s.length ? s.slice(0, at) + c + s.slice(at + 1) : s;
      });
    const cut = fc
      .tuple(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }), fc.nat(30))
      .map(([d, n]) => d.toISOString().replace('.000', '').slice(0, n));
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(patterns)),
        fc.oneof(
          text,
          dated,
          cut,
          fc.uuid().map((u) => `urn:uuid:${u}`),
        ),
        (type, v) => {
          if (v === '') return;
          expect(checkPrimitive(type, v) === undefined, `${type} ${JSON.stringify(v)}`).toBe(
            passes(type, v),
          );
        },
      ),
      { numRuns: 20000, seed: 7 },
    );
  });
});
