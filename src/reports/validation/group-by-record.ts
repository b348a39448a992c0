/**
 * Assigns issues to the records of a result (resources, Bundle entries, contained resources, feed
 * rows). An issue belongs to the record whose pointer is the longest prefix of the issue's pointer,
 * where a prefix ends at a segment boundary (`/entry/1` is a prefix of `/entry/1/resource` but not
 * of `/entry/10`). Issues that fall under no record (a CSV file-level issue, `engine.limit-reached`
 * with an empty pointer when no root record exists) are returned with `record: undefined`.
 * @module
 */
import type { Issue } from '../../issues/issue.js';
import type { RecordRef, ValidationResult } from '../../validation-result.js';

/** One record with its issues, in result order. `record` is undefined for the file-level group. */
export interface RecordIssues {
  readonly record: RecordRef | undefined;
  readonly issues: readonly Issue[];
}

/**
 * Groups a result's issues by record, records in result order; the file-level group (if it has
 * issues, or if the result lists no records at all) comes first.
 */
export function groupByRecord(result: ValidationResult): RecordIssues[] {
  const records = result.records ?? [];
  const buckets = records.map((record) => ({ record, issues: [] as Issue[] }));
  const fileLevel: Issue[] = [];
  // Index records by pointer so each issue costs one lookup per pointer segment, not one per record.
  const byPointer = new Map<string, number>();
  records.forEach((r, i) => {
    if (!byPointer.has(r.pointer)) byPointer.set(r.pointer, i);
  });
  for (const issue of result.issues) {
    const index = findOwner(issue.pointer, byPointer);
    if (index === undefined) fileLevel.push(issue);
    else buckets[index]!.issues.push(issue);
  }
  const groups: RecordIssues[] = [];
  if (fileLevel.length > 0 || records.length === 0)
    groups.push({ record: undefined, issues: fileLevel });
  groups.push(...buckets);
  return groups;
}

/** The index of the record whose pointer is the longest segment-wise prefix of `pointer`. */
function findOwner(pointer: string, byPointer: ReadonlyMap<string, number>): number | undefined {
  let candidate = pointer;
  for (;;) {
    const hit = byPointer.get(candidate);
    if (hit !== undefined) return hit;
    if (candidate === '') return undefined;
    candidate = candidate.slice(0, Math.max(0, candidate.lastIndexOf('/')));
  }
}
