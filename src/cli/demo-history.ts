/**
 * The demo's history: `mdss demo` validates each example feed once (the real pipeline) and records
 * it in the current month; for the months before, it records summaries derived from that result so
 * the reports have trends to show (examples/demo-history.json says which partner improves, which
 * regresses). Derived summaries hold counts, codes and paths only, like every summary. Everything is
 * deterministic (received times and hashes come from the month, partner and file), so seeding twice
 * records nothing new: see {@link isRecorded}.
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import type { IssueAggregate, SubmissionSummary } from '../framework/submission-summary.js';
import {
  calendarMonth,
  recentPeriods,
  type ReportPeriod,
} from '../reports/conformance/report-period.js';
import type { Store } from '../store/store.js';

/** How a partner's results move over the seeded months. */
export type Trajectory = 'improving' | 'regressing' | 'steady';

/** examples/demo-history.json. */
export interface DemoHistory {
  readonly months: number;
  /** Share of records that moves per month back (0–1). */
  readonly monthlyStep: number;
  readonly trajectories: Readonly<Record<string, Trajectory>>;
}

/** Reads examples/demo-history.json (or the defaults: 6 months, everyone steady). */
export function parseDemoHistory(json: unknown): DemoHistory {
  const o = (json ?? {}) as Partial<DemoHistory>;
  const months =
    typeof o.months === 'number' && o.months >= 1 && o.months <= 24 ? Math.floor(o.months) : 6;
  const step =
    typeof o.monthlyStep === 'number' && o.monthlyStep >= 0 && o.monthlyStep <= 0.5
      ? o.monthlyStep
      : 0.08;
  const trajectories: Record<string, Trajectory> = {};
  for (const [id, t] of Object.entries(o.trajectories ?? {}))
    if (t === 'improving' || t === 'regressing' || t === 'steady') trajectories[id] = t;
  return { months, monthlyStep: step, trajectories };
}

/** The seeded months, oldest first, the month of `now` last. */
export function demoMonths(now: Date, months: number): ReportPeriod[] {
  return recentPeriods(calendarMonth(now), months);
}

/**
 * When a seeded submission was received: the start of its month plus the partner's and file's
 * position in seconds (so the current month's submissions are not in the future after its first minutes).
 */
export function demoReceivedAt(
  month: ReportPeriod,
  partnerIndex: number,
  fileIndex: number,
): string {
  return new Date(Date.parse(month.from) + (partnerIndex * 60 + fileIndex) * 1000).toISOString();
}

/** Whether the store already holds this partner's submission with this hash and received time. */
export async function isRecorded(store: Store, summary: SubmissionSummary): Promise<boolean> {
  const at = Date.parse(summary.receivedAt);
  const existing = await store.listSubmissions(summary.partnerId, {
    from: summary.receivedAt,
    to: new Date(at + 1).toISOString(),
  });
  return existing.some(
    (s) => s.payloadHash === summary.payloadHash && Date.parse(s.receivedAt) === at,
  );
}

/**
 * The summary as it would have been `monthsAgo` months earlier on `trajectory`: improving partners
 * had a share (`monthsAgo × step`) of their passing records failing; regressing partners had that
 * share of their current failures not yet. Requirement outcomes and issue counts move together.
 */
export function deriveEarlierSummary(
  summary: SubmissionSummary,
  catalogue: RequirementCatalogue,
  trajectory: Trajectory,
  monthsAgo: number,
  step: number,
  overrides: { readonly receivedAt: string; readonly payloadHash: string },
): SubmissionSummary {
  const share = Math.min(1, monthsAgo * step);
  if (trajectory === 'steady' || share === 0) return { ...summary, ...overrides };
  const issues = summary.issues.map((i) => ({ ...i }));
  const requirements = summary.requirements.map((r) => {
    if (trajectory === 'regressing') {
      const fixed = Math.round(r.failed * Math.min(1, share * 2.5));
      if (fixed === 0) return r;
      for (const i of issues)
        if (i.requirements.includes(r.requirementId))
          i.count = Math.max(0, Math.round(i.count * (1 - fixed / r.failed)));
      return { ...r, passed: r.passed + fixed, failed: r.failed - fixed };
    }
    const broken = Math.round(r.passed * share);
    if (broken === 0) return r;
    const target = issues.find(
      (i) => i.requirements.includes(r.requirementId) && i.severity !== 'information',
    );
    if (target) target.count += broken;
    else {
      const added = syntheticIssue(catalogue, r.requirementId, summary.feed, broken);
      if (!added) return r;
      issues.push(added);
    }
    return { ...r, passed: r.passed - broken, failed: r.failed + broken };
  });
  const live = issues
    .filter((i) => i.count > 0)
    .sort((a, b) => cmp(a.code, b.code) || cmp(a.path, b.path) || cmp(a.severity, b.severity));
  const sum = (pred: (i: IssueAggregate) => boolean): number =>
    live.filter(pred).reduce((n, i) => n + i.count - i.waived, 0);
  const errorCount = sum((i) => i.severity === 'error' || i.severity === 'fatal');
  return {
    ...summary,
    ...overrides,
    requirements,
    issues: live,
    errorCount,
    warningCount: sum((i) => i.severity === 'warning'),
    valid: errorCount === 0,
  };
}

/** An issue aggregate for a requirement with no issue to grow: its first exact traced code, at its first element. */
function syntheticIssue(
  catalogue: RequirementCatalogue,
  requirementId: string,
  feed: string,
  count: number,
): (IssueAggregate & { count: number }) | undefined {
  const req = catalogue.requirements.find((r) => r.id === requirementId);
  const trace = req?.traces.find(
    (t) =>
      !t.code.endsWith('.*') &&
      issueCodes[t.code] !== undefined &&
      (t.feed === undefined || t.feed === feed),
  );
  if (!req || !trace) return undefined;
  const def = issueCodes[trace.code];
  const severity =
    def?.severity === 'error' && req.level === 'SHOULD' ? 'warning' : (def?.severity ?? 'error');
  if (severity === 'information') return undefined;
  // FHIR element paths are dotted (Patient.birthDate); feed fields are not (Date_of_Birth).
  const element = req.appliesTo.elements?.find((e) => e.includes('.') === (feed === 'fhir'));
  return {
    code: trace.code,
    path: trace.path ?? element ?? req.appliesTo.recordTypes?.[0] ?? '',
    severity,
    count,
    requirements: [requirementId],
    waived: 0,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
