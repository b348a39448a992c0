/**
 * Report periods: half-open `[from, to)` ranges of ISO instants (UTC). Reports default to the
 * current UTC calendar month and compare with the period just before it. {@link resolveReportPeriod}
 * is the one reading of `from`/`to` for `mdss report` and `GET /v1/report`,
 * `GET /v1/partners/{id}/report`.
 * @module
 */

/** A half-open period of ISO instants. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * The UTC calendar month containing `date`.
 * @example calendarMonth(new Date('2026-03-15T12:00:00Z')) // { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }
 */
export function calendarMonth(date: Date): ReportPeriod {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  return {
    from: new Date(Date.UTC(y, m, 1)).toISOString(),
    to: new Date(Date.UTC(y, m + 1, 1)).toISOString(),
  };
}

/**
 * The period just before `period`: the previous calendar month when `period` is one, otherwise a
 * period of the same length ending where `period` starts.
 * @example previousPeriod({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }).from // '2026-02-01T00:00:00.000Z'
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const month = calendarMonth(from);
  if (month.from === from.toISOString() && month.to === to.toISOString()) {
    return calendarMonth(new Date(from.getTime() - 1));
  }
  const length = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - length).toISOString(), to: from.toISOString() };
}

/**
 * `count` consecutive periods ending with `period`, oldest first (each the {@link previousPeriod} of
 * the next).
 * @example recentPeriods(calendarMonth(new Date('2026-03-15')), 3).map((p) => p.from.slice(0, 7)) // ['2026-01', '2026-02', '2026-03']
 */
export function recentPeriods(period: ReportPeriod, count: number): ReportPeriod[] {
  const out: ReportPeriod[] = [period];
  while (out.length < count) out.unshift(previousPeriod(out[0] as ReportPeriod));
  return out;
}

/** Why `from`/`to` do not give a period: which value, and what is wrong with it. */
export interface ReportPeriodProblem {
  readonly name: 'from' | 'to';
  readonly reason: 'not-a-date' | 'not-before-to';
}

const isoDate =
  /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The report period for optional `from` (inclusive) and `to` (exclusive) values, each an ISO date
 * (`2026-03-01`, midnight UTC) or an instant with a zone (`2026-03-01T09:00:00Z`):
 * - neither: the UTC calendar month containing `now`;
 * - only `from`: from then to the end of the current calendar month;
 * - only `to`: from the start of the calendar month of the instant just before `to`, to `to`;
 * - both: as given. `from` must be before `to`.
 * @example resolveReportPeriod(undefined, undefined, new Date('2026-03-15T12:00:00Z')) // { period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' } }
 */
export function resolveReportPeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { readonly period: ReportPeriod } | { readonly problem: ReportPeriodProblem } {
  const start = from === undefined ? undefined : parseInstant(from);
  if (start === undefined && from !== undefined)
    return { problem: { name: 'from', reason: 'not-a-date' } };
  const end = to === undefined ? undefined : parseInstant(to);
  if (end === undefined && to !== undefined)
    return { problem: { name: 'to', reason: 'not-a-date' } };
  const endMs = end ?? Date.parse(calendarMonth(now).to);
  const startMs = start ?? Date.parse(calendarMonth(new Date(endMs - 1)).from);
  if (!(startMs < endMs)) return { problem: { name: 'from', reason: 'not-before-to' } };
  return { period: { from: new Date(startMs).toISOString(), to: new Date(endMs).toISOString() } };
}

/** Milliseconds of an ISO date or zoned instant; undefined for anything else (or an impossible date). */
function parseInstant(value: string): number | undefined {
  const m = isoDate.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Reject calendar dates that do not exist (2026-02-30) rather than rolling them over.
  if (
    Number.isNaN(Date.parse(`${m[1]}T12:00:00Z`)) ||
    new Date(`${m[1]}T12:00:00Z`).toISOString().slice(0, 10) !== m[1]
  )
    return undefined;
  return ms;
}
