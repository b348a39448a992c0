import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import { withPositions } from './issue-positions.js';

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
