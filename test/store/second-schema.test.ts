/**
 * Issue 14, item 6: a second PostgreSQL schema in a database where another schema already holds the
 * MDSS tables (and Kysely's migration tables) opens, migrates and keeps its data apart.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { findPostgresUrl } from './store-targets.js';

const url = await findPostgresUrl();
if (url === undefined)
  console.warn('PostgreSQL not reachable at 127.0.0.1:5432: the second-schema test is skipped');

describe.skipIf(url === undefined)('two MDSS schemas in one PostgreSQL database', () => {
  const stamp = `${process.pid}_${Date.now().toString(36)}`;
  const schemas = [`mdss_h14_first_${stamp}`, `mdss_h14_second_${stamp}`];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
    await client.end();
  });

  it('opens the second schema and keeps the partners apart', async () => {
    const first = await openStore({ databaseUrl: url!, pgSchema: schemas[0]!, pgPoolSize: 2 });
    await first.upsertPartner({ id: 'alpha', name: 'Alpha', kind: 'council' });
    const second = await openStore({ databaseUrl: url!, pgSchema: schemas[1]!, pgPoolSize: 2 });
    try {
      await second.upsertPartner({ id: 'beta', name: 'Beta', kind: 'council' });
      expect((await first.listPartners()).map((p) => p.id)).toEqual(['alpha']);
      expect((await second.listPartners()).map((p) => p.id)).toEqual(['beta']);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ table_schema: string }>(
        "select table_schema from information_schema.tables where table_name = 'kysely_migration' and table_schema = any($1) order by table_schema",
        [schemas],
      );
      await client.end();
      expect(rows.map((r) => r.table_schema)).toEqual([...schemas].sort());
    } finally {
      await first.close();
      await second.close();
    }
  });
});
