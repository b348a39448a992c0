/**
 * Builds a partner's scorecard from period aggregates: per requirement the pass rate, status, trend
 * against the previous period, waiver and top element-level gaps; the maturity level; must-support
 * coverage. Pure: the clock is passed in as `now`.
 * @module
 */

import type { ConformanceCatalogue } from './catalogue.js';
import { buildDataQualityTable } from './data-quality-table.js';
import { compareText } from './compare-text.js';
import { datasetIndexes } from './data-quality.js';
import { describeRule, type ConstraintText } from './gap-rule.js';
import { assessMaturity } from './maturity.js';
import type { Partner } from './partner.js';
import type { IssueTotals, PeriodData } from './period-data.js';
import {
  DEFAULT_THRESHOLDS,
  passRate,
  statusForRate,
  trendFor,
  type StatusThresholds,
} from './requirement-status.js';
import type {
  Gap,
  PeriodPoint,
  ReportPartner,
  Scorecard,
  ScorecardRequirement,
  WaiverNote,
} from './scorecard.js';
import { findIssueWaiver, findRequirementWaiver, isWaiverActive, type Waiver } from './waiver.js';

/** Input of {@link buildScorecard}. */
export interface BuildScorecardInput {
  readonly partner: Partner;
  readonly catalogue: ConformanceCatalogue;
  readonly current: PeriodData;
  /** The period before `current` (default: the last of `history`). */
  readonly previous?: PeriodData;
  /**
   * Periods before `current`, oldest first (the previous period last): the trend series and the
   * data-quality coverage window. Up to 5 are used.
   */
  readonly history?: readonly PeriodData[];
  /** The partner's waivers (others' are ignored). */
  readonly waivers: readonly Waiver[];
  /** Generation time: decides which waivers are active and is printed on the report. */
  readonly now: Date;
  readonly thresholds?: Partial<StatusThresholds>;
  /** Gaps listed per requirement (default 5). */
  readonly gapsPerRequirement?: number;
  /** Gaps in the overall top list (default 10). */
  readonly topGaps?: number;
  /** The human text of a FHIR constraint by key (from the definitions); without it, constraint gaps read the registry sentence. */
  readonly constraintText?: ConstraintText;
}

/**
 * Builds the scorecard.
 * @example buildScorecard({ partner, catalogue, current, previous, waivers: [], now: new Date('2026-04-01T00:00:00Z') })
 */
