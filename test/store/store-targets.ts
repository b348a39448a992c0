/**
 * The databases repository tests run against: SQLite (always) and PostgreSQL at 127.0.0.1:5432
 * (database `test`, user root or postgres, trust auth; or `MDSS_TEST_PG_URL`) when reachable. Each
 * fresh database is a temporary SQLite file or a unique PostgreSQL schema, removed by `dispose`.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

/** A fresh, isolated database of one dialect. */
export interface TestDatabase {
  /** Options that open this database (add `onWrite` etc. as needed). */
  readonly options: OpenStoreOptions;
  open(extra?: Partial<OpenStoreOptions>): Promise<Store>;
  dispose(): Promise<void>;
}

/** A dialect to test, or why it is skipped. */
export interface StoreTarget {
  readonly name: 'sqlite' | 'postgres';
  readonly skip?: string;
  create(): Promise<TestDatabase>;
}

const CANDIDATE_URLS = [
  'postgres://root@127.0.0.1:5432/test',
  'postgres://postgres@127.0.0.1:5432/test',
];

/** The first PostgreSQL URL that accepts a connection, or undefined. */
export async function findPostgresUrl(): Promise<string | undefined> {
  const urls = process.env['MDSS_TEST_PG_URL'] ? [process.env['MDSS_TEST_PG_URL']] : CANDIDATE_URLS;
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      // try the next candidate
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

let counter = 0;
function uniqueName(): string {
  counter += 1;
  return `mdss_test_${process.pid}_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** SQLite in a temporary directory. */
export const sqliteTarget: StoreTarget = {
  name: 'sqlite',
  create: () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdss-store-'));
    const options: OpenStoreOptions = { sqlitePath: join(dir, 'mdss.sqlite'), env: {} };
    return Promise.resolve({
      options,
      open: (extra = {}) => openStore({ ...options, ...extra }),
      dispose: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

/** PostgreSQL with a unique schema per database, or a skip reason when no server answers. */
export async function postgresTarget(): Promise<StoreTarget> {
  const url = await findPostgresUrl();
  if (url === undefined) {
    const tried = process.env['MDSS_TEST_PG_URL']
      ? 'MDSS_TEST_PG_URL'
      : '127.0.0.1:5432 (database test, user root or postgres)';
    const skip = `PostgreSQL not reachable at ${tried}: PostgreSQL repository tests skipped`;
    console.warn(skip);
    return { name: 'postgres', skip, create: () => Promise.reject(new Error(skip)) };
  }
  return {
    name: 'postgres',
    create: () => {
      const schema = uniqueName();
      const options: OpenStoreOptions = { databaseUrl: url, pgSchema: schema, pgPoolSize: 4 };
      return Promise.resolve({
        options,
        open: (extra = {}) => openStore({ ...options, ...extra }),
        dispose: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`drop schema if exists ${schema} cascade`);
          } finally {
            await client.end();
          }
        },
      });
    },
  };
}

/** Both targets. */
export async function storeTargets(): Promise<StoreTarget[]> {
  return [sqliteTarget, await postgresTarget()];
}
