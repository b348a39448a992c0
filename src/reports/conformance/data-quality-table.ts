/**
 * The field-by-field data-quality table of a partner's social-care returns, as the DHSC CLD
 * data-quality tool shows it: per module and field, the rows where the field was mandatory, and the
 * count of each national outcome (Passed: Valid, Passed: Blank (Not Mandatory), Failed: Blank
 * (Mandatory), Failed: Invalid, Failed: Release 1) with the share that passed. Pure; counts only.
 * @module
 */
import type { FieldQuality } from '../../validation-result.js';

/** One field of the table. */
export interface DataQualityRow extends FieldQuality {
  /** Rows evaluated (every status). */
  readonly rows: number;
  readonly failed: number;
  /** Passed outcomes over all rows; null without rows. */
  readonly passRate: number | null;
}

/** The table: fields in the dataset's order, and the totals. */
export interface DataQualityTable {
  readonly fields: readonly DataQualityRow[];
  readonly failed: number;
  /** Passed outcomes over all field-row outcomes; null without rows. */
  readonly passRate: number | null;
}

/**
 * Builds the table from period totals (`PeriodData.dataQuality`); undefined when there are none.
 * @example buildDataQualityTable(period.dataQuality)?.fields[0]?.passRate
 */
export function buildDataQualityTable(totals: readonly FieldQuality[] | undefined): DataQualityTable | undefined {
  if (totals === undefined || totals.length === 0) return undefined;
  let passed = 0;
  let all = 0;
  const fields = totals.map((q): DataQualityRow => {
    const ok = q.passedValid + q.passedBlank;
    const failed = q.failedBlank + q.failedInvalid + q.failedRelease1;
    passed += ok;
    all += ok + failed;
    return { ...q, rows: q.mandatory + q.applicable + q.notApplicable + q.undetermined, failed, passRate: ok + failed > 0 ? ok / (ok + failed) : null };
  });
  return { fields, failed: all - passed, passRate: all > 0 ? passed / all : null };
}
