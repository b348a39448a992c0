import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPostgresUrl } from '../../test/store/store-targets.js';
import { migrations } from './migrations.js';
import { openStore } from './open-store.js';

const pgUrl = await findPostgresUrl();
if (pgUrl === undefined) console.warn('PostgreSQL not reachable at 127.0.0.1:5432: DATABASE_URL selection test skipped');

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
      const tables = raw.prepare("select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by name").all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual([
        'api_keys', 'partners', 'submission_data_quality', 'submission_issues', 'submission_must_support', 'submission_requirements', 'submissions', 'waivers',
      ]);
    } finally {
      raw.close();
    }
  });

  it('prefers an explicit SQLite path over DATABASE_URL in the environment', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'a.sqlite'), env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(store.dialect).toBe('sqlite');
    await store.close();
  });

  it('rejects an unsafe PostgreSQL schema name', async () => {
    await expect(openStore({ databaseUrl: 'postgres://x@127.0.0.1/x', pgSchema: 'a; drop table x' })).rejects.toMatchObject({ code: 'store.invalid-schema' });
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
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // One step down removes the newest migration's table only; the next removes the rest.
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain('submission_data_quality');
      expect((await db.introspection.getTables()).map((t) => t.name)).toContain('submissions');
      expect((await migrator.migrateDown()).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((t) => t.name)).toEqual([]);
      const again = await migrator.migrateToLatest();
      expect(again.error).toBeUndefined();
      expect(again.results?.map((r) => r.status)).toEqual(['Success', 'Success']);
    } finally {
      await db.destroy();
    }
  });
});
