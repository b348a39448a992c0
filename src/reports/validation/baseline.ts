/**
 * The baseline ("ratchet"): a committed record of the issues a project already has, so CI fails
 * only on NEW issues while known ones are paid down.
 *
 * Identity of an issue (format 2): file + code + record + location + severity, where record and
 * location come from {@link identifyIssues}: the hash of the record's key (Bundle entry `fullUrl`,
 * else `resourceType/id`; a feed row's record key) and the path inside that record
 * (`Patient.identifier[0].value`). So inserting, removing or reordering entries or rows leaves the
 * other issues known. Issues under no keyed record use their full expression (indexes kept), as in
 * format 1. Never the message, params or values (they may hold patient data and change between
 * releases), never the line (an edit above would move every issue), never a record key in clear.
 * The fingerprint is FNV-1a 64 over those fields; identical fingerprints in one file are kept as
 * one entry with a `count`, and compared as a multiset: two in the baseline and three now gives one
 * new issue (the last one in result order).
 *
 * Format 1 baselines (fingerprint of file, code, expression and severity) are still read and
 * compared by their own identity; `--update-baseline` rewrites them as format 2.
 *
 * Waived issues are neither recorded nor compared: the partner's policy governs them (with reason
 * and expiry), and an expired waiver should surface again, not be hidden by the baseline.
 *
 * Document (JSON, sorted so it diffs well): `{ format: 'mdss-baseline', formatVersion: 2,
 * files: [{ file, issues: [{ fingerprint, code, record?, location, severity, count }] }] }`, files
 * by path, issues by code, location, record, severity.
 * @module
 */
import type { Issue, Severity } from '../../issues/issue.js';
import { severityRank } from '../../issues/issue.js';
import type { FileResult } from './file-result.js';
import { fnv1a64 } from './fnv1a.js';
import { identifyIssues, type IssueIdentity } from './issue-identity.js';
import { compareCodeUnits, sortFiles } from './summarise-files.js';

/** One baseline issue of one file (as listed in the document, without the file). */
export interface BaselineIssue {
  readonly fingerprint: string;
  readonly code: string;
  /** Hash of the record key (format 2, issues on a keyed record only). */
  readonly record?: string;
  /** Path inside the record (format 2) or the issue's full expression (no keyed record; format 1). */
  readonly location: string;
  readonly severity: Severity;
  /** How many issues with this fingerprint the file had. */
  readonly count: number;
}

/** A baseline issue with its file: what `compareToBaseline` reports as fixed. */
export interface BaselineEntry extends BaselineIssue {
  readonly file: string;
}

/** The baseline document. */
export interface Baseline {
  readonly format: 'mdss-baseline';
  /** 2 (written by this version); 1 is read and compared by its own identity. */
  readonly formatVersion: BaselineFormatVersion;
  readonly files: readonly { readonly file: string; readonly issues: readonly BaselineIssue[] }[];
}

/** The baseline format versions this version reads (it writes the last). */
export type BaselineFormatVersion = 1 | 2;

/** An issue of the current run with its file. */
export interface FileIssue {
  readonly file: string;
  readonly issue: Issue;
}

/** The outcome of comparing a run with a baseline. */
export interface BaselineComparison {
  /** Issues not in the baseline (or more of them than the baseline counts): these fail the build. */
  readonly newIssues: readonly FileIssue[];
  /** Issues the baseline already has. */
  readonly known: readonly FileIssue[];
  /** Baseline entries no longer found (`count` = how many are gone), for files checked in full. */
  readonly fixed: readonly BaselineEntry[];
  /** Baseline entries of files not in this run or whose result was truncated: neither fixed nor known. */
  readonly unchecked: readonly BaselineEntry[];
}

/** The identity fields of a baseline issue. */
export type BaselineIdentity = Pick<BaselineIssue, 'code' | 'record' | 'location' | 'severity'>;

/**
 * The fingerprint of an issue in a file. Format 2: FNV-1a 64 of file, code, record, location and
 * severity; format 1: of file, code, location (then the full expression) and severity.
 */
export function fingerprintIssue(
  file: string,
  issue: BaselineIdentity,
  formatVersion: BaselineFormatVersion = 2,
): string {
  if (formatVersion === 1)
    return fnv1a64([file, issue.code, issue.location, issue.severity].join('\u0000'));
  return fnv1a64(
    [file, issue.code, issue.record ?? '', issue.location, issue.severity].join('\u0000'),
  );
}

/** The baseline identity of each issue of a result (format 1: the full expression), in result order. */
function identities(
  result: FileResult['result'],
  formatVersion: BaselineFormatVersion,
): IssueIdentity[] {
  return formatVersion === 1
    ? result.issues.map((i) => ({ location: i.expression }))
    : identifyIssues(result);
}

function baselineIdentity(issue: Issue, identity: IssueIdentity): BaselineIdentity {
  return {
    code: issue.code,
    ...(identity.record === undefined ? {} : { record: identity.record }),
    location: identity.location,
    severity: issue.severity,
  };
}

