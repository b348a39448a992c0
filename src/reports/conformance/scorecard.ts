/**
 * The partner scorecard's shape: plain JSON (no Date, no class), the single input of every renderer.
 * @module
 */

import type { DataQualityTable } from './data-quality-table.js';
import type { RequirementLevel } from './catalogue.js';
import type { DataQualityIndex } from './data-quality.js';
import type { Maturity, MaturityLevel } from './maturity.js';
import type { Partner } from './partner.js';
import type { RequirementStatus, StatusThresholds, Trend } from './requirement-status.js';

/** A waiver as a report shows it (no internal id). */
export interface WaiverNote {
  readonly reason: string;
  readonly until?: string;
  /** False when the waiver has expired: the gap shows again. */
  readonly active: boolean;
}

/** An element-level gap: issues of one code at one element path. */
export interface Gap {
  readonly code: string;
  /** The rule behind the code, in words (see gap-rule.ts). */
  readonly rule: string;
  /** The FHIR constraint key (`pat-1`) of an `invariant.*` gap; `rule` then reads "pat-1: <human text>" when the definitions know it. */
  readonly constraint?: string;
  readonly path: string;
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly count: number;
  /** Of `count`, issues the partner's policy waived at validation time. */
  readonly waivedCount: number;
  readonly requirements: readonly string[];
  readonly waiver?: WaiverNote;
}

/** One requirement's row of the scorecard. */
export interface ScorecardRequirement {
  readonly id: string;
  readonly title: string;
  readonly level: RequirementLevel;
  /** What to do when it is not met, from the catalogue. */
  readonly guidance?: { readonly fix: string; readonly example?: string };
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  /** Records whose only failures were waived by policy at validation time. */
  readonly waivedRecords: number;
  /** Submissions of the period that checked the requirement. */
  readonly submissions: number;
  readonly passRate: number | null;
  readonly previousPassRate: number | null;
  readonly status: RequirementStatus;
  /** The status the pass rate alone gives (differs from `status` only when waived). */
  readonly measuredStatus: Exclude<RequirementStatus, 'waived'>;
  readonly trend: Trend;
  readonly waiver?: WaiverNote;
  /** Largest gaps bearing on this requirement. */
  readonly gaps: readonly Gap[];
  /** Pass rate per submission in the period, oldest first (for the sparkline). */
  readonly series: readonly number[];
  /** Pass rate per period of the scorecard's `history` (same order; null: not checked then). */
  readonly history: readonly (number | null)[];
}

/** One period of a partner's history: headline figures. */
export interface PeriodPoint {
  readonly from: string;
  readonly to: string;
  readonly submissions: number;
  /** Records that passed ÷ records checked, summed over every requirement; null when none checked. */
  readonly passRate: number | null;
  readonly maturityLevel: MaturityLevel;
  /** Requirements met (or waived) and requirements checked in the period. */
  readonly met: number;
  readonly checked: number;
  /** Mean of the period's dataset indexes (see data-quality.ts); null when none. */
  readonly dataQuality: number | null;
}

/** Partner identity as printed on a report. */
export type ReportPartner = Pick<
  Partner,
  'id' | 'name' | 'kind' | 'odsCode' | 'cqcLocationId' | 'gssCode'
>;

/** Framework identity as printed on a report. */
export interface ReportFramework {
  readonly id: string;
  readonly version: string;
  readonly title?: string;
}

/** A partner's conformance scorecard for one period. */
export interface Scorecard {
  readonly kind: 'mdss.scorecard';
  readonly generatedAt: string;
  readonly partner: ReportPartner;
  readonly framework: ReportFramework;
  readonly period: { readonly from: string; readonly to: string };
  readonly previousPeriod?: { readonly from: string; readonly to: string };
  readonly thresholds: StatusThresholds;
  readonly maturity: Maturity;
  readonly summary: {
    readonly submissions: number;
    readonly records: number;
    readonly recordTypes: Readonly<Record<string, number>>;
    readonly met: number;
    readonly partly: number;
    readonly notMet: number;
    readonly notChecked: number;
    readonly waived: number;
  };
  readonly requirements: readonly ScorecardRequirement[];
  /** Largest gaps across all requirements. */
  readonly topGaps: readonly Gap[];
  /**
   * Gaps (code at element path) that appeared or went away since the previous period; absent when
   * no previous period was given.
   */
  readonly changes?: {
    readonly newGaps: readonly Gap[];
    readonly resolvedGaps: readonly {
      readonly code: string;
      readonly path: string;
      readonly previousCount: number;
    }[];
  };
  readonly mustSupport: {
    /** Populated over total across all must-support elements; null without data. */
    readonly coverage: number | null;
    readonly elements: readonly {
      readonly path: string;
      readonly populated: number;
      readonly total: number;
      readonly rate: number | null;
    }[];
  };
  /**
   * Headline figures per period, oldest first, the current period last (up to 6 periods when the
   * report was loaded from a store).
   */
  readonly history: readonly PeriodPoint[];
  /** The current period's figures and the previous period's (null when no previous period was given). */
  readonly overview: { readonly current: PeriodPoint; readonly previous: PeriodPoint | null };
  /** DQMI-style data-quality index per dataset (feed) for the period. */
  readonly dataQuality: readonly DataQualityIndex[];
  /** Social-care returns: the national data-quality outcome per field; absent without such returns. */
  readonly fieldQuality?: DataQualityTable;
  /** The partner's waivers as they stand at generation time. */
  readonly waivers: readonly (WaiverNote & {
    readonly requirementId?: string;
    readonly code?: string;
    readonly path?: string;
  })[];
}
