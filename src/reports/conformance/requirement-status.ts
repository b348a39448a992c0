/**
 * Status and trend of one requirement over a period (definitions in docs/maturity.md):
 *
 * - pass rate = passed / checked (records that passed over records the requirement applied to);
 * - `met`: pass rate ≥ the met threshold of its level (MUST 100 %, SHOULD 95 % by default);
 * - `partly`: below that but ≥ the partly threshold (50 %);
 * - `not-met`: below the partly threshold;
 * - `not-checked`: no record the requirement applies to in the period;
 * - `waived`: an active waiver covers the requirement (whatever the pass rate).
 *
 * Trend compares pass rates with the previous period: `new` when the previous period did not check
 * it, `up`/`down` when the rate moved by at least the trend tolerance (1 percentage point), else
 * `flat`; `none` when this period did not check it.
 * @module
 */

import type { RequirementLevel } from './catalogue.js';

/** Status of a requirement for one partner and period. */
export type RequirementStatus = 'met' | 'partly' | 'not-met' | 'not-checked' | 'waived';

/** Movement of the pass rate against the previous period. */
export type Trend = 'up' | 'down' | 'flat' | 'new' | 'none';

/** Thresholds behind the statuses and trends, as fractions (0–1). */
export interface StatusThresholds {
  /** Pass rate at or above which a MUST requirement is met. */
  readonly mustMet: number;
  /** Pass rate at or above which a SHOULD requirement is met. */
  readonly shouldMet: number;
  /** Pass rate at or above which a requirement not met is `partly` met rather than `not-met`. */
  readonly partly: number;
  /** Smallest change of pass rate reported as a trend up or down. */
  readonly trendTolerance: number;
}

/** The documented defaults (docs/maturity.md). */
export const DEFAULT_THRESHOLDS: StatusThresholds = {
  mustMet: 1,
  shouldMet: 0.95,
  partly: 0.5,
  trendTolerance: 0.01,
};

/** passed / checked, or null when nothing was checked. */
export function passRate(checked: number, passed: number): number | null {
  return checked > 0 ? Math.min(1, passed / checked) : null;
}

/**
 * The status for a pass rate (null: not checked), ignoring waivers.
 * @example statusForRate('MUST', 0.99) // 'partly'
 */
export function statusForRate(
  level: RequirementLevel,
  rate: number | null,
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): Exclude<RequirementStatus, 'waived'> {
  if (rate === null) return 'not-checked';
  const met = level === 'MUST' ? thresholds.mustMet : thresholds.shouldMet;
  if (rate >= met) return 'met';
  return rate >= thresholds.partly ? 'partly' : 'not-met';
}

/**
 * Trend of the pass rate against the previous period's.
 * @example trendFor(0.9, 0.8) // 'up'
 */
export function trendFor(
  current: number | null,
  previous: number | null | undefined,
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): Trend {
  if (current === null) return 'none';
  if (previous === null || previous === undefined) return 'new';
  const delta = current - previous;
  if (delta >= thresholds.trendTolerance - 1e-9) return 'up';
  if (delta <= -thresholds.trendTolerance + 1e-9) return 'down';
  return 'flat';
}
