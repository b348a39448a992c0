/**
 * Writes one submission summary: the submission row, then its requirement, issue and must-support
 * rows, all in one transaction. A failure anywhere (constraint, crash, an `onWrite` observer that
 * throws) leaves no trace of the submission. Only the summary's counts, codes, paths, hashes and
 * versions are written: it has nothing else.
 * @module
 */

import type { Kysely, Transaction } from 'kysely';
import { ConfigError } from '../errors.js';
import type { SubmissionSummary } from '../framework/submission-summary.js';
import type { FieldQuality } from '../validation-result.js';
import type { MdssDatabase } from './database-schema.js';
import { chunk, toInstant } from './store-values.js';
import type { RecordSubmissionOptions, WriteObserver, WriteStep } from './store.js';

/** Rows per multi-row insert: 7 columns × 500 stays far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Records `summary` in one transaction and returns the new submission id. */
export async function recordSubmission(
  db: Kysely<MdssDatabase>,
  summary: SubmissionSummary,
  options: RecordSubmissionOptions,
  onWrite: WriteObserver | undefined,
  now: () => Date,
): Promise<{ readonly id: string }> {
  checkSummary(summary);
  const id = options.id ?? crypto.randomUUID();
  const receivedAt = toInstant(summary.receivedAt, 'receivedAt');
  const step = async (s: WriteStep): Promise<void> => {
    if (onWrite) await onWrite(s);
  };
  await db.transaction().execute(async (trx) => {
    if (
      options.id !== undefined &&
      (await trx.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst())
    )
      return;
    if (options.createPartner === true) await ensurePartner(trx, summary.partnerId, now, step);
    else await requirePartner(trx, summary.partnerId);
    await trx
      .insertInto('submissions')
      .values({
        id,
        partner_id: summary.partnerId,
        feed: summary.feed,
        kind: summary.kind,
        framework_version: summary.frameworkVersion,
        validator_version: summary.validatorVersion,
        packages: JSON.stringify([...summary.packages]),
        payload_hash: summary.payloadHash,
        payload_size: summary.payloadSize,
        record_count: summary.recordCount,
        record_types: JSON.stringify(summary.recordTypes),
        received_at: receivedAt,
        duration_ms: Math.round(summary.durationMs),
        valid: summary.valid ? 1 : 0,
        error_count: summary.errorCount,
        warning_count: summary.warningCount,
      })
      .execute();
    await step({ table: 'submissions', rows: 1 });
    await writeRequirements(trx, id, summary, step);
    await writeIssues(trx, id, summary, step);
    await writeMustSupport(trx, id, summary, step);
    await writeDataQuality(trx, id, summary, step);
  });
  return { id };
}