export function buildScorecard(input: BuildScorecardInput): Scorecard {
  const { partner, catalogue, current, now } = input;
  const earlier = (input.history ?? []).slice(-(HISTORY_PERIODS - 1));
  const previous = input.previous ?? earlier.at(-1);
  const periods = [...earlier, current];
  const thresholds: StatusThresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const gaps = toGaps(current.issues, input.waivers, partner.id, now, input.constraintText);
  const totals = new Map(current.requirements.map((r) => [r.requirementId, r]));
  const before = new Map((previous?.requirements ?? []).map((r) => [r.requirementId, r]));
  const series = new Map(current.series.map((s) => [s.requirementId, s.points]));

  const requirements: ScorecardRequirement[] = catalogue.requirements.map((req) => {
    const t = totals.get(req.id);
    const checked = t?.checked ?? 0;
    const passed = t?.passed ?? 0;
    const rate = passRate(checked, passed);
    const prev = before.get(req.id);
    const previousRate = prev ? passRate(prev.checked, prev.passed) : null;
    const measuredStatus = statusForRate(req.level, rate, thresholds);
    const found = findRequirementWaiver(input.waivers, partner.id, req.id, now);
    const waiver = found ? toNote(found.waiver, found.active) : undefined;
    return {
      id: req.id,
      title: req.title,
      level: req.level,
      ...(req.guidance !== undefined && { guidance: req.guidance }),
      checked,
      passed,
      failed: t?.failed ?? 0,
      waivedRecords: t?.waived ?? 0,
      submissions: t?.submissions ?? 0,
      passRate: rate,
      previousPassRate: previousRate,
      status: found?.active === true ? 'waived' : measuredStatus,
      measuredStatus,
      trend: trendFor(rate, previous === undefined ? undefined : previousRate, thresholds),
      ...(waiver !== undefined && { waiver }),
      gaps: gaps
        .filter((g) => g.requirements.includes(req.id))
        .slice(0, input.gapsPerRequirement ?? 5),
      series: (series.get(req.id) ?? [])
        .filter((p) => p.checked > 0)
        .map((p) => Math.min(1, p.passed / p.checked)),
      history: periods.map((p) => {
        const t = p.requirements.find((x) => x.requirementId === req.id);
        return t ? passRate(t.checked, t.passed) : null;
      }),
    };
  });
  const history = periods.map((p, i) =>
    periodPoint(p, periods.slice(0, i + 1), catalogue, input.waivers, partner.id, now, thresholds),
  );
  const currentPoint = history.at(-1) as PeriodPoint;
  const previousPoint =
    previous === undefined
      ? null
      : previous === earlier.at(-1)
        ? (history.at(-2) ?? null)
        : periodPoint(previous, [previous], catalogue, input.waivers, partner.id, now, thresholds);

  const count = (s: string): number => requirements.filter((r) => r.status === s).length;
  const populated = current.mustSupport.reduce((n, m) => n + m.populated, 0);
  const total = current.mustSupport.reduce((n, m) => n + m.total, 0);

  return {
    kind: 'mdss.scorecard',
    generatedAt: now.toISOString(),
    partner: toReportPartner(partner),
    framework: {
      id: catalogue.framework.id,
      version: catalogue.framework.version,
      ...(catalogue.framework.title !== undefined && { title: catalogue.framework.title }),
    },
    period: { from: current.from, to: current.to },
    ...(previous !== undefined && { previousPeriod: { from: previous.from, to: previous.to } }),
    thresholds,
    maturity: assessMaturity(requirements),
    summary: {
      submissions: current.submissions.length,
      records: current.submissions.reduce((n, s) => n + s.recordCount, 0),
      recordTypes: current.recordTypes,
      met: count('met'),
      partly: count('partly'),
      notMet: count('not-met'),
      notChecked: count('not-checked'),
      waived: count('waived'),
    },
    requirements,
    topGaps: gaps.slice(0, input.topGaps ?? 10),
    ...(previous !== undefined && { changes: gapChanges(gaps, previous.issues) }),
    history,
    overview: { current: currentPoint, previous: previousPoint },
    dataQuality: datasetIndexes(periods),
    mustSupport: {
      coverage: total > 0 ? populated / total : null,
      elements: current.mustSupport.map((m) => ({
        ...m,
        rate: m.total > 0 ? m.populated / m.total : null,
      })),
    },
    ...fieldQualityOf(current),
    waivers: input.waivers
      .filter((w) => w.partnerId === partner.id)
      .map((w) => ({
        ...(w.requirementId !== undefined && { requirementId: w.requirementId }),
        ...(w.code !== undefined && { code: w.code }),
        ...(w.path !== undefined && { path: w.path }),
        ...toNote(w, isWaiverActive(w, now)),
      }))
      .sort(
        (a, b) =>
          compareText(a.requirementId ?? '', b.requirementId ?? '') ||
          compareText(a.code ?? '', b.code ?? '') ||
          compareText(a.path ?? '', b.path ?? '') ||
          compareText(a.until ?? '', b.until ?? '') ||
          compareText(a.reason, b.reason),
      ),
  };
}

/** Periods in a scorecard's history, the current one included. */
export const HISTORY_PERIODS = 6;

/**
 * Headline figures of one period: overall pass rate (records passed ÷ checked over every
 * requirement), maturity level (waivers as they stand at `now`), requirements met and checked, and
 * the mean dataset index with coverage over `window` (periods up to and including `data`).
 */
