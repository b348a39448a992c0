/**
 * A nesting-depth check over JSON text, run before parsing: one pass over the characters, skipping
 * strings, counting `[`/`{` levels. Iterative, so any depth is safe to check.
 *
 * Most of a FHIR payload is inside strings, so the usual pass jumps from quote to quote with
 * `indexOf` and looks at single characters only between strings, without counting lines. When that
 * pass cannot vouch for the text (a level over the limit, or a raw line break inside a string, where
 * the exact reading resumes differently) the character-by-character pass below gives the answer and
 * the position, so both passes always agree.
 * @module
 */
import type { Position } from '../issues/issue.js';

/**
 * The position of the first bracket that opens a level deeper than `limit`, or undefined when the
 * text stays within it. Malformed text is not diagnosed here (the parser does that).
 */
export function findTooDeep(text: string, limit: number): Position | undefined {
  return withinLimit(text, limit) ? undefined : exactTooDeep(text, limit);
}

/** True when the text certainly stays within `limit` (no line break in any string; no level over it). */
function withinLimit(text: string, limit: number): boolean {
  let depth = 0;
  let i = 0;
  let lf = -1; // the next line break at or after the current string's start (-2: none left)
  const n = text.length;
  for (;;) {
    const q = text.indexOf('"', i);
    const end = q < 0 ? n : q;
    for (; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x5b || ch === 0x7b) {
        if (++depth > limit) return false;
      } else if (ch === 0x5d || ch === 0x7d) depth--;
    }
    if (q < 0) return true;
    // the closing quote: the next one not escaped by an odd run of backslashes
    let j = text.indexOf('"', q + 1);
    while (j > 0 && escaped(text, j)) j = text.indexOf('"', j + 1);
    const close = j < 0 ? n : j;
    if (lf !== -2 && lf <= q) lf = text.indexOf('\n', q + 1);
    if (lf === -1) lf = -2;
    else if (lf !== -2 && lf < close) return false;
    if (j < 0) return true;
    i = j + 1;
  }
}

function escaped(t: string, j: number): boolean {
  let b = 0;
  while (t.charCodeAt(j - 1 - b) === 0x5c) b++;
  return b % 2 === 1;
}

function exactTooDeep(text: string, limit: number): Position | undefined {
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
