/**
 * A nesting-depth check over JSON text, run before parsing: one pass over the characters, skipping
 * strings, counting `[`/`{` levels. Iterative, so any depth is safe to check.
 * @module
 */
import type { Position } from '../issues/issue.js';

/**
 * The position of the first bracket that opens a level deeper than `limit`, or undefined when the
 * text stays within it. Malformed text is not diagnosed here (the parser does that).
 */
export function findTooDeep(text: string, limit: number): Position | undefined {
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
