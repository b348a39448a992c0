/**
 * CSV renderings: the scorecard as one row per requirement; the ICS matrix in long form (one row
 * per partner and requirement), which pivots cleanly in any spreadsheet.
 * @module
 */

import type { IcsMatrix } from './build-ics-matrix.js';
import { toCsv, type CsvValue } from './csv.js';
import type { Scorecard } from './scorecard.js';

const rate = (r: number | null): CsvValue => (r === null ? '' : Number(r.toFixed(4)));

/** The scorecard's requirements as CSV. */
export function renderScorecardCsv(card: Scorecard): string {
  const header = [
    'partner_id',
    'partner_name',
    'period_from',
    'period_to',
    'framework_version',
    'requirement_id',
    'title',
    'level',
    'status',
    'pass_rate',
    'checked',
    'passed',
    'failed',
    'waived_records',
    'previous_pass_rate',
    'trend',
    'waiver_reason',
    'waiver_until',
    'waiver_active',
    'top_gap_code',
    'top_gap_path',
    'top_gap_count',
  ];
  const rows = card.requirements.map((r) => {
    const gap = r.gaps[0];
    return [
      card.partner.id,
      card.partner.name,
      card.period.from,
      card.period.to,
      card.framework.version,
      r.id,
      r.title,
      r.level,
      r.status,
      rate(r.passRate),
      r.checked,
      r.passed,
      r.failed,
      r.waivedRecords,
      rate(r.previousPassRate),
      r.trend,
      r.waiver?.reason,
      r.waiver?.until,
      r.waiver?.active,
      gap?.code,
      gap?.path,
      gap?.count,
    ];
  });
  return toCsv([header, ...rows]);
}

/** The matrix as CSV, one row per partner × requirement. */
export function renderMatrixCsv(matrix: IcsMatrix): string {
  const header = [
    'partner_id',
    'partner_name',
    'partner_kind',
    'ods_code',
    'maturity_level',
    'requirement_id',
    'level',
    'status',
    'pass_rate',
    'checked',
  ];
  const levels = new Map(matrix.requirements.map((r) => [r.id, r.level]));
  const rows = matrix.rows.flatMap((row) =>
    row.cells.map((c) => [
      row.partner.id,
      row.partner.name,
      row.partner.kind,
      row.partner.odsCode,
      row.maturity.level,
      c.requirementId,
      levels.get(c.requirementId),
      c.status,
      rate(c.passRate),
      c.checked,
    ]),
  );
  return toCsv([header, ...rows]);
}
