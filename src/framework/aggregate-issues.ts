/**
 * Aggregates issues by code, element path and severity for storage and reports: counts only, never
 * messages, params or values.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import { elementPath } from './element-path.js';
import type { RecordIndex } from './record-index.js';
import type { IssueAggregate } from './submission-summary.js';

interface Bucket {
  code: string;
  path: string;
  severity: Issue['severity'];
  count: number;
  waived: number;
  requirements: Set<string>;
}

/** Groups issues by `code` + element path (re-rooted on the owning record) + severity, sorted. */
export function aggregateIssues(issues: readonly Issue[], owner: RecordIndex): IssueAggregate[] {
  const buckets = new Map<string, Bucket>();
  for (const issue of issues) {
    const record = owner(issue.pointer);
    const path = elementPath(issue.expression, record);
    const key = `${issue.code}\u0000${path}\u0000${issue.severity}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { code: issue.code, path, severity: issue.severity, count: 0, waived: 0, requirements: new Set() }));
    b.count++;
    if (issue.waived) b.waived++;
    for (const id of issue.requirements ?? []) b.requirements.add(id);
  }
  return [...buckets.values()]
    .map((b) => ({ code: b.code, path: b.path, severity: b.severity, count: b.count, requirements: [...b.requirements].sort(), waived: b.waived }))
    .sort((a, b) => cmp(a.code, b.code) || cmp(a.path, b.path) || cmp(a.severity, b.severity));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
