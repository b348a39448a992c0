/**
 * The period query behind every report: one partner's submissions received in `[from, to)`,
 * aggregated in SQL (GROUP BY requirement, issue code/path/severity, must-support path) into the
 * {@link PeriodData} shape that the pure report builders read. Must agree with `aggregatePeriod`
 * (a test checks it does).
 * @module
 */

import { sql, type Kysely } from 'kysely';
import type { IssueAggregate } from '../framework/submission-summary.js';
import {
  compareIssues,
  sortFieldQuality,
  sortRecord,
} from '../reports/conformance/aggregate-period.js';
import { compareText } from '../reports/conformance/compare-text.js';
import type {
  DatasetTotals,
  IssueTotals,
  PeriodData,
  RequirementPoint,
} from '../reports/conformance/period-data.js';
import type { MdssDatabase } from './database-schema.js';
import { parseJson, toCount, toInstant } from './store-values.js';
import { toFieldQuality, toHeader } from './submission-reader.js';

/**
 * Aggregates one partner's period, reading in one transaction (repeatable read on PostgreSQL) so the
 * totals, series and evidence describe the same set of submissions.
 */
export async function loadPartnerPeriod(
  db: Kysely<MdssDatabase>,
  dialect: 'sqlite' | 'postgres',
  partnerId: string,
  from: string,
  to: string,
): Promise<PeriodData> {
  const start = toInstant(from, 'from');
  const end = toInstant(to, 'to');
  const builder =
    dialect === 'postgres'
      ? db.transaction().setIsolationLevel('repeatable read')
      : db.transaction();
  return builder.execute((trx) => queryPeriod(trx, partnerId, start, end));
}

async function queryPeriod(
  db: Kysely<MdssDatabase>,
  partnerId: string,
  start: string,
  end: string,
): Promise<PeriodData> {
  const inPeriod = db
    .selectFrom('submissions')
    .select('id')
    .where('partner_id', '=', partnerId)
    .where('received_at', '>=', start)
    .where('received_at', '<', end);

  const [rows, totals, points, issueRows, mustSupport, items, quality] = await Promise.all([
    db
      .selectFrom('submissions')
      .selectAll()
      .where('id', 'in', inPeriod)
      .orderBy('received_at')
      .orderBy('payload_hash')
      .execute(),
    db
      .selectFrom('submission_requirements')
      .where('submission_id', 'in', inPeriod)
      .groupBy('requirement_id')
      .select((eb) => [
        'requirement_id',
        eb.fn.sum<string | number>('checked').as('checked'),
        eb.fn.sum<string | number>('passed').as('passed'),
        eb.fn.sum<string | number>('failed').as('failed'),
        eb.fn.sum<string | number>('waived').as('waived'),
        sql<string | number>`sum(case when checked > 0 then 1 else 0 end)`.as('submissions'),
      ])
      .orderBy('requirement_id')
      .execute(),
    db
      .selectFrom('submission_requirements as r')
      .innerJoin('submissions as s', 's.id', 'r.submission_id')
      .where('r.submission_id', 'in', inPeriod)
      .select(['r.requirement_id', 's.received_at', 's.payload_hash', 'r.checked', 'r.passed'])
      .orderBy('r.requirement_id')
      .orderBy('s.received_at')
      .orderBy('s.payload_hash')
      .execute(),
    db
      .selectFrom('submission_issues')
      .where('submission_id', 'in', inPeriod)
      .groupBy(['code', 'path', 'severity', 'rule', 'requirements'])
      .select((eb) => [
        'code',
        'path',
        'severity',
        'rule',
        'requirements',
        eb.fn.sum<string | number>('count').as('count'),
        eb.fn.sum<string | number>('waived').as('waived'),
      ])
      .execute(),
    db
      .selectFrom('submission_must_support')
      .where('submission_id', 'in', inPeriod)
      .groupBy('path')
      .select((eb) => [
        'path',
        eb.fn.sum<string | number>('populated').as('populated'),
        eb.fn.sum<string | number>('total').as('total'),
      ])
      .orderBy('path')
      .execute(),
    db
      .selectFrom('submission_requirements as r')
      .innerJoin('submissions as s', 's.id', 'r.submission_id')
      .where('r.submission_id', 'in', inPeriod)
      .groupBy(['s.feed', 'r.requirement_id'])
      .select((eb) => [
        's.feed',
        'r.requirement_id',
        eb.fn.sum<string | number>('r.checked').as('checked'),
        eb.fn.sum<string | number>('r.passed').as('passed'),
      ])
      .execute(),
    db
      .selectFrom('submission_data_quality')
      .where('submission_id', 'in', inPeriod)
      .groupBy(['module', 'field'])
      .select((eb) => [
        'module',
        'field',
        eb.fn.min<string | number>('ordinal').as('ordinal'),
        eb.fn.sum<string | number>('mandatory').as('mandatory'),
        eb.fn.sum<string | number>('applicable').as('applicable'),
        eb.fn.sum<string | number>('not_applicable').as('not_applicable'),
        eb.fn.sum<string | number>('undetermined').as('undetermined'),
        eb.fn.sum<string | number>('passed_valid').as('passed_valid'),
        eb.fn.sum<string | number>('passed_blank').as('passed_blank'),
        eb.fn.sum<string | number>('failed_blank').as('failed_blank'),
        eb.fn.sum<string | number>('failed_invalid').as('failed_invalid'),
        eb.fn.sum<string | number>('failed_release_1').as('failed_release_1'),
      ])
      .execute(),
  ]);

  const headers = rows.map(toHeader);
  const recordTypes: Record<string, number> = {};
  for (const h of headers)
    for (const [type, n] of Object.entries(h.recordTypes))
      recordTypes[type] = (recordTypes[type] ?? 0) + n;

  const series = new Map<string, RequirementPoint[]>();
  for (const p of points) {
    const list = series.get(p.requirement_id) ?? [];
    list.push({
      receivedAt: p.received_at,
      checked: toCount(p.checked),
      passed: toCount(p.passed),
    });
    series.set(p.requirement_id, list);
  }

  return {
    partnerId,
    from: start,
    to: end,
    submissions: headers.map((h) => ({
      payloadHash: h.payloadHash,
      payloadSize: h.payloadSize,
      receivedAt: h.receivedAt,
      feed: h.feed,
      kind: h.kind,
      frameworkVersion: h.frameworkVersion,
      validatorVersion: h.validatorVersion,
      packages: [...h.packages].sort(compareText),
      recordCount: h.recordCount,
      valid: h.valid,
      errorCount: h.errorCount,
      warningCount: h.warningCount,
    })),
    requirements: totals
      .map((t) => ({
        requirementId: t.requirement_id,
        checked: toCount(t.checked),
        passed: toCount(t.passed),
        failed: toCount(t.failed),
        waived: toCount(t.waived),
        submissions: toCount(t.submissions),
      }))
      .sort((a, b) => compareText(a.requirementId, b.requirementId)),
    series: [...series.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([requirementId, list]) => ({ requirementId, points: list })),
    issues: mergeIssues(issueRows),
    mustSupport: mustSupport
      .map((m) => ({ path: m.path, populated: toCount(m.populated), total: toCount(m.total) }))
      .sort((a, b) => compareText(a.path, b.path)),
    recordTypes: sortRecord(recordTypes),
    datasets: toDatasets(headers, items),
    ...(quality.length > 0
      ? {
          fieldQuality: sortFieldQuality(
            quality.map((q) => ({ ordinal: toCount(q.ordinal), q: toFieldQuality(q) })),
          ),
        }
      : {}),
  };
}

