/**
 * The one position calculator: adds line/column to issues found in a value parsed from JSON `text`,
 * possibly from inside it (a resource inside a `Parameters` body sits at `/parameter/0/resource`).
 * Only the pointers the issues need (and their parents, for issues on absent elements) are followed,
 * and the text is scanned only when some issue lacks a position.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import { buildTrie, nearestPosition } from './json-pointer-trie.js';
import { scanWanted } from './json-scan.js';

/**
 * Issues with positions: each issue whose pointer (relative to the value at `prefix` in `text`) has
 * no position gets the position of that pointer, or of the nearest enclosing value that has one.
 */
export function withPositions(issues: readonly Issue[], text: string, prefix = ''): Issue[] {
  if (issues.every((i) => i.position)) return [...issues];
  // each issue's pointer and (for issues on absent elements) every value enclosing it
  const wanted: string[] = [];
  for (const issue of issues) if (!issue.position) wanted.push(prefix + issue.pointer);
  const { root, nodes } = buildTrie(wanted, true);
  const scan = scanWanted(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, root);
  if (scan.error) return [...issues];
  let k = 0;
  return issues.map((issue) => {
    if (issue.position) return issue;
    const position = nearestPosition(nodes[k++]!);
    // Object.assign: a spread that adds a property costs several times more in V8
    return position ? Object.assign({}, issue, { position }) : issue;
  });
}
