/**
 * Opens the MDSS store: PostgreSQL when a database URL is given (or `DATABASE_URL` is set and no
 * SQLite path was asked for), otherwise a SQLite file (default `./data/mdss.sqlite`, WAL journal,
 * foreign keys on, directory created). Runs the migrations to the latest version before returning.
 * @module
 */

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../errors.js';
import * as apiKeys from './api-key-repository.js';
import type { MdssDatabase } from './database-schema.js';
import { loadPartnerPeriod } from './load-partner-period.js';
import { migrations } from './migrations.js';
import * as partners from './partner-repository.js';
import { recordSubmission } from './record-submission.js';
import type { Store, StoreDialect, WriteObserver } from './store.js';
import { getSubmission, listSubmissions } from './submission-reader.js';
import * as waivers from './waiver-repository.js';

/** Default SQLite database file, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = './data/mdss.sqlite';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** `postgres://…` URL. Wins over everything else. */
  readonly databaseUrl?: string;
  /** SQLite file (or `:memory:`). Wins over the `DATABASE_URL` environment variable. */
  readonly sqlitePath?: string;
  /** Environment to read `DATABASE_URL` from; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * PostgreSQL schema to use (created when missing), e.g. one per test run or per deployment.
   * Lower-case letters, digits and `_` only.
   */
  readonly pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  readonly pgPoolSize?: number;
  /** Observer of each write inside `recordSubmission`'s transaction (metrics, fault injection in tests). */
  readonly onWrite?: WriteObserver;
  /** Clock for creation times (default: the system clock). */
  readonly now?: () => Date;
  /**
   * For readers: fail with `store.not-found` instead of creating a SQLite file (and its directory)
   * that does not exist yet.
   */
  readonly mustExist?: boolean;
}

/**
 * Opens (and migrates) the store.
 * @example
 * const store = await openStore({ sqlitePath: './data/mdss.sqlite' });
 * await store.upsertPartner({ id: 'a81001', name: 'Riverside Surgery', kind: 'gp-practice', odsCode: 'A81001' });
 * await store.close();
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? (options.sqlitePath === undefined ? env['DATABASE_URL'] : undefined);
  const dialect: StoreDialect = url !== undefined && url !== '' ? 'postgres' : 'sqlite';
  const sqlitePath = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (dialect === 'sqlite' && options.mustExist === true && sqlitePath !== ':memory:' && !existsSync(sqlitePath)) {
    throw new ConfigError('store.not-found', `No MDSS store at ${sqlitePath}. Create one by recording submissions: run \`mdss demo\` (example partners and a six-month history), or start \`mdss serve\` and POST feeds to it. Or point to an existing store with --db <file> or DATABASE_URL.`);
  }
  const db = dialect === 'postgres' ? openPostgres(url ?? '', options) : openSqlite(sqlitePath);
  try {
    if (dialect === 'postgres' && options.pgSchema !== undefined) {
      await db.schema.createSchema(options.pgSchema).ifNotExists().execute();
    }
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) throw new ConfigError('store.migration-failed', 'Database migration failed', { cause: error });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStore(db, dialect, options.onWrite, options.now ?? (() => new Date()));
}

function openSqlite(path: string): Kysely<MdssDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<MdssDatabase>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(url: string, options: OpenStoreOptions): Kysely<MdssDatabase> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('store.invalid-schema', `Invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  return new Kysely<MdssDatabase>({ dialect: new PostgresDialect({ pool }) });
}

function createStore(db: Kysely<MdssDatabase>, dialect: StoreDialect, onWrite: WriteObserver | undefined, now: () => Date): Store {
  return {
    dialect,
    upsertPartner: (p) => partners.upsertPartner(db, p, now),
    getPartner: (id) => partners.getPartner(db, id),
    listPartners: (filter) => partners.listPartners(db, filter?.kind),
    deletePartner: (id) => partners.deletePartner(db, id),
    recordSubmission: (summary, opts) => recordSubmission(db, summary, opts ?? {}, onWrite, now),
    listSubmissions: (partnerId, range) => listSubmissions(db, partnerId, range),
    getSubmission: (id) => getSubmission(db, id),
    loadPartnerPeriod: (partnerId, from, to) => loadPartnerPeriod(db, dialect, partnerId, from, to),
    putApiKey: (key) => apiKeys.putApiKey(db, key, now),
    findApiKeyByHash: (hash) => apiKeys.findApiKeyByHash(db, hash),
    deleteApiKey: (hash) => apiKeys.deleteApiKey(db, hash),
    hasApiKeys: () => apiKeys.hasApiKeys(db),
    addWaiver: (w) => waivers.addWaiver(db, w, now),
    getWaiver: (id) => waivers.getWaiver(db, id),
    listWaivers: (partnerId) => waivers.listWaivers(db, partnerId),
    updateWaiver: (id, patch) => waivers.updateWaiver(db, id, patch),
    deleteWaiver: (id) => waivers.deleteWaiver(db, id),
    close: () => db.destroy(),
  };
}
