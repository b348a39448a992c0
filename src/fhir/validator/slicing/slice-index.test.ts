import { describe, expect, it } from 'vitest';
import { parseDiscriminatorPath } from './discriminator-path.js';
import {
  buildExactIndexes,
  buildSliceIndex,
  exactMatches,
  sliceCandidates,
} from './slice-index.js';

const url = parseDiscriminatorPath('url');
const pattern = (value: unknown, steps = url) => ({ kind: 'pattern', steps, value }) as const;
const none = { kind: 'none' } as const;

describe('slice index', () => {
  it('finds the candidate slices by the string the item has at the discriminator path', () => {
    const index = buildSliceIndex([
      { expectations: [pattern('a')] },
      { expectations: [pattern('b')] },
      { expectations: [none] },
      { expectations: [pattern('a')] },
    ])!;
    expect(sliceCandidates(index, { url: 'a' })).toBe(0b1101);
    expect(sliceCandidates(index, { url: 'b' })).toBe(0b0110);
    expect(sliceCandidates(index, { url: 'c' })).toBe(0b0100);
    expect(sliceCandidates(index, 'a')).toBe(0b0100);
  });

  it('follows arrays and choice names as the matcher does', () => {
    const steps = parseDiscriminatorPath('coding.code');
    const index = buildSliceIndex([
      { expectations: [pattern('x', steps)] },
      { expectations: [pattern('y', steps)] },
      { expectations: [pattern('z', steps)] },
    ])!;
    expect(sliceCandidates(index, { coding: [{ code: 'y' }, { code: 'x' }] })).toBe(0b011);
    const valueSteps = parseDiscriminatorPath('value');
    const value = buildSliceIndex(
      ['p', 'q', 'r'].map((v) => ({ expectations: [pattern(v, valueSteps)] })),
    )!;
    expect(sliceCandidates(value, { valueString: 'q' })).toBe(0b010);
  });

  it('is not built for a non-string value, differing paths, nothing expected, or few slices', () => {
    const a = { expectations: [pattern('a')] };
    expect(buildSliceIndex([a, a, { expectations: [pattern({ code: 'a' })] }])).toBeUndefined();
    expect(
      buildSliceIndex([a, a, { expectations: [pattern('b', parseDiscriminatorPath('system'))] }]),
    ).toBeUndefined();
    expect(
      buildSliceIndex([
        { expectations: [none] },
        { expectations: [none] },
        { expectations: [none] },
      ]),
    ).toBeUndefined();
    expect(buildSliceIndex([a, a])).toBeUndefined();
  });

  it('uses a later discriminator when the first cannot be indexed', () => {
    const index = buildSliceIndex([
      { expectations: [pattern(1), pattern('a')] },
      { expectations: [pattern(2), pattern('b')] },
      { expectations: [pattern(3), pattern('c')] },
    ])!;
    expect(sliceCandidates(index, { url: 'b' })).toBe(0b010);
  });

  it('gives the matching slices when every discriminator can be indexed', () => {
    const code = parseDiscriminatorPath('code');
    const system = parseDiscriminatorPath('system');
    const exact = buildExactIndexes([
      { expectations: [pattern('a', code), pattern('s', system)] },
      { expectations: [pattern('b', code), pattern('s', system)] },
      { expectations: [pattern('a', code), none] },
    ])!;
    expect(exactMatches(exact, { code: 'a', system: 's' })).toBe(0b101);
    expect(exactMatches(exact, { code: 'b', system: 's' })).toBe(0b010);
    expect(exactMatches(exact, { code: 'a', system: 't' })).toBe(0b100);
    expect(exactMatches(exact, { code: 'c', system: 's' })).toBe(0);
    // one slice is enough; a discriminator that cannot be indexed gives none
    expect(exactMatches(buildExactIndexes([{ expectations: [pattern('a')] }])!, { url: 'a' })).toBe(
      1,
    );
    expect(buildExactIndexes([{ expectations: [pattern('a'), pattern(2)] }])).toBeUndefined();
    expect(buildExactIndexes([{ expectations: [] }])).toBeUndefined();
  });

  it('indexes values fixed in re-slices: each required one, else some optional one', () => {
    const code = parseDiscriminatorPath('code.coding.code');
    const reslices = (required: string[], optional: string[] = []) =>
      ({ kind: 'reslices', steps: code, required, optional }) as const;
    const exact = buildExactIndexes([
      { expectations: [reslices(['a'])] },
      { expectations: [reslices(['b', 'c'])] },
      { expectations: [reslices([], ['d', 'e'])] },
      { expectations: [pattern('f', code)] },
    ])!;
    const item = (...codes: string[]) => ({ code: { coding: codes.map((c) => ({ code: c })) } });
    expect(exactMatches(exact, item('a'))).toBe(0b0001);
    expect(exactMatches(exact, item('b'))).toBe(0);
    expect(exactMatches(exact, item('c', 'b'))).toBe(0b0010);
    expect(exactMatches(exact, item('e'))).toBe(0b0100);
    expect(exactMatches(exact, item('f', 'a'))).toBe(0b1001);
    // a value that is not a string is not indexed; nor are re-slices in the prefilter
    expect(buildExactIndexes([{ expectations: [reslices([], [])] }])).toBeUndefined();
    expect(
      buildExactIndexes([
        { expectations: [{ kind: 'reslices', steps: code, required: [1], optional: [] }] },
      ]),
    ).toBeUndefined();
    expect(
      buildSliceIndex(['a', 'b', 'c'].map((v) => ({ expectations: [reslices([v])] }))),
    ).toBeUndefined();
  });

  it('compares few values one by one and many through the map, with one answer', () => {
    const many = Array.from({ length: 12 }, (_, k) => ({ expectations: [pattern(`v${k}`)] }));
    const few = many.slice(0, 4);
    for (const slices of [few, many]) {
      const exact = buildExactIndexes(slices)!;
      expect(exactMatches(exact, { url: 'v2' })).toBe(0b100);
      expect(exactMatches(exact, { url: 'v' })).toBe(0);
      expect(exactMatches(exact, { url: 2 })).toBe(0);
    }
  });

  it('reads each discriminator name as the item holds it (the common names by loads of their own)', () => {
    const names = ['code', 'system', 'coding', 'url', 'type', 'use', 'value', 'other'];
    for (const name of names) {
      const steps = parseDiscriminatorPath(name);
      const exact = buildExactIndexes([
        { expectations: [pattern('a', steps)] },
        { expectations: [pattern('b', steps)] },
        { expectations: [pattern('c', steps)] },
      ])!;
      const prefilter = buildSliceIndex([
        { expectations: [pattern('a', steps)] },
        { expectations: [pattern('b', steps)] },
        { expectations: [pattern('c', steps)] },
      ])!;
      for (const other of names) {
        const item = { [other]: 'b' };
        const expected = other === name ? 0b010 : 0;
        expect(exactMatches(exact, item), `${name} in ${other}`).toBe(expected);
        expect(sliceCandidates(prefilter, item), `${name} in ${other}`).toBe(expected);
      }
      // an inherited property is read as `item[name]` reads it, arrays item by item
      expect(exactMatches(exact, Object.create({ [name]: 'c' }))).toBe(0b100);
      expect(exactMatches(exact, { [name]: ['a', 'c'] })).toBe(0b101);
      // a choice element reached by its name (`value` → `valueString`)
      expect(exactMatches(exact, { [`${name}String`]: 'a' })).toBe(0b001);
    }
  });
});
