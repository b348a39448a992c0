import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import { withPositions } from './issue-positions.js';
import { containerSource, scanJson } from './json-scan.js';

const issue = (pointer: string, extra: Partial<Issue> = {}): Issue => ({
  code: 'x.y',
  severity: 'error',
  message: 'm',
  expression: 'e',
  pointer,
  params: {},
  ...extra,
});

describe('withPositions', () => {
  const text = '{\n "a/b": {"~": [1, {"x": 2}]},\n "c": [[], {"d": 3}]\n}';

  it('places each issue at its pointer, or at the nearest enclosing value present', () => {
    const out = withPositions(
      [issue('/a~1b/~0/1/x'), issue('/c/1/d'), issue('/c/1/missing'), issue('/c/5'), issue('')],
      text,
    );
    expect(out.map((i) => i.position)).toEqual([
      { line: 2, column: 20 },
      { line: 3, column: 13 },
      { line: 3, column: 12 },
      { line: 3, column: 2 },
      { line: 1, column: 1 },
    ]);
  });

  it('keeps positions already set and the key order of the issue, position last', () => {
    const set = issue('/c', { position: { line: 9, column: 9 } });
    const [kept, placed] = withPositions([set, issue('/c/0', { requirements: ['R'] })], text);
    expect(kept).toBe(set);
    expect(Object.keys(placed!)).toEqual([
      'code',
      'severity',
      'message',
      'expression',
      'pointer',
      'params',
      'requirements',
      'position',
    ]);
  });

  it('reads a token that is not escaped as RFC 6901 writes it as naming no property', () => {
    // `~2` and a bare `~` unescape to themselves, but a property `~2` has the pointer `/~02`
    const odd = '{"~2": {"a": 1}, "~": 2}';
    const out = withPositions([issue('/~2/a'), issue('/~'), issue('/~02/a'), issue('/~0')], odd);
    expect(out.map((i) => i.position)).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 1 },
      { line: 1, column: 9 },
      { line: 1, column: 18 },
    ]);
  });

  it('reads pointers below a prefix, past a BOM, and falls back above the prefix', () => {
    const body = '\uFEFF{"parameter": [{"name": "resource", "resource": {"id": "x"}}]}';
    const out = withPositions([issue('/id'), issue('/nope')], body, '/parameter/0/resource');
    expect(out.map((i) => i.position)).toEqual([
      { line: 1, column: 50 },
      { line: 1, column: 37 },
    ]);
  });
});

describe('withPositions on array items', () => {
  it('matches array items by index only: an empty token, a leading zero or a name fall back', () => {
    const text = '{"c": [{"": 1}, {"d": 3}], "1": {"0": 2}}';
    const out = withPositions(
      [issue('/c/'), issue('/c/01'), issue('/c/1'), issue('/c/x'), issue('/1/0'), issue('/c/0/')],
      text,
    );
    expect(out.map((i) => i.position?.column)).toEqual([2, 2, 17, 2, 34, 9]);
  });
});

describe('withPositions skipping values (one regex match per object or array on one line)', () => {
  // the full scan records every pointer and skips nothing: it is the answer to match
  const check = (text: string, pointers: string[]) => {
    const all = scanJson(text, { positions: true }).positions!;
    // an absent pointer: the nearest enclosing value's position
    const at = (p: string): unknown => all.get(p) ?? at(p.slice(0, p.lastIndexOf('/')));
    for (const p of pointers) {
      const [placed] = withPositions([issue(p)], text);
      expect([p, placed!.position]).toEqual([p, at(p)]);
    }
    // each pointer alone and all together (later ones after values skipped whole)
    const together = withPositions(
      pointers.map((p) => issue(p)),
      text,
    );
    expect(together.map((i) => i.position)).toEqual(pointers.map(at));
  };
  const tricky = {
    a: 'quote \\" and \\\\',
    b: ['{', '[', '}', ']', '"', '\\', '\\"]}'],
    c: { d: [1, -2.5e3, true, false, null, {}, []], 'e"}': { '[': '\u00e9\ud83d\ude00\n' } },
  };
  const entry = (n: number) => ({ fullUrl: `urn:x:${n}`, resource: { id: String(n), ...tricky } });
  const bundle = {
    resourceType: 'Bundle',
    entry: Array.from({ length: 60 }, (_, n) => entry(n)),
    z: 1,
  };
  let deep: unknown = [{ x: 'y' }];
  for (let d = 0; d < 30; d++) deep = [deep, { d }];
  const pointers = [
    '',
    '/entry/0/resource',
    '/entry/1/resource/c/d/6',
    '/entry/30/resource/c/e"}/[',
    '/entry/59/resource/b/6',
    '/entry/59/resource',
    '/entry/59/missing',
    '/z',
    '/deep/1',
    '/deep/0/0/0/0/0/0/0/0/0/0/0/0/0/0/1/d',
    '/tail',
  ];
  const value = { ...bundle, deep, tail: 'end' };

  it('answers as the full scan does on one-line text', () => {
    check(JSON.stringify(value), pointers);
  });

  it('answers as the full scan does on pretty-printed text', () => {
    check(JSON.stringify(value, null, 2), pointers);
    check(JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n'), pointers);
  });

  it('answers as the full scan does with containers nested deeper than one match passes', () => {
    // the first skipped value is too deep for one match: the rest is read character by character
    check(JSON.stringify({ deep, ...bundle, tail: 'end' }), [
      '/deep/1',
      '/entry/3/resource',
      '/tail',
    ]);
  });

  it('answers as the full scan does with line breaks after one-line containers', () => {
    const text = `{"a":${JSON.stringify(bundle)},\n"b": [\n${JSON.stringify(tricky)}, {"x":\n1}],\n"c": 2}`;
    check(text, ['/a/entry/59/resource', '/b/0', '/b/1/x', '/c']);
  });

  it('falls back to the character loop when one match overflows the regex stack', () => {
    // ~25 MB on one line: too many repetitions for one match
    const big = Array.from({ length: 1_000_000 }, (_, n) => ({ a: `x${n}`, b: [1, 2] }));
    const text = JSON.stringify({ big: [big], tail: { t: '"]}' }, end: 1 });
    const out = withPositions([issue('/tail/t'), issue('/end')], text);
    expect(out.map((i) => i.position)).toEqual([
      { line: 1, column: text.indexOf('{"t":') + 2 },
      { line: 1, column: text.lastIndexOf('"end"') + 1 },
    ]);
  });
});

describe('the one-line container regex', () => {
  const passes = (text: string, at = 0): number | undefined => {
    const re = new RegExp(containerSource, 'y');
    re.lastIndex = at;
    return re.test(text) ? re.lastIndex : undefined;
  };
  // `levels` containers (objects and arrays by turns), a string of brackets innermost
  const nested = (levels: number): string =>
    '{"a":['.repeat(levels / 2) + '"]}[{"' + ']}'.repeat(levels / 2);

  it('passes a one-line container to its own close, 12 levels deep, strings with brackets and escapes', () => {
    const one = JSON.stringify({ a: [1, { b: 'x]}\\' }], 'c"]': [], d: {} });
    expect(passes(`[${one},2]`, 1)).toBe(1 + one.length);
    expect(passes(nested(12))).toBe(nested(12).length);
  });

  it('refuses a container deeper than 12 levels or holding a line break', () => {
    expect(passes(nested(14))).toBeUndefined();
    expect(passes('{"a":\n1}')).toBeUndefined();
  });
});
