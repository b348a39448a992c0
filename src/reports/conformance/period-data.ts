/**
 * What reports read about one partner over one period: totals per requirement, issue and must-support
 * element, plus evidence of the submissions (hashes and versions, never ids or payload values). The
 * store computes it with SQL ({@link https://kysely.dev | Kysely}); {@link aggregatePeriod} computes
 * the same from summaries in memory.
 * @module
 */

import type { SubmissionSummary } from '../../framework/submission-summary.js';
import type { FieldQuality } from '../../validation-result.js';

/** Evidence of one submission: enough to show what was tested, with what, and when. */
export interface SubmissionEvidence {
  readonly payloadHash: string;
  readonly payloadSize: number;
  readonly receivedAt: string;
  readonly feed: string;
  readonly kind: SubmissionSummary['kind'];
  readonly frameworkVersion: string;
  readonly validatorVersion: string;
  readonly packages: readonly string[];
  readonly recordCount: number;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
}

/** Totals for one requirement over the period. */
export interface RequirementTotals {
  readonly requirementId: string;
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  readonly waived: number;
  /** Submissions in which the requirement was checked at least once. */
  readonly submissions: number;
}

/** One point of a requirement's pass-rate series: one submission. */
export interface RequirementPoint {
  readonly receivedAt: string;
  readonly checked: number;
  readonly passed: number;
}

/** Issue totals for one code, element path, severity and constraint key over the period. */
export interface IssueTotals {
  readonly code: string;
  readonly path: string;
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  /** The constraint key (`pat-1`) of `invariant.*` issues; a model key, never payload text. */
  readonly rule?: string;
  readonly count: number;
  readonly waived: number;
  /** Requirement ids the issue bears on (union over the period, sorted). */
  readonly requirements: readonly string[];
}

/** Must-support coverage of one element path over the period. */
export interface MustSupportTotals {
  readonly path: string;
  readonly populated: number;
  readonly total: number;
}

/**
 * One dataset (feed: `fhir`, `cld`, `cin`, …) of a partner over the period: how many submissions
 * of it arrived, and its data items with how often each was checked and valid. Today an item is a
 * requirement applied to the dataset's records (record-level checks); field-level outcomes can be
 * added as further items (see `dataQualityIndex`).
 */
export interface DatasetTotals {
  readonly feed: string;
  readonly submissions: number;
  readonly records: number;
  /** By id. */
  readonly items: readonly {
    readonly id: string;
    readonly checked: number;
    readonly valid: number;
  }[];
}

/** Everything reports need about one partner and period. Arrays are sorted (see each field). */
export interface PeriodData {
  readonly partnerId: string;
  /** ISO instant, inclusive. */
  readonly from: string;
  /** ISO instant, exclusive. */
  readonly to: string;
  /** Oldest first, then by hash. */
  readonly submissions: readonly SubmissionEvidence[];
  /** By requirement id. */
  readonly requirements: readonly RequirementTotals[];
  /** By requirement id; points oldest first. */
  readonly series: readonly {
    readonly requirementId: string;
    readonly points: readonly RequirementPoint[];
  }[];
  /** By code, path, severity. */
  readonly issues: readonly IssueTotals[];
  /** By path. */
  readonly mustSupport: readonly MustSupportTotals[];
  /** Record counts by type, summed over the period. */
  readonly recordTypes: Readonly<Record<string, number>>;
  /** Per dataset (feed), by feed; absent from hand-made periods (read as none). */
  readonly datasets?: readonly DatasetTotals[];
  /**
   * Social-care returns: national data-quality outcome counts per module × field, summed over the
   * period, in the dataset's field order (then module, field). Absent when no submission had any.
   */
  readonly fieldQuality?: readonly FieldQuality[];
}
