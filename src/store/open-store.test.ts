import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPostgresUrl } from '../../test/store/store-targets.js';
import { migrations } from './migrations.js';
import { openStore } from './open-store.js';

const pgUrl = await findPostgresUrl();
if (pgUrl === undefined)
  console.warn('PostgreSQL not reachable at 127.0.0.1:5432: DATABASE_URL selection test skipped');

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-open-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the SQLite directory and opens the file in WAL mode', async () => {
    const path = join(dir, 'nested', 'deeper', 'mdss.sqlite');
    const store = await openStore({ sqlitePath: path, env: {} });
    await store.close();
    expect(store.dialect).toBe('sqlite');
    expect(existsSync(path)).toBe(true);
    const raw = new Database(path);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by name",
        )
        .all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual([
        'api_keys',
        'partners',
        'submission_data_quality',
        'submission_issues',
        'submission_must_support',
        'submission_requirements',
        'submissions',
        'waivers',
      ]);
    } finally {
      raw.close();
    }
  });

  it('prefers an explicit SQLite path over DATABASE_URL in the environment', async () => {
    const store = await openStore({
      sqlitePath: join(dir, 'a.sqlite'),
      env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(store.dialect).toBe('sqlite');
    await store.close();
  });

  it('rejects an unsafe PostgreSQL schema name', async () => {
    await expect(
      openStore({ databaseUrl: 'postgres://x@127.0.0.1/x', pgSchema: 'a; drop table x' }),
    ).rejects.toMatchObject({ code: 'store.invalid-schema' });
  });

  it.skipIf(pgUrl === undefined)('uses PostgreSQL when DATABASE_URL is set', async () => {
    const schema = `mdss_test_open_${process.pid}_${Date.now().toString(36)}`;
    const store = await openStore({ env: { DATABASE_URL: pgUrl }, pgSchema: schema });
    try {
      expect(store.dialect).toBe('postgres');
      await store.upsertPartner({ id: 'p', name: 'P', kind: 'vcfse' });
      expect((await store.listPartners({ kind: 'vcfse' })).map((p) => p.id)).toEqual(['p']);
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});

describe('migrations', () => {
  it('migrate down to nothing and up again', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
      });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // 0003: the constraint key is part of the aggregate's key (null counts as one value).
      await sql`pragma foreign_keys = off`.execute(db);
      const row = (rule: string | null, count: number) =>
        sql`insert into submission_issues (submission_id, code, path, severity, rule, count, requirements, waived) values ('s1', 'invariant.failed', 'Patient', 'error', ${rule}, ${count}, '[]', 0)`.execute(
          db,
        );
      await row('pat-1', 2);
      await row(null, 3);
      await expect(row('pat-1', 1)).rejects.toThrow();
      await expect(row(null, 1)).rejects.toThrow();
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const merged = await sql<{ count: number }>`select count from submission_issues`.execute(db);
      expect(merged.rows).toEqual([{ count: 5 }]);
      expect(
        (await db.introspection.getTables())
          .find((t) => t.name === 'submission_issues')
          ?.columns.map((c) => c.name),
      ).not.toContain('rule');
      // One step down removes the newest migration's table only; the next removes the rest.
      await sql`delete from submission_issues`.execute(db);
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain(
        'submission_data_quality',
      );
      expect((await db.introspection.getTables()).map((t) => t.name)).toContain('submissions');
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((t) => t.name)).toEqual([]);
      const again = await migrator.migrateToLatest();
      expect(again.error).toBeUndefined();
      expect(again.results?.map((r) => r.status)).toEqual(['Success', 'Success', 'Success']);
    } finally {
      await db.destroy();
    }
  });
});
