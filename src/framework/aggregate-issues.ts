/**
 * Aggregates issues by code, element path and severity for storage and reports: counts only, never
 * messages, params or values.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { LocatedIssue } from './locate-issues.js';
import type { IssueAggregate } from './submission-summary.js';

interface Bucket {
  readonly code: string;
  readonly path: string;
  readonly severity: Issue['severity'];
  readonly rule: string | undefined;
  count: number;
  waived: number;
  readonly requirements: Set<string>;
}

/** Groups located issues by code + element path + severity + constraint key, sorted by those four. */
export function aggregateIssues(located: readonly LocatedIssue[]): IssueAggregate[] {
  const buckets = new Map<string, Bucket>();
  for (const { issue, path, requirements } of located) {
    const rule = issue.rule?.constraintKey;
    const key = `${issue.code}\u0000${path}\u0000${issue.severity}\u0000${rule ?? ''}`;
    let b = buckets.get(key);
    if (!b)
      buckets.set(
        key,
        (b = {
          code: issue.code,
          path,
          severity: issue.severity,
          rule,
          count: 0,
          waived: 0,
          requirements: new Set(),
        }),
      );
    b.count++;
    if (issue.waived) b.waived++;
    for (const id of requirements) b.requirements.add(id);
  }
  return [...buckets.values()]
    .map((b) => ({
      code: b.code,
      path: b.path,
      severity: b.severity,
      ...(b.rule !== undefined ? { rule: b.rule } : {}),
      count: b.count,
      requirements: [...b.requirements].sort(),
      waived: b.waived,
    }))
    .sort(
      (a, b) =>
        cmp(a.code, b.code) ||
        cmp(a.path, b.path) ||
        cmp(a.severity, b.severity) ||
        cmp(a.rule ?? '', b.rule ?? ''),
    );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
