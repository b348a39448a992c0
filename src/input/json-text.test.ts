import { describe, expect, it } from 'vitest';
import { parseJson, scanJson } from './json-text.js';

describe('parseJson', () => {
  it('parses valid JSON and ignores a BOM', () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('reports the line and column of an unexpected close marker', () => {
    const r = parseJson('{\n  "a": [1,\n  2}\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.line, r.error.column]).toEqual([3, 4]);
  });

  it('reports an unterminated string and trailing content', () => {
    expect(parseJson('{"a": "x').ok).toBe(false);
    const r = parseJson('{} x');
    expect(r.ok || r.error.column).toBe(4);
  });

  it('scans 10,000 levels of nesting without overflowing the stack', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(scanJson(deep).error).toBeUndefined();
    expect(scanJson('['.repeat(10_000)).error?.detail).toMatch(/end of input/);
  });
});

describe('scanJson positions', () => {
  it('maps JSON pointers to the position of property names and array items', () => {
    const text = '{\n "name": [\n  {"family": "Fake"}\n ],\n "a/b": 1\n}';
    const { positions } = scanJson(text, { positions: true });
    expect(positions?.get('/name')).toEqual({ line: 2, column: 2 });
    expect(positions?.get('/name/0')).toEqual({ line: 3, column: 3 });
    expect(positions?.get('/name/0/family')).toEqual({ line: 3, column: 4 });
    expect(positions?.get('/a~1b')).toEqual({ line: 5, column: 2 });
  });

  it('finds duplicate property names that JSON.parse would silently merge', () => {
    const { duplicates } = scanJson('{"a":1,"b":{"c":1,"c":2}}', { positions: true });
    expect(duplicates).toEqual([{ pointer: '/b', name: 'c', position: { line: 1, column: 19 } }]);
  });
});

describe('scanJson with wanted pointers', () => {
  it('records only the wanted pointers, and stays linear on very deep nesting', () => {
    const text = '{"a":{"b":[1,{"c":2}]},"d":3}';
    const { positions } = scanJson(text, { positions: true, wanted: ['/a/b/1/c', '/d'] });
    expect([...positions!.keys()].sort()).toEqual(['/a/b/1/c', '/d']);
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const r = scanJson(deep, { positions: true, wanted: ['/a/a'] });
    expect(r.error).toBeUndefined();
    expect(r.positions?.get('/a/a')).toEqual({ line: 1, column: 7 });
  });

  it('stops once every wanted position is known, and still finds ones near the end', () => {
    // the tail is not JSON: a scan that went on would report an error
    const early = scanJson('{"a":1,"b":[1,2,3]' + ',"c":'.padEnd(50, 'x'), {
      positions: true,
      wanted: ['', '/a'],
    });
    expect(early.error).toBeUndefined();
    expect(early.positions?.get('/a')).toEqual({ line: 1, column: 2 });
    const items = Array.from({ length: 1000 }, (_, i) => `{"id":"${i}"}`).join(',\n');
    const late = scanJson(`{"entry":[\n${items}]}`, {
      positions: true,
      wanted: ['/entry/2/id', '/entry/999/id', '/entry/5000'],
    });
    expect(late.positions?.get('/entry/2/id')).toEqual({ line: 4, column: 2 });
    expect(late.positions?.get('/entry/999/id')).toEqual({ line: 1001, column: 2 });
    expect(late.positions?.has('/entry/5000')).toBe(false);
  });

  it('gives every wanted pointer the position a full scan gives, past skipped values', () => {
    for (const indent of [undefined, 2, '\t']) {
      const text = JSON.stringify(
        {
          resourceType: 'Bundle',
          entry: Array.from({ length: 30 }, (_, i) => ({
            fullUrl: `urn:uuid:${i}`,
            resource: {
              resourceType: 'Observation',
              note: [{ text: 'a "quoted" \\ text with } and ] and {[' }],
              valueQuantity: { value: i * 1.5e-3, unit: 'mg' },
              flags: [true, false, null, -1e2],
              component: [{ code: { text: `c${i}` } }, []],
            },
          })),
        },
        null,
        indent,
      );
      const full = scanJson(text, { positions: true }).positions!;
      const wanted = [...full.keys()].filter((_, i) => i % 7 === 3);
      const { positions } = scanJson(text, { positions: true, wanted });
      for (const p of wanted) expect(positions?.get(p), p).toEqual(full.get(p));
    }
  });
});
