import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresUrl } from '../../test/store/store-targets.js';
import { SchemaScopedPostgresDialect } from './schema-scoped-dialect.js';

const pgUrl = await findPostgresUrl();
if (pgUrl === undefined)
  console.warn(
    'PostgreSQL not reachable at 127.0.0.1:5432: schema-scoped introspection tests skipped',
  );

const suffix = `${process.pid}_${Date.now().toString(36)}`;
const ours = `mdss_scoped_ours_${suffix}`;
const other = `mdss_scoped_other_${suffix}`;

async function run(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(pgUrl === undefined)('SchemaScopedPostgresDialect', () => {
  let db: Kysely<unknown>;
  beforeAll(async () => {
    await run(
      `create schema ${ours}; create table ${ours}.partners (id serial primary key, name text not null); create table ${ours}.kysely_migration (name text)`,
    );
    await run(
      `create schema ${other}; create table ${other}.kysely_migration_lock (id text); create table ${other}.submissions (id text)`,
    );
    db = new Kysely<unknown>({
      dialect: new SchemaScopedPostgresDialect(
        { pool: new pg.Pool({ connectionString: pgUrl, max: 2 }) },
        ours,
      ),
    });
  });
  afterAll(async () => {
    await db?.destroy();
    await run(`drop schema if exists ${ours} cascade; drop schema if exists ${other} cascade`);
  });

  it("lists only its own schema's tables, Kysely's own only when asked", async () => {
    expect((await db.introspection.getTables()).map((t) => [t.schema, t.name])).toEqual([
      [ours, 'partners'],
    ]);
    const all = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(all.map((t) => t.name)).toEqual(['kysely_migration', 'partners']);
    const partners = all.find((t) => t.name === 'partners');
    expect(
      partners?.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing]),
    ).toEqual([
      ['id', 'int4', false, true],
      ['name', 'text', false, false],
    ]);
  });

  it('is not broken by another schema dropped during its catalog snapshot', async () => {
    // A repeatable-read snapshot taken while `other` exists, then `other` dropped: a catalog query
    // over every schema would still see its rows and fail looking its name up.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`select count(*) from pg_catalog.pg_class`.execute(trx);
        await run(`drop schema ${other} cascade`);
        const tables = await trx.introspection.getTables({ withInternalKyselyTables: true });
        expect(tables.map((t) => t.name)).toEqual(['kysely_migration', 'partners']);
      });
  });
});
