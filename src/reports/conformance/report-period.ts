/**
 * Report periods: half-open `[from, to)` ranges of ISO instants (UTC). Reports default to a
 * calendar month and compare with the period just before it.
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
  return { from: new Date(Date.UTC(y, m, 1)).toISOString(), to: new Date(Date.UTC(y, m + 1, 1)).toISOString() };
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
