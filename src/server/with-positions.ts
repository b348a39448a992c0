/**
 * Adds line/column to issues found in a value that was parsed from `text`, possibly from inside it
 * (a resource inside a `Parameters` body sits at `/parameter/0/resource`). The source is scanned
 * only when some issue lacks a position.
 * @module
 */
import { scanJson } from '../input/json-text.js';
import type { Issue } from '../issues/issue.js';

/**
 * Positions of issues whose pointers are relative to the value at `prefix` in `text`: each issue gets
 * the position of its pointer, or of the nearest enclosing value that has one.
 */
export function withPositions(issues: readonly Issue[], text: string, prefix = ''): Issue[] {
  if (issues.every((i) => i.position)) return [...issues];
  const { positions } = scanJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { positions: true });
  if (!positions) return [...issues];
  return issues.map((issue) => {
    if (issue.position) return issue;
    let p = prefix + issue.pointer;
    for (;;) {
      const pos = positions.get(p);
      if (pos) return { ...issue, position: pos };
      if (p === '') return issue;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  });
}