/** Per feed: submissions and records from the headers, items from the per-feed requirement sums. */
function toDatasets(
  headers: readonly { feed: string; recordCount: number }[],
  items: readonly { feed: string; requirement_id: string; checked: unknown; passed: unknown }[],
): DatasetTotals[] {
  const byFeed = new Map<
    string,
    {
      submissions: number;
      records: number;
      items: { id: string; checked: number; valid: number }[];
    }
  >();
  for (const h of headers) {
    const d = byFeed.get(h.feed) ?? { submissions: 0, records: 0, items: [] };
    d.submissions += 1;
    d.records += h.recordCount;
    byFeed.set(h.feed, d);
  }
  for (const i of items)
    byFeed
      .get(i.feed)
      ?.items.push({ id: i.requirement_id, checked: toCount(i.checked), valid: toCount(i.passed) });
  return [...byFeed.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([feed, d]) => ({
      feed,
      submissions: d.submissions,
      records: d.records,
      items: d.items.sort((a, b) => compareText(a.id, b.id)),
    }));
}

/** Rows grouped by (code, path, severity, rule, requirements JSON) → one total per (code, path, severity, rule). */
function mergeIssues(
  rows: readonly {
    code: string;
    path: string;
    severity: string;
    rule: string | null;
    requirements: string;
    count: unknown;
    waived: unknown;
  }[],
): IssueTotals[] {
  const merged = new Map<
    string,
    {
      code: string;
      path: string;
      severity: IssueAggregate['severity'];
      rule?: string;
      count: number;
      waived: number;
      reqs: Set<string>;
    }
  >();
  for (const r of rows) {
    const key = `${r.code}\u0000${r.path}\u0000${r.severity}\u0000${r.rule ?? ''}`;
    const m = merged.get(key) ?? {
      code: r.code,
      path: r.path,
      severity: r.severity as IssueAggregate['severity'],
      ...(r.rule !== null ? { rule: r.rule } : {}),
      count: 0,
      waived: 0,
      reqs: new Set<string>(),
    };
    m.count += toCount(r.count);
    m.waived += toCount(r.waived);
    for (const id of parseJson<string[]>(r.requirements, [])) m.reqs.add(id);
    merged.set(key, m);
  }
  return [...merged.values()]
    .map(({ reqs, ...m }) => ({ ...m, requirements: [...reqs].sort(compareText) }))
    .sort(compareIssues);
}
