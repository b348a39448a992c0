/**
 * Text forms shared by the renderers: percentages, status and trend labels (always words, so no
 * renderer relies on colour), dates. Locale-independent so output is identical everywhere.
 * @module
 */

import type { RequirementStatus, Trend } from './requirement-status.js';

/** Labels of statuses, as printed. */
export const STATUS_LABELS: Readonly<Record<RequirementStatus, string>> = {
  met: 'Met',
  partly: 'Partly met',
  'not-met': 'Not met',
  'not-checked': 'Not checked',
  waived: 'Waived',
};

/** Labels of trends, as printed. */
export const TREND_LABELS: Readonly<Record<Trend, string>> = {
  up: 'Improving',
  down: 'Worsening',
  flat: 'No change',
  new: 'New this period',
  none: 'No data',
};

/** Arrows of trends (decoration next to the label, never instead of it). */
export const TREND_SYMBOLS: Readonly<Record<Trend, string>> = {
  up: '↑',
  down: '↓',
  flat: '→',
  new: '•',
  none: '–',
};

/**
 * A rate as a percentage rounded to one decimal (2/3 → `66.7%`), or `–` for none. A rate that is
 * not exactly 1 never prints as `100.0%` (0.9996 → `99.9%`), and one that is not exactly 0 never
 * prints as `0.0%` (0.0004 → `0.1%`): a requirement not fully met never reads as fully met.
 * @example formatPercent(2 / 3) // '66.7%'
 */
export function formatPercent(rate: number | null): string {
  if (rate === null) return '–';
  const tenths = Math.min(
    rate < 1 ? 999 : 1000,
    Math.max(rate > 0 ? 1 : 0, Math.round(rate * 1000)),
  );
  return `${(tenths / 10).toFixed(1)}%`;
}

/** The calendar date (UTC) of an ISO instant, `YYYY-MM-DD`. */
export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

/**
 * A half-open period `[from, to)` as inclusive dates.
 * @example formatPeriod({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }) // '2026-03-01 to 2026-03-31'
 */
export function formatPeriod(
  period: { readonly from: string; readonly to: string } | null,
): string {
  if (period === null || period.from === '') return 'no period';
  const last = Date.parse(period.to) - 1;
  return `${formatDate(period.from)} to ${Number.isNaN(last) ? period.to : new Date(last).toISOString().slice(0, 10)}`;
}

/** A waiver's expiry as printed. */
export function formatUntil(until: string | undefined): string {
  return until === undefined ? 'no expiry' : until;
}
