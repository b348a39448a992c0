/**
 * Counting and ordering shared by the validation renderers, so every format agrees on the numbers.
 * Waived issues are counted only under `waived`, never under their severity: a waiver means the
 * partner's policy has accepted the issue, and waived issues never make a result invalid.
 * @module
 */
import { isBlocking } from '../../issues/validity.js';
import type { Issue, Severity } from '../../issues/issue.js';
import type { FileResult } from './file-result.js';

/** Issue counts of one file or of a whole run. Severity counts exclude waived issues. */
export interface IssueCounts {
  readonly fatal: number;
  readonly error: number;
  readonly warning: number;
  readonly information: number;
  readonly waived: number;
}

/** Totals of a run. */
export interface RunTotals extends IssueCounts {
  readonly files: number;
  /** Files whose result is not valid. */
  readonly invalidFiles: number;
  readonly records: number;
  /** Files whose result was cut short by a limit. */
  readonly truncatedFiles: number;
}

/** Counts the issues of one list by severity; waived issues count only as `waived`. */
export function countIssues(issues: readonly Issue[]): IssueCounts {
  const counts: Record<Severity | 'waived', number> = {
    fatal: 0,
    error: 0,
    warning: 0,
    information: 0,
    waived: 0,
  };
  for (const issue of issues) {
    if (issue.waived) counts.waived++;
    else counts[issue.severity]++;
  }
  return counts;
}

/** Adds up files, records and issue counts over a run. */
export function summariseFiles(files: readonly FileResult[]): RunTotals {
  const totals = {
    files: files.length,
    invalidFiles: 0,
    records: 0,
    truncatedFiles: 0,
    fatal: 0,
    error: 0,
    warning: 0,
    information: 0,
    waived: 0,
  };
  for (const { result } of files) {
    if (!result.valid) totals.invalidFiles++;
    if (result.truncated) totals.truncatedFiles++;
    totals.records += result.recordCount;
    const c = countIssues(result.issues);
    totals.fatal += c.fatal;
    totals.error += c.error;
    totals.warning += c.warning;
    totals.information += c.information;
    totals.waived += c.waived;
  }
  return totals;
}

/**
 * Files in a locale-independent order: by path (UTF-16 code units), then feed; the input order
 * breaks remaining ties (Array.prototype.sort is stable). Never mutates its argument.
 */
export function sortFiles(files: readonly FileResult[]): FileResult[] {
  return [...files].sort(
    (a, b) => compareCodeUnits(a.file, b.file) || compareCodeUnits(a.feed, b.feed),
  );
}

/** Compares two strings by UTF-16 code units: the same answer on every runtime and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for error and fatal issues that are not waived: the issues that make a result invalid. */
export function isFailing(issue: Issue): boolean {
  return isBlocking(issue);
}

/** Singular or plural noun with its count: `1 file`, `2 files`, `0 information`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