async function ensurePartner(
  trx: Transaction<MdssDatabase>,
  partnerId: string,
  now: () => Date,
  step: (s: WriteStep) => Promise<void>,
): Promise<void> {
  await trx
    .insertInto('partners')
    .values({
      id: partnerId,
      name: partnerId,
      kind: 'other',
      ods_code: null,
      cqc_location_id: null,
      gss_code: null,
      fhir_endpoint: null,
      created_at: now().toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await step({ table: 'partners', rows: 1 });
}

async function requirePartner(trx: Transaction<MdssDatabase>, partnerId: string): Promise<void> {
  const found = await trx
    .selectFrom('partners')
    .select('id')
    .where('id', '=', partnerId)
    .executeTakeFirst();
  if (!found)
    throw new ConfigError(
      'store.unknown-partner',
      `No partner with id ${JSON.stringify(partnerId)}: register it first`,
    );
}

async function writeRequirements(
  trx: Transaction<MdssDatabase>,
  id: string,
  summary: SubmissionSummary,
  step: (s: WriteStep) => Promise<void>,
): Promise<void> {
  const merged = new Map<
    string,
    { checked: number; passed: number; failed: number; waived: number }
  >();
  for (const r of summary.requirements) {
    const m = merged.get(r.requirementId) ?? { checked: 0, passed: 0, failed: 0, waived: 0 };
    m.checked += r.checked;
    m.passed += r.passed;
    m.failed += r.failed;
    m.waived += r.waived;
    merged.set(r.requirementId, m);
  }
  const rows = [...merged].map(([requirementId, m]) => ({
    submission_id: id,
    requirement_id: requirementId,
    ...m,
  }));
  for (const batch of chunk(rows, BATCH)) {
    await trx.insertInto('submission_requirements').values(batch).execute();
    await step({ table: 'submission_requirements', rows: batch.length });
  }
}

async function writeIssues(
  trx: Transaction<MdssDatabase>,
  id: string,
  summary: SubmissionSummary,
  step: (s: WriteStep) => Promise<void>,
): Promise<void> {
  const merged = new Map<
    string,
    {
      code: string;
      path: string;
      severity: string;
      rule: string | null;
      count: number;
      waived: number;
      reqs: Set<string>;
    }
  >();
  for (const i of summary.issues) {
    const rule = i.rule ?? null;
    const key = `${i.code}\u0000${i.path}\u0000${i.severity}\u0000${rule ?? ''}`;
    const m = merged.get(key) ?? {
      code: i.code,
      path: i.path,
      severity: i.severity,
      rule,
      count: 0,
      waived: 0,
      reqs: new Set<string>(),
    };
    m.count += i.count;
    m.waived += i.waived;
    for (const r of i.requirements) m.reqs.add(r);
    merged.set(key, m);
  }
  const rows = [...merged.values()].map((m) => ({
    submission_id: id,
    code: m.code,
    path: m.path,
    severity: m.severity,
    rule: m.rule,
    count: m.count,
    waived: m.waived,
    requirements: JSON.stringify([...m.reqs].sort()),
  }));
  for (const batch of chunk(rows, BATCH)) {
    await trx.insertInto('submission_issues').values(batch).execute();
    await step({ table: 'submission_issues', rows: batch.length });
  }
}

async function writeMustSupport(
  trx: Transaction<MdssDatabase>,
  id: string,
  summary: SubmissionSummary,
  step: (s: WriteStep) => Promise<void>,
): Promise<void> {
  const merged = new Map<string, { populated: number; total: number }>();
  for (const m of summary.mustSupport ?? []) {
    const t = merged.get(m.path) ?? { populated: 0, total: 0 };
    t.populated += m.populated;
    t.total += m.total;
    merged.set(m.path, t);
  }
  const rows = [...merged].map(([path, t]) => ({ submission_id: id, path, ...t }));
  for (const batch of chunk(rows, BATCH)) {
    await trx.insertInto('submission_must_support').values(batch).execute();
    await step({ table: 'submission_must_support', rows: batch.length });
  }
}

async function writeDataQuality(
  trx: Transaction<MdssDatabase>,
  id: string,
  summary: SubmissionSummary,
  step: (s: WriteStep) => Promise<void>,
): Promise<void> {
  const merged = new Map<string, ReturnType<typeof dataQualityRow>>();
  (summary.fieldQuality ?? []).forEach((q, ordinal) => {
    const key = `${q.module}\u0000${q.field}`;
    const row = merged.get(key);
    if (!row) {
      merged.set(key, dataQualityRow(id, ordinal, q));
      return;
    }
    for (const [column, n] of Object.entries(dataQualityCounts(q)))
      row[column as keyof ReturnType<typeof dataQualityCounts>] += n;
  });
  for (const batch of chunk([...merged.values()], BATCH / 2)) {
    await trx.insertInto('submission_data_quality').values(batch).execute();
    await step({ table: 'submission_data_quality', rows: batch.length });
  }
}

function dataQualityCounts(q: FieldQuality) {
  return {
    mandatory: q.mandatory,
    applicable: q.applicable,
    not_applicable: q.notApplicable,
    undetermined: q.undetermined,
    passed_valid: q.passedValid,
    passed_blank: q.passedBlank,
    failed_blank: q.failedBlank,
    failed_invalid: q.failedInvalid,
    failed_release_1: q.failedRelease1,
  };
}

function dataQualityRow(id: string, ordinal: number, q: FieldQuality) {
  return { submission_id: id, ordinal, module: q.module, field: q.field, ...dataQualityCounts(q) };
}

function checkSummary(s: SubmissionSummary): void {
  if (!SHA256_HEX.test(s.payloadHash))
    throw new ConfigError('store.invalid-summary', 'payloadHash must be a lower-case hex SHA-256');
  const counts = [s.payloadSize, s.recordCount, s.errorCount, s.warningCount, s.durationMs];
  for (const r of s.requirements) counts.push(r.checked, r.passed, r.failed, r.waived);
  for (const i of s.issues) counts.push(i.count, i.waived);
  for (const m of s.mustSupport ?? []) counts.push(m.populated, m.total);
  for (const q of s.fieldQuality ?? []) counts.push(...Object.values(dataQualityCounts(q)));
  if (counts.some((n) => !Number.isFinite(n) || n < 0))
    throw new ConfigError(
      'store.invalid-summary',
      'Counts, sizes and durations must be finite and non-negative',
    );
}