/**
 * Records the unwaived issues of a run as a baseline (files without issues are left out).
 * @example writeFile('mdss-baseline.json', JSON.stringify(createBaseline(files), null, 2))
 */
export function createBaseline(files: readonly FileResult[]): Baseline {
  const out: { file: string; issues: BaselineIssue[] }[] = [];
  for (const { file, result } of sortFiles(files)) {
    const byFingerprint = new Map<string, BaselineIssue & { count: number }>();
    const ids = identities(result, 2);
    result.issues.forEach((issue, i) => {
      if (issue.waived) return;
      const identity = baselineIdentity(issue, ids[i]!);
      const fingerprint = fingerprintIssue(file, identity);
      const entry = byFingerprint.get(fingerprint);
      if (entry) entry.count++;
      else byFingerprint.set(fingerprint, { fingerprint, ...identity, count: 1 });
    });
    if (byFingerprint.size === 0) continue;
    const previous = out.at(-1);
    const issues = [...byFingerprint.values()].sort(compareBaselineIssues);
    if (previous?.file === file) previous.issues = mergeIssues(previous.issues, issues);
    else out.push({ file, issues });
  }
  return { format: 'mdss-baseline', formatVersion: 2, files: out };
}

/**
 * Compares a run with a baseline. Order of files and issues does not matter; duplicates are
 * compared by count.
 */
export function compareToBaseline(
  files: readonly FileResult[],
  baseline: Baseline,
): BaselineComparison {
  const remaining = new Map<string, number>();
  for (const f of baseline.files)
    for (const i of f.issues)
      remaining.set(i.fingerprint, (remaining.get(i.fingerprint) ?? 0) + i.count);
  const newIssues: FileIssue[] = [];
  const known: FileIssue[] = [];
  const checkedInFull = new Set<string>();
  for (const { file, result } of sortFiles(files)) {
    if (!result.truncated) checkedInFull.add(file);
    const ids = identities(result, baseline.formatVersion);
    result.issues.forEach((issue, i) => {
      if (issue.waived) return;
      const fingerprint = fingerprintIssue(
        file,
        baselineIdentity(issue, ids[i]!),
        baseline.formatVersion,
      );
      const left = remaining.get(fingerprint) ?? 0;
      if (left > 0) {
        remaining.set(fingerprint, left - 1);
        known.push({ file, issue });
      } else newIssues.push({ file, issue });
    });
  }
  const fixed: BaselineEntry[] = [];
  const unchecked: BaselineEntry[] = [];
  for (const f of baseline.files) {
    for (const i of f.issues) {
      const left = remaining.get(i.fingerprint) ?? 0;
      if (left <= 0) continue;
      const count = Math.min(left, i.count);
      remaining.set(i.fingerprint, left - count);
      const entry: BaselineEntry = { file: f.file, ...i, count };
      if (checkedInFull.has(f.file)) fixed.push(entry);
      else unchecked.push(entry);
    }
  }
  const byFile = (a: BaselineEntry, b: BaselineEntry) =>
    compareCodeUnits(a.file, b.file) || compareBaselineIssues(a, b);
  return { newIssues, known, fixed: fixed.sort(byFile), unchecked: unchecked.sort(byFile) };
}

/**
 * Decides the exit status of a CI run: true when an unwaived issue at or above `level` exists
 * (`error` counts error and fatal; `warning` also warnings; `never` never fails). With a baseline,
 * only new issues count.
 */
export function failOn(
  files: readonly FileResult[],
  level: 'error' | 'warning' | 'never',
  baseline?: Baseline,
): boolean {
  if (level === 'never') return false;
  const threshold = severityRank[level];
  const candidates = baseline
    ? compareToBaseline(files, baseline).newIssues.map((n) => n.issue)
    : files.flatMap((f) => f.result.issues.filter((i) => !i.waived));
  return candidates.some((i) => severityRank[i.severity] >= threshold);
}

function compareBaselineIssues(a: BaselineIssue, b: BaselineIssue): number {
  return (
    compareCodeUnits(a.code, b.code) ||
    compareCodeUnits(a.location, b.location) ||
    compareCodeUnits(a.record ?? '', b.record ?? '') ||
    severityRank[a.severity] - severityRank[b.severity] ||
    compareCodeUnits(a.fingerprint, b.fingerprint)
  );
}

/** Two results for the same path (validated twice, e.g. as two feeds): add their counts. */
function mergeIssues(a: readonly BaselineIssue[], b: readonly BaselineIssue[]): BaselineIssue[] {
  const merged = new Map<string, BaselineIssue>();
  for (const i of [...a, ...b]) {
    const prior = merged.get(i.fingerprint);
    merged.set(i.fingerprint, prior ? { ...prior, count: prior.count + i.count } : i);
  }
  return [...merged.values()].sort(compareBaselineIssues);
}
