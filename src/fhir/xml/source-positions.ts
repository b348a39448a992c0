/**
 * Offsets into a source text turned into 1-based line/column, computed only when an issue needs
 * one (the line-start table is built on first use).
 * @module
 */
import type { Position } from '../../issues/issue.js';

/** Maps character offsets of one text to line/column (columns count UTF-16 code units, like the JSON scanner). */
export class SourcePositions {
  #lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The 1-based line and column of `offset`. */
  at(offset: number): Position {
    const starts = (this.#lineStarts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
