/**
 * A data-quality score per partner and dataset in the manner of NHS England's Data Quality Maturity
 * Index (DQMI): coverage of expected submissions × mean item validity (method in docs/maturity.md).
 *
 * - Coverage: of the periods in which a submission of the dataset was expected, the share with at
 *   least one. A dataset is expected every period from the first period (within the periods looked
 *   at, up to 6) in which the partner sent it.
 * - Item validity: the mean, over the dataset's data items, of valid ÷ checked. The items are the
 *   framework's requirements applied to the dataset's records and, for CLD, the national outcome of
 *   each field (`fieldItems`: passed ÷ all rows, per module × field).
 * - Index = coverage × item validity; none when the dataset had no submission in the period scored.
 *
 * Pure and edge-safe.
 * @module
 */

import { compareText } from './compare-text.js';
import type { PeriodData } from './period-data.js';

/** One data item's outcome over a period: records where it was checked, and where valid. */
export interface DataItemOutcome {
  readonly id: string;
  readonly checked: number;
  readonly valid: number;
}

/** Input of {@link dataQualityIndex}. */
export interface DataQualityInput {
  /** Periods a submission was expected in. */
  readonly expectedPeriods: number;
  /** Of those, periods with at least one submission. */
  readonly receivedPeriods: number;
  /** The items of the period scored (items never checked are ignored). */
  readonly items: readonly DataItemOutcome[];
}

/** A dataset's data-quality index with the parts it is made of (all fractions 0–1). */
export interface DataQualityIndex {
  readonly feed: string;
  /** coverage × validity: the index, 0–1. */
  readonly index: number | null;
  readonly coverage: number | null;
  readonly validity: number | null;
  readonly expectedPeriods: number;
  readonly receivedPeriods: number;
  /** Items that were checked in the period scored. */
  readonly items: number;
}

/**
 * The score from coverage and item outcomes: the one place the DQMI-style method is computed.
 * @example dataQualityIndex({ expectedPeriods: 6, receivedPeriods: 6, items: [{ id: 'MDS-01', checked: 10, valid: 9 }] }).index // 0.9
 */
export function dataQualityIndex(input: DataQualityInput): Omit<DataQualityIndex, 'feed'> {
  const counted = input.items.filter((i) => i.checked > 0);
  const validity =
    counted.length === 0
      ? null
      : counted.reduce((sum, i) => sum + Math.min(1, i.valid / i.checked), 0) / counted.length;
  const coverage =
    input.expectedPeriods > 0 ? Math.min(1, input.receivedPeriods / input.expectedPeriods) : null;
  return {
    index: coverage === null || validity === null ? null : coverage * validity,
    coverage,
    validity,
    expectedPeriods: input.expectedPeriods,
    receivedPeriods: input.receivedPeriods,
    items: counted.length,
  };
}

/** The dataset whose returns carry the national field-level outcomes (`PeriodData.fieldQuality`). */
export const fieldQualityFeed = 'cld';

/**
 * The national field-level outcomes as further data items (one per module × field): checked = every
 * row's outcome, valid = Passed: Valid + Passed: Blank (Not Mandatory).
 */
export function fieldItems(period: PeriodData): DataItemOutcome[] {
  return (period.fieldQuality ?? []).map((q) => {
    const valid = q.passedValid + q.passedBlank;
    return {
      id: `${q.module}/${q.field}`,
      checked: valid + q.failedBlank + q.failedInvalid + q.failedRelease1,
      valid,
    };
  });
}

/**
 * Scores every dataset of the last period of `periods` (oldest first; the last is the period
 * scored), with coverage over all of `periods`.
 * @example datasetIndexes([january, february, march]) // one score per feed seen in those months
 */
export function datasetIndexes(periods: readonly PeriodData[]): DataQualityIndex[] {
  const scored = periods.at(-1);
  if (scored === undefined) return [];
  const feeds = new Set<string>();
  for (const p of periods) for (const d of p.datasets ?? []) feeds.add(d.feed);
  return [...feeds].sort(compareText).map((feed) => {
    const sent = periods.map((p) =>
      (p.datasets ?? []).some((d) => d.feed === feed && d.submissions > 0),
    );
    const first = sent.indexOf(true);
    const expectedPeriods = first < 0 ? 0 : periods.length - first;
    const receivedPeriods = sent.filter(Boolean).length;
    const items = [
      ...((scored.datasets ?? []).find((d) => d.feed === feed)?.items ?? []),
      ...(feed === fieldQualityFeed ? fieldItems(scored) : []),
    ];
    const result = dataQualityIndex({ expectedPeriods, receivedPeriods, items });
    return { feed, ...result, index: sent.at(-1) === true ? result.index : null };
  });
}