export function periodPoint(
  data: PeriodData,
  window: readonly PeriodData[],
  catalogue: ConformanceCatalogue,
  waivers: readonly Waiver[],
  partnerId: string,
  now: Date,
  thresholds: StatusThresholds,
): PeriodPoint {
  const totals = new Map(data.requirements.map((r) => [r.requirementId, r]));
  let checked = 0;
  let passed = 0;
  const rows = catalogue.requirements.map((req) => {
    const t = totals.get(req.id);
    checked += t?.checked ?? 0;
    passed += t?.passed ?? 0;
    const measured = statusForRate(req.level, t ? passRate(t.checked, t.passed) : null, thresholds);
    const waived = findRequirementWaiver(waivers, partnerId, req.id, now)?.active === true;
    return { level: req.level, status: waived ? ('waived' as const) : measured };
  });
  const indexes = datasetIndexes(window)
    .map((d) => d.index)
    .filter((x): x is number => x !== null);
  const counted = rows.filter((r) => r.status !== 'not-checked');
  return {
    from: data.from,
    to: data.to,
    submissions: data.submissions.length,
    passRate: passRate(checked, passed),
    maturityLevel: assessMaturity(rows).level,
    met: counted.filter((r) => r.status === 'met' || r.status === 'waived').length,
    checked: counted.length,
    dataQuality: indexes.length === 0 ? null : indexes.reduce((a, b) => a + b, 0) / indexes.length,
  };
}

function fieldQualityOf(current: PeriodData): Pick<Scorecard, 'fieldQuality'> {
  const table = buildDataQualityTable(current.fieldQuality);
  return table === undefined ? {} : { fieldQuality: table };
}

/** Partner identity for reports (no endpoint, no timestamps). */
export function toReportPartner(partner: Partner): ReportPartner {
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind,
    ...(partner.odsCode !== undefined && { odsCode: partner.odsCode }),
    ...(partner.cqcLocationId !== undefined && { cqcLocationId: partner.cqcLocationId }),
    ...(partner.gssCode !== undefined && { gssCode: partner.gssCode }),
  };
}

/**
 * Gaps from issue totals: information-level issues are not gaps. Ordered with unwaived gaps first,
 * then by count (largest first), code and path.
 */
export function toGaps(
  issues: readonly IssueTotals[],
  waivers: readonly Waiver[],
  partnerId: string,
  now: Date,
  constraintText?: ConstraintText,
): Gap[] {
  return issues
    .filter((i) => i.severity !== 'information' && i.count > 0)
    .map((i): Gap => {
      const found = findIssueWaiver(waivers, partnerId, i.code, i.path, now);
      return {
        code: i.code,
        rule: describeRule(i.code, i.rule, constraintText),
        ...(i.rule !== undefined && { constraint: i.rule }),
        path: i.path,
        severity: i.severity,
        count: i.count,
        waivedCount: i.waived,
        requirements: i.requirements,
        ...(found !== undefined && { waiver: toNote(found.waiver, found.active) }),
      };
    })
    .sort(
      (a, b) =>
        Number(a.waiver?.active === true) - Number(b.waiver?.active === true) ||
        b.count - a.count ||
        compareText(a.code, b.code) ||
        compareText(a.path, b.path) ||
        compareText(a.severity, b.severity) ||
        compareText(a.constraint ?? '', b.constraint ?? ''),
    );
}

/** Gaps new this period, and previous gaps (code at path) no longer seen. */
function gapChanges(
  gaps: readonly Gap[],
  previousIssues: readonly IssueTotals[],
): NonNullable<Scorecard['changes']> {
  const key = (g: { code: string; path: string }): string => `${g.code}\u0000${g.path}`;
  const before = new Map<string, { code: string; path: string; previousCount: number }>();
  for (const i of previousIssues) {
    if (i.severity === 'information' || i.count === 0) continue;
    const k = key(i);
    const entry = before.get(k) ?? { code: i.code, path: i.path, previousCount: 0 };
    entry.previousCount += i.count;
    before.set(k, entry);
  }
  const now = new Set(gaps.map(key));
  return {
    newGaps: gaps.filter((g) => !before.has(key(g))),
    resolvedGaps: [...before.entries()]
      .filter(([k]) => !now.has(k))
      .map(([, v]) => v)
      .sort(
        (a, b) =>
          b.previousCount - a.previousCount ||
          compareText(a.code, b.code) ||
          compareText(a.path, b.path),
      ),
  };
}

function toNote(waiver: Waiver, active: boolean): WaiverNote {
  return {
    reason: waiver.reason,
    ...(waiver.until !== undefined && { until: waiver.until }),
    active,
  };
}
