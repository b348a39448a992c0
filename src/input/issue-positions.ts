/**
 * The one position calculator: adds line/column to issues found in a value parsed from JSON `text`,
 * possibly from inside it (a resource inside a `Parameters` body sits at `/parameter/0/resource`).
 * Only the pointers the issues need (and their parents, for issues on absent elements) are followed,
 * and the text is scanned only when some issue lacks a position.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import { scanJson } from './json-text.js';

/**
 * Issues with positions: each issue whose pointer (relative to the value at `prefix` in `text`) has
 * no position gets the position of that pointer, or of the nearest enclosing value that has one.
 */
export function withPositions(issues: readonly Issue[], text: string, prefix = ''): Issue[] {
  if (issues.every((i) => i.position)) return [...issues];
  // each issue's pointer and (for issues on absent elements) every value enclosing it
  const wanted: string[] = [];
  for (const issue of issues) if (!issue.position) wanted.push(prefix + issue.pointer);
  const { positions } = scanJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    positions: true,
    wanted,
    ancestors: true,
  });
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
