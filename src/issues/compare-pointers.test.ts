import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePointers } from './compare-pointers.js';

const collator = new Intl.Collator('en', { numeric: true });
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
let fallbacks = 0;
const lazy = (): Intl.Collator => {
  fallbacks++;
  return collator;
};
const same = (a: string, b: string): void => {
  expect([a, b, sign(comparePointers(a, b, lazy))]).toEqual([a, b, sign(collator.compare(a, b))]);
};

/** Pointer tokens: names, indexes (with leading zeros sometimes), escapes, case, non-ASCII. */
const token = fc.oneof(
  fc.constantFrom(
    'entry',
    'resource',
    'code',
    'coding',
    'valueQuantity',
    'Value',
    'value',
    '_birthDate',
  ),
  fc.nat(120).map(String),
  fc.constantFrom('0', '00', '01', '007', '10', '9', '99', '100', '1000000000000000000000'),
  fc.constantFrom(
    'a~1b',
    'a~0b',
    '~0',
    '~1',
    'a-b',
    'a.b',
    'é',
    'É',
    'e',
    'E',
    'z',
    'ß',
    'ss',
    'İ',
    'i',
  ),
  fc.string({ maxLength: 4 }),
  fc.stringMatching(/^[a-zA-Z0-9/~._ -]{0,6}$/),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const pointer = fc.array(token, { maxLength: 6 }).map((ts) => ts.map((t) => `/${t}`).join(''));

describe('comparePointers', () => {
  it('gives the collator order on examples', () => {
    const cases = [
      ['/entry/2', '/entry/10'],
      ['/entry/10', '/entry/2/resource'],
      ['/entry/1', '/entry/1/resource'],
      ['/a/12', '/a/1b'],
      ['/a/1', '/a/b'],
      ['/a/1', '/a/'],
      ['/a/01', '/a/1'],
      ['/a/0', '/a/00'],
      ['/aB', '/ab'],
      ['/Ab', '/aC'],
      ['/a/b', '/a-b'],
      ['/a~1b', '/a/b'],
      ['/é', '/e'],
      ['/x/9', '/x/10'],
      ['/x/19', '/x/100'],
      ['', '/a'],
      ['/valueQuantity', '/value'],
      ['/valueQuantity', '/values'],
    ];
    for (const [a, b] of cases) {
      same(a!, b!);
      same(b!, a!);
    }
  });

  it('gives the collator order on random pointers, and on pointers sharing a prefix', () => {
    fc.assert(
      fc.property(pointer, pointer, (a, b) => same(a, b)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(pointer, pointer, pointer, (p, a, b) => same(p + a, p + b)),
      { numRuns: 20_000 },
    );
  });

  it('sorts like the collator', () => {
    fc.assert(
      fc.property(fc.array(pointer, { maxLength: 40 }), (ps) => {
        const mine = [...ps].sort((a, b) => comparePointers(a, b, lazy));
        const theirs = [...ps].sort((a, b) => collator.compare(a, b));
        expect(mine).toEqual(theirs);
      }),
      { numRuns: 2_000 },
    );
  });

  it('decides the usual pointers without the collator', () => {
    fallbacks = 0;
    const ps = [
      '/entry/2/resource',
      '/entry/10/resource/code',
      '/entry/10/resource/subject',
      '/meta',
      '/entry/2/fullUrl',
      '/entry/0',
    ];
    for (const a of ps) for (const b of ps) comparePointers(a, b, lazy);
    expect(fallbacks).toBe(0);
  });
});
