/**
 * Schema migrations, as TypeScript objects run by Kysely's `Migrator`; one list for SQLite and
 * PostgreSQL (portable column types only). Append new migrations; never edit a released one.
 * @module
 */

import { sql, type Kysely, type Migration } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('partners')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ods_code', 'text')
      .addColumn('cqc_location_id', 'text')
      .addColumn('gss_code', 'text')
      .addColumn('fhir_endpoint', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'partners_kind',
        sql`kind in ('gp-practice','acute-trust','mental-health-trust','community-trust','council','care-provider','vcfse','other')`,
      )
      .execute();
    await db.schema.createIndex('partners_kind_idx').on('partners').column('kind').execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('partner_id', 'text', (c) => c.references('partners.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'api_keys_role',
        sql`(role = 'lead' and partner_id is null) or (role = 'partner' and partner_id is not null)`,
      )
      .execute();

    await db.schema
      .createTable('submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partner_id', 'text', (c) =>
        c.notNull().references('partners.id').onDelete('cascade'),
      )
      .addColumn('feed', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('framework_version', 'text', (c) => c.notNull())
      .addColumn('validator_version', 'text', (c) => c.notNull())
      .addColumn('packages', 'text', (c) => c.notNull())
      .addColumn('payload_hash', 'text', (c) => c.notNull())
      .addColumn('payload_size', 'bigint', (c) => c.notNull())
      .addColumn('record_count', 'integer', (c) => c.notNull())
      .addColumn('record_types', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('valid', 'integer', (c) => c.notNull())
      .addColumn('error_count', 'integer', (c) => c.notNull())
      .addColumn('warning_count', 'integer', (c) => c.notNull())
      .addCheckConstraint('submissions_kind', sql`kind in ('upload','pull')`)
      .execute();
    await db.schema
      .createIndex('submissions_partner_received_idx')
      .on('submissions')
      .columns(['partner_id', 'received_at'])
      .execute();

    await db.schema
      .createTable('submission_requirements')
      .addColumn('submission_id', 'text', (c) =>
        c.notNull().references('submissions.id').onDelete('cascade'),
      )
      .addColumn('requirement_id', 'text', (c) => c.notNull())
      .addColumn('checked', 'integer', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('waived', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_requirements_pk', ['submission_id', 'requirement_id'])
      .execute();

    await db.schema
      .createTable('submission_issues')
      .addColumn('submission_id', 'text', (c) =>
        c.notNull().references('submissions.id').onDelete('cascade'),
      )
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('requirements', 'text', (c) => c.notNull())
      .addColumn('waived', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_issues_pk', [
        'submission_id',
        'code',
        'path',
        'severity',
      ])
      .execute();

    await db.schema
      .createTable('submission_must_support')
      .addColumn('submission_id', 'text', (c) =>
        c.notNull().references('submissions.id').onDelete('cascade'),
      )
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('populated', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_must_support_pk', ['submission_id', 'path'])
      .execute();

    await db.schema
      .createTable('waivers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partner_id', 'text', (c) =>
        c.notNull().references('partners.id').onDelete('cascade'),
      )
      .addColumn('requirement_id', 'text')
      .addColumn('code', 'text')
      .addColumn('path', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'waivers_target',
        sql`(requirement_id is not null and code is null and path is null) or (requirement_id is null and code is not null)`,
      )
      .execute();
    await db.schema.createIndex('waivers_partner_idx').on('waivers').column('partner_id').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'waivers',
      'submission_must_support',
      'submission_issues',
      'submission_requirements',
      'submissions',
      'api_keys',
      'partners',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/**
 * The national data-quality view of social-care returns: outcome counts per submission, module and
 * field (`ordinal` keeps the dataset's field order). Counts only, like every other table.
 */
const dataQuality: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('submission_data_quality')
      .addColumn('submission_id', 'text', (c) =>
        c.notNull().references('submissions.id').onDelete('cascade'),
      )
      .addColumn('ordinal', 'integer', (c) => c.notNull())
      .addColumn('module', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('mandatory', 'integer', (c) => c.notNull())
      .addColumn('applicable', 'integer', (c) => c.notNull())
      .addColumn('not_applicable', 'integer', (c) => c.notNull())
      .addColumn('undetermined', 'integer', (c) => c.notNull())
      .addColumn('passed_valid', 'integer', (c) => c.notNull())
      .addColumn('passed_blank', 'integer', (c) => c.notNull())
      .addColumn('failed_blank', 'integer', (c) => c.notNull())
      .addColumn('failed_invalid', 'integer', (c) => c.notNull())
      .addColumn('failed_release_1', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('submission_data_quality_pk', ['submission_id', 'module', 'field'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('submission_data_quality').execute();
  },
};

/**
 * Issue aggregates keyed also by the constraint key (`pat-1`) of `invariant.*` issues, so reports can
 * name the FHIR constraint. `rule` is nullable, and PostgreSQL forbids nullable primary-key columns,
 * so the key becomes a unique index over `coalesce(rule, '')` (both dialects support expression
 * indexes). The table is rebuilt because SQLite cannot change a primary key in place.
 */
const issueRule: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await issuesTable(db, 'submission_issues_next', true);
    await sql`insert into submission_issues_next (submission_id, code, path, severity, rule, count, requirements, waived)
      select submission_id, code, path, severity, null, count, requirements, waived from submission_issues`.execute(
      db,
    );
    await db.schema.dropTable('submission_issues').execute();
    await db.schema.alterTable('submission_issues_next').renameTo('submission_issues').execute();
    await sql`create unique index submission_issues_key on submission_issues (submission_id, code, path, severity, coalesce(rule, ''))`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await issuesTable(db, 'submission_issues_prev', false);
    // Rows that differed only by rule merge; requirement lists keep the longest JSON (lossy by design).
    await sql`insert into submission_issues_prev (submission_id, code, path, severity, count, requirements, waived)
      select submission_id, code, path, severity, sum(count), max(requirements), sum(waived) from submission_issues
      group by submission_id, code, path, severity`.execute(db);
    await db.schema.dropTable('submission_issues').execute();
    await db.schema.alterTable('submission_issues_prev').renameTo('submission_issues').execute();
  },
};

/** Creates the issue-aggregate table with (`withRule`) or without the `rule` column. */
async function issuesTable(db: Kysely<unknown>, name: string, withRule: boolean): Promise<void> {
  let t = db.schema
    .createTable(name)
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull());
  if (withRule) t = t.addColumn('rule', 'text');
  t = t
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('waived', 'integer', (c) => c.notNull());
  if (!withRule)
    t = t.addPrimaryKeyConstraint(`${name}_pk`, ['submission_id', 'code', 'path', 'severity']);
  await t.execute();
}

/** All migrations by name; names sort in the order they run. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-data-quality': dataQuality,
  '0003-issue-rule': issueRule,
};
