/**
 * Locates each issue once: its owning record, its element path and its requirement ids (those a
 * check set, merged with those the catalogue traces). Summaries then count from this list without
 * repeating pointer lookups or copying issues.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { RecordRef } from '../validation-result.js';
import { issueElementPath, storedElementPath } from './element-path.js';
import type { RecordIndex } from './record-index.js';
import type { RequirementTracer } from './requirement-tracer.js';

/** An issue with where it sits and what it bears on. */
export interface LocatedIssue {
  readonly issue: Issue;
  /** The owning record, or undefined for a payload-level issue no record owns. */
  readonly record: RecordRef | undefined;
  /**
   * Element path, re-rooted on the record (see `elementPath`), with names the payload chose replaced
   * by `[unknown]` (see `storedElementPath`): summaries, the store and reports hold model names only.
   */
  readonly path: string;
  /** Sorted requirement ids. */
  readonly requirements: readonly string[];
}

/** Union of two sorted id lists, sorted. */
export function mergeIds(
  a: readonly string[] | undefined,
  b: readonly string[],
): readonly string[] {
  if (!a || a.length === 0) return b;
  if (b.length === 0) return a;
  return [...new Set([...a, ...b])].sort();
}

/** Locates and traces every issue, in order. */
export function locateIssues(
  issues: readonly Issue[],
  owner: RecordIndex,
  tracer: RequirementTracer,
  feed: string,
): LocatedIssue[] {
  return issues.map((issue) => {
    const record = owner(issue.pointer);
    const path = storedElementPath(issue.code, issueElementPath(issue, record));
    const traced = tracer(issue, feed, record ? { recordType: record.type, path } : { path });
    return { issue, record, path, requirements: mergeIds(issue.requirements, traced) };
  });
}
