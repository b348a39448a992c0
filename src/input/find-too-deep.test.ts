import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTooDeep } from './find-too-deep.js';

/** The character-by-character reading the fast pass must always agree with. */
function reference(text: string, limit: number): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22 || s === 0x0a) break;
      }
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (ch === 0x5d || ch === 0x7d) depth--;
    else if (ch === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return undefined;
}

describe('findTooDeep', () => {
  it('finds the first bracket over the limit, with its line and column', () => {
    expect(findTooDeep('{"a":[[1]]}', 3)).toBeUndefined();
    expect(findTooDeep('{\n "a": [[1]]}', 2)).toEqual({ line: 2, column: 8 });
    expect(findTooDeep('{"a":"[[[[\\"[["}', 1)).toBeUndefined();
  });

  it('agrees with the character-by-character reading on any text', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', ',', ':', 'a', ' ', '\\"');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 0, max: 4 }), (p, n) => {
        const text = p.join('');
        expect(findTooDeep(text, n)).toEqual(reference(text, n));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
