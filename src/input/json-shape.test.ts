import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTooDeep } from './find-too-deep.js';
import { countProperties, namesBeforeColons, tallyValue } from './json-shape.js';
import { escapePointer, parseJson, scanJson } from './json-text.js';

/** The answer read from the text alone: depth first, then the scanner's own duplicates. */
function reference(text: string, limit: number): unknown {
  const deep = findTooDeep(text, limit);
  if (deep) return { ok: false, tooDeep: deep };
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return { ok: false, error: scanJson(src).error };
  }
  const duplicates = (scanJson(src).duplicates ?? []).map((d) => ({
    pointer: `${d.pointer}/${escapePointer(d.name)}`,
    name: d.name,
    position: d.position,
  }));
  return duplicates.length ? { ok: true, value, duplicates } : { ok: true, value };
}

/** JSON text with repeated names, colons inside strings and whitespace around them. */
const names = fc.constantFrom('a', 'b', ':', ':a', 'a:', '', 'a\\"', '\\u003ab', 'a\\\\');
const strings = fc.constantFrom('x', ':', ': y', 'a\\":', '\\":', '\\u003a', 'p\\\\', '');
const space = fc.constantFrom('', '', '', ' ', '\n', '\t');
const text = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    strings.map((s) => `"${s}"`),
    fc.constantFrom('1', 'true', 'null'),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(names, space, space, tie('value')), { maxLength: 4 })
    .map((ps) => `{${ps.map(([n, s1, s2, v]) => `"${n}"${s1}:${s2}${v as string}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 3 }).map((vs) => `[${vs.join(',')}]`),
})).value as fc.Arbitrary<string>;

describe('parseJson duplicates and depth', () => {
  it('agrees with the scanner reading the text, on any text and limit', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 5 }), fc.boolean(), (t, limit, bom) => {
        const input = bom ? `\uFEFF${t}` : t;
        expect(parseJson(input, limit)).toEqual(reference(input, limit));
        const { tooDeep: _, ...unlimited } = reference(input, 1e9) as { tooDeep?: unknown };
        expect(parseJson(input)).toEqual(unlimited);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it('finds a repeated name whose dropped value was the deep one', () => {
    const text = '{"a":[[[[1]]]],"a":1}';
    expect(parseJson(text, 3)).toEqual({ ok: false, tooDeep: { line: 1, column: 8 } });
    expect(parseJson(text, 5)).toMatchObject({ ok: true, duplicates: [{ pointer: '/a' }] });
  });

  it('reads nesting past the value walk exactly, without overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}{"a":1,"a":2}${']'.repeat(5000)}`;
    expect(parseJson(deep, 4000)).toEqual({ ok: false, tooDeep: { line: 1, column: 4001 } });
    const r = parseJson(deep, 6000);
    expect(r.ok && r.duplicates?.map((d) => d.pointer)).toEqual([`${'/0'.repeat(5000)}/a`]);
    expect(parseJson(deep)).toMatchObject({ ok: true, duplicates: [{ name: 'a' }] });
  });

  it('reports malformed text nesting past the limit as too deep', () => {
    expect(parseJson('[[[[', 2)).toEqual({ ok: false, tooDeep: { line: 1, column: 3 } });
    expect(parseJson('[[[[', 5)).toMatchObject({ ok: false, error: { line: 1 } });
  });
});

describe('the cheap counts', () => {
  it('counts names by their colons, and gives up on whitespace before a colon', () => {
    // an escaped quote before a colon counts too: the count stays at least the names
    expect(namesBeforeColons('{"a":1,"b":{"c":"x\\":y"}}')).toBe(4);
    expect(namesBeforeColons('{"a\\\\":1,"b":"\\\\"}')).toBe(2);
    expect(namesBeforeColons('{"a" :1}')).toBe(-1);
    expect(namesBeforeColons('{"a":"b : c"}')).toBe(-1);
  });

  it('finds a repeated name next to strings whose escaped quotes precede colons', () => {
    // more names than properties: the escaped quotes only add to the count
    for (const t of [
      '{"a":"\\":","a":1}',
      '{"a\\":":1,"a\\":":2}',
      '{"x":{"a":1,"a":2},"y":"\\":"}',
    ])
      expect(parseJson(t)).toMatchObject({ ok: true, duplicates: [{ name: expect.any(String) }] });
  });

  it('tallies properties and depth past the cap', () => {
    expect(tallyValue({ a: [{ b: 1 }, ':x'], c: {} }, 10)).toEqual({ properties: 3, deep: false });
    expect(tallyValue({ a: [[1]] }, 2).deep).toBe(true);
    expect(tallyValue({ a: [[1]] }, 3).deep).toBe(false);
  });

  it('tallies every property and the exact depth of any JSON value (walk that returns counts)', () => {
    // containers nested `depth` deep (the root is 1) hold `properties` names in all
    const measure = (v: unknown, level: number): number =>
      typeof v !== 'object' || v === null
        ? level - 1
        : Math.max(level, ...Object.values(v).map((c) => measure(c, level + 1)));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        if (typeof value !== 'object' || value === null) return;
        const depth = measure(value, 1);
        expect(tallyValue(value, depth)).toEqual({
          properties: countProperties(value),
          deep: false,
        });
        expect(tallyValue(value, depth + 5).properties).toBe(countProperties(value));
        expect(tallyValue(value, depth - 1).deep).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the depth past the cap in any branch, and with no room at all', () => {
    // the deep branch last, after siblings that count: the walk must still say deep
    const value = { a: [{ b: 1 }, { c: 2 }], z: [[[[{ d: [1] }]]]] };
    expect(tallyValue(value, 7)).toEqual({ properties: 5, deep: false });
    expect(tallyValue(value, 6).deep).toBe(true);
    expect(tallyValue([[], [[[]]]], 4).deep).toBe(false);
    expect(tallyValue([[], [[[]]]], 3).deep).toBe(true);
    expect(tallyValue({}, 0).deep).toBe(true);
    expect(tallyValue({}, -1).deep).toBe(true);
    // through parseJson: the limit is the deepest level allowed, arrays of arrays count
    expect(parseJson('[[[[1]]]]', 4)).toMatchObject({ ok: true });
    expect(parseJson('[[[[1]]]]', 3)).toMatchObject({ ok: false, tooDeep: { line: 1, column: 4 } });
  });
});
