/**
 * In-memory counterpart of the store's period query: folds submission summaries of one partner
 * received in `[from, to)` into {@link PeriodData}. Used by the CLI without a database, by tests, and
 * as the reference the store's SQL aggregation is checked against.
 * @module
 */

import type { SubmissionSummary } from '../../framework/submission-summary.js';
import type { FieldQuality } from '../../validation-result.js';
import { compareText } from './compare-text.js';
import type {
  DatasetTotals,
  IssueTotals,
  MustSupportTotals,
  PeriodData,
  RequirementPoint,
  RequirementTotals,
  SubmissionEvidence,
} from './period-data.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Aggregates the summaries of `partnerId` received in `[from, to)` (ISO instants).
 * @example aggregatePeriod('northvale', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', summaries)
 */
export function aggregatePeriod(
  partnerId: string,
  from: string,
  to: string,
  summaries: readonly SubmissionSummary[],
): PeriodData {
  const start = new Date(from).toISOString();
  const end = new Date(to).toISOString();
  const inPeriod = summaries
    .filter((s) => s.partnerId === partnerId)
    .map((s) => ({ s, at: new Date(s.receivedAt).toISOString() }))
    .filter(({ at }) => at >= start && at < end)
    .sort((a, b) => compareText(a.at, b.at) || compareText(a.s.payloadHash, b.s.payloadHash));

  const requirements = new Map<string, Mutable<RequirementTotals>>();
  const series = new Map<string, RequirementPoint[]>();
  const issues = new Map<string, Mutable<IssueTotals> & { reqs: Set<string> }>();
  const mustSupport = new Map<string, Mutable<MustSupportTotals>>();
  const recordTypes: Record<string, number> = {};
  const submissions: SubmissionEvidence[] = [];
  const datasets = new Map<
    string,
    { submissions: number; records: number; items: Map<string, { checked: number; valid: number }> }
  >();
  const quality = new Map<string, { ordinal: number; q: Mutable<FieldQuality> }>();

  for (const { s, at } of inPeriod) {
    submissions.push(toEvidence(s, at));
    for (const [type, n] of Object.entries(s.recordTypes))
      recordTypes[type] = (recordTypes[type] ?? 0) + n;
    const perSubmission = new Map<string, { checked: number; passed: number }>();
    const dataset = datasets.get(s.feed) ?? { submissions: 0, records: 0, items: new Map() };
    dataset.submissions += 1;
    dataset.records += s.recordCount;
    datasets.set(s.feed, dataset);
    for (const r of s.requirements) {
      const item = dataset.items.get(r.requirementId) ?? { checked: 0, valid: 0 };
      item.checked += r.checked;
      item.valid += r.passed;
      dataset.items.set(r.requirementId, item);
      const t = requirements.get(r.requirementId) ?? {
        requirementId: r.requirementId,
        checked: 0,
        passed: 0,
        failed: 0,
        waived: 0,
        submissions: 0,
      };
      t.checked += r.checked;
      t.passed += r.passed;
      t.failed += r.failed;
      t.waived += r.waived;
      requirements.set(r.requirementId, t);
      const p = perSubmission.get(r.requirementId) ?? { checked: 0, passed: 0 };
      p.checked += r.checked;
      p.passed += r.passed;
      perSubmission.set(r.requirementId, p);
    }
    for (const [id, p] of perSubmission) {
      if (p.checked > 0) {
        const t = requirements.get(id);
        if (t) t.submissions += 1;
      }
      const points = series.get(id) ?? [];
      points.push({ receivedAt: at, checked: p.checked, passed: p.passed });
      series.set(id, points);
    }
    for (const i of s.issues) {
      const key = `${i.code}\u0000${i.path}\u0000${i.severity}\u0000${i.rule ?? ''}`;
      const t = issues.get(key) ?? {
        code: i.code,
        path: i.path,
        severity: i.severity,
        ...(i.rule !== undefined ? { rule: i.rule } : {}),
        count: 0,
        waived: 0,
        requirements: [],
        reqs: new Set<string>(),
      };
      t.count += i.count;
      t.waived += i.waived;
      for (const r of i.requirements) t.reqs.add(r);
      issues.set(key, t);
    }
    for (const m of s.mustSupport ?? []) {
      const t = mustSupport.get(m.path) ?? { path: m.path, populated: 0, total: 0 };
      t.populated += m.populated;
      t.total += m.total;
      mustSupport.set(m.path, t);
    }
    (s.fieldQuality ?? []).forEach((q, ordinal) => addFieldQuality(quality, q, ordinal));
  }

  return {
    partnerId,
    from: start,
    to: end,
    submissions,
    requirements: [...requirements.values()].sort((a, b) =>
      compareText(a.requirementId, b.requirementId),
    ),
    series: [...series.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([requirementId, points]) => ({ requirementId, points })),
    issues: [...issues.values()]
      .map(({ reqs, ...t }) => ({ ...t, requirements: [...reqs].sort(compareText) }))
      .sort(compareIssues),
    mustSupport: [...mustSupport.values()].sort((a, b) => compareText(a.path, b.path)),
    recordTypes: sortRecord(recordTypes),
    datasets: [...datasets.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([feed, d]): DatasetTotals => ({
        feed,
        submissions: d.submissions,
        records: d.records,
        items: [...d.items.entries()]
          .sort(([a], [b]) => compareText(a, b))
          .map(([id, t]) => ({ id, ...t })),
      })),
    ...(quality.size > 0 ? { fieldQuality: sortFieldQuality([...quality.values()]) } : {}),
  };
}

const qualityCounts = [
  'mandatory',
  'applicable',
  'notApplicable',
  'undetermined',
  'passedValid',
  'passedBlank',
  'failedBlank',
  'failedInvalid',
  'failedRelease1',
] as const;

/** Adds one field's counts into the per module × field totals, keeping the smallest field position. */
export function addFieldQuality(
  totals: Map<string, { ordinal: number; q: Mutable<FieldQuality> }>,
  q: FieldQuality,
  ordinal: number,
): void {
  const key = `${q.module}\u0000${q.field}`;
  const t = totals.get(key);
  if (!t) {
    totals.set(key, { ordinal, q: { ...q } });
    return;
  }
  t.ordinal = Math.min(t.ordinal, ordinal);
  for (const c of qualityCounts) t.q[c] += q[c];
}

/** Orders field totals by field position, then module and field. */
export function sortFieldQuality(
  rows: readonly { ordinal: number; q: FieldQuality }[],
): FieldQuality[] {
  return [...rows]
    .sort(
      (a, b) =>
        a.ordinal - b.ordinal ||
        compareText(a.q.module, b.q.module) ||
        compareText(a.q.field, b.q.field),
    )
    .map((r) => r.q);
}

/** Orders issue totals by code, path, severity, constraint key. */
export function compareIssues(a: IssueTotals, b: IssueTotals): number {
  return (
    compareText(a.code, b.code) ||
    compareText(a.path, b.path) ||
    compareText(a.severity, b.severity) ||
    compareText(a.rule ?? '', b.rule ?? '')
  );
}

/** A copy of a record with keys in code-unit order. */
export function sortRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareText)) out[key] = record[key] as T;
  return out;
}

function toEvidence(s: SubmissionSummary, receivedAt: string): SubmissionEvidence {
  return {
    payloadHash: s.payloadHash,
    payloadSize: s.payloadSize,
    receivedAt,
    feed: s.feed,
    kind: s.kind,
    frameworkVersion: s.frameworkVersion,
    validatorVersion: s.validatorVersion,
    packages: [...s.packages].sort(compareText),
    recordCount: s.recordCount,
    valid: s.valid,
    errorCount: s.errorCount,
    warningCount: s.warningCount,
  };
}
