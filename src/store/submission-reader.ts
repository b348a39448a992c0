/**
 * Reads recorded submissions back: headers per partner and period, or one submission in full.
 * @module
 */

import type { Kysely, Selectable } from 'kysely';
import type { IssueAggregate } from '../framework/submission-summary.js';
import type { FieldQuality } from '../validation-result.js';
import type { MdssDatabase, SubmissionsTable } from './database-schema.js';
import { parseJson, toCount, toInstant } from './store-values.js';
import type { StoredSubmission, StoredSubmissionHeader } from './store.js';

/** One partner's submissions received in `[from, to)`, oldest first (then by id). */
export async function listSubmissions(
  db: Kysely<MdssDatabase>,
  partnerId: string,
  range: { readonly from?: string; readonly to?: string } = {},
): Promise<StoredSubmissionHeader[]> {
  let query = db.selectFrom('submissions').selectAll().where('partner_id', '=', partnerId);
  if (range.from !== undefined)
    query = query.where('received_at', '>=', toInstant(range.from, 'from'));
  if (range.to !== undefined) query = query.where('received_at', '<', toInstant(range.to, 'to'));
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(toHeader);
}

/** One submission with its requirement, issue and must-support rows (sorted), or undefined. */
export async function getSubmission(
  db: Kysely<MdssDatabase>,
  id: string,
): Promise<StoredSubmission | undefined> {
  const row = await db
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [requirements, issues, mustSupport, dataQuality] = await Promise.all([
    db
      .selectFrom('submission_requirements')
      .selectAll()
      .where('submission_id', '=', id)
      .orderBy('requirement_id')
      .execute(),
    db
      .selectFrom('submission_issues')
      .selectAll()
      .where('submission_id', '=', id)
      .orderBy('code')
      .orderBy('path')
      .orderBy('severity')
      .orderBy('rule')
      .execute(),
    db
      .selectFrom('submission_must_support')
      .selectAll()
      .where('submission_id', '=', id)
      .orderBy('path')
      .execute(),
    db
      .selectFrom('submission_data_quality')
      .selectAll()
      .where('submission_id', '=', id)
      .orderBy('ordinal')
      .orderBy('module')
      .orderBy('field')
      .execute(),
  ]);
  return {
    ...toHeader(row),
    requirements: requirements.map((r) => ({
      requirementId: r.requirement_id,
      checked: toCount(r.checked),
      passed: toCount(r.passed),
      failed: toCount(r.failed),
      waived: toCount(r.waived),
    })),
    issues: issues.map((i) => ({
      code: i.code,
      path: i.path,
      severity: i.severity as IssueAggregate['severity'],
      ...(i.rule !== null ? { rule: i.rule } : {}),
      count: toCount(i.count),
      requirements: parseJson<string[]>(i.requirements, []),
      waived: toCount(i.waived),
    })),
    mustSupport: mustSupport.map((m) => ({
      path: m.path,
      populated: toCount(m.populated),
      total: toCount(m.total),
    })),
    ...(dataQuality.length ? { fieldQuality: dataQuality.map(toFieldQuality) } : {}),
  };
}

/** Maps a `submission_data_quality` row (or a sum of rows) to the report shape. */
export function toFieldQuality(row: {
  module: string;
  field: string;
  mandatory: unknown;
  applicable: unknown;
  not_applicable: unknown;
  undetermined: unknown;
  passed_valid: unknown;
  passed_blank: unknown;
  failed_blank: unknown;
  failed_invalid: unknown;
  failed_release_1: unknown;
}): FieldQuality {
  return {
    module: row.module,
    field: row.field,
    mandatory: toCount(row.mandatory),
    applicable: toCount(row.applicable),
    notApplicable: toCount(row.not_applicable),
    undetermined: toCount(row.undetermined),
    passedValid: toCount(row.passed_valid),
    passedBlank: toCount(row.passed_blank),
    failedBlank: toCount(row.failed_blank),
    failedInvalid: toCount(row.failed_invalid),
    failedRelease1: toCount(row.failed_release_1),
  };
}

/** Maps a submissions row to the header shape. */
export function toHeader(row: Selectable<SubmissionsTable>): StoredSubmissionHeader {
  return {
    id: row.id,
    partnerId: row.partner_id,
    feed: row.feed,
    kind: row.kind === 'pull' ? 'pull' : 'upload',
    frameworkVersion: row.framework_version,
    validatorVersion: row.validator_version,
    packages: parseJson<string[]>(row.packages, []),
    payloadHash: row.payload_hash,
    payloadSize: toCount(row.payload_size),
    recordCount: toCount(row.record_count),
    recordTypes: parseJson<Record<string, number>>(row.record_types, {}),
    receivedAt: row.received_at,
    durationMs: toCount(row.duration_ms),
    valid: toCount(row.valid) === 1,
    errorCount: toCount(row.error_count),
    warningCount: toCount(row.warning_count),
  };
}
