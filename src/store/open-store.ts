/**
 * Opens the MDSS store: PostgreSQL when a database URL is given (or `DATABASE_URL` is set and no
 * SQLite path was asked for), otherwise a SQLite file (default `./data/mdss.sqlite`, WAL journal,
 * foreign keys on, directory created). Runs the migrations to the latest version before returning.
 * @module
 */

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../errors.js';
import * as apiKeys from './api-key-repository.js';
import type { MdssDatabase } from './database-schema.js';
import { loadPartnerPeriod } from './load-partner-period.js';
import { migrations } from './migrations.js';
import * as partners from './partner-repository.js';
import { recordSubmission } from './record-submission.js';
import { SchemaScopedPostgresDialect } from './schema-scoped-dialect.js';
import type { Store, StoreDialect, WriteObserver } from './store.js';
import { getSubmission, listSubmissions } from './submission-reader.js';
import {
  toStoreError,
  unavailableReason,
  type StoreUnavailableReason,
} from './store-unavailable.js';
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
  /**
   * Told when the database drops an idle pooled connection (PostgreSQL restart, failover, idle
   * reaper, network blip): the pool discards it and connects again on the next query. Receives the
   * error's class name and code only, never its message (which can hold connection parameters).
   */
  readonly onConnectionError?: (fault: ConnectionFault) => void;
  /** How long a query waits for a pooled PostgreSQL connection before failing as unavailable (default 5,000 ms). */
  readonly pgConnectTimeoutMs?: number;
  /** How long a SQLite write waits for another process's lock before failing as busy (default 200 ms). */
  readonly sqliteBusyTimeoutMs?: number;
}

/** A dropped connection, as told to {@link OpenStoreOptions.onConnectionError}. */
export interface ConnectionFault {
  readonly errorName: string;
  readonly errorCode?: string;
  readonly reason?: StoreUnavailableReason;
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
  const url =
    options.databaseUrl ?? (options.sqlitePath === undefined ? env['DATABASE_URL'] : undefined);
  const dialect: StoreDialect = url !== undefined && url !== '' ? 'postgres' : 'sqlite';
  const sqlitePath = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (
    dialect === 'sqlite' &&
    options.mustExist === true &&
    sqlitePath !== ':memory:' &&
    !existsSync(sqlitePath)
  ) {
    throw new ConfigError(
      'store.not-found',
      `No MDSS store at ${sqlitePath}. Create one by recording submissions: run \`mdss demo\` (example partners and a six-month history), or start \`mdss serve\` and POST feeds to it. Or point to an existing store with --db <file> or DATABASE_URL.`,
    );
  }
  const db =
    dialect === 'postgres'
      ? openPostgres(url ?? '', options)
      : openSqlite(sqlitePath, options.sqliteBusyTimeoutMs ?? 200);
  try {
    if (dialect === 'postgres' && options.pgSchema !== undefined) {
      await db.schema.createSchema(options.pgSchema).ifNotExists().execute();
    }
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
      // Pin Kysely's tables to our schema (the dialect's introspection sees only that schema too:
      // see schema-scoped-dialect.ts for the race with other schemas being dropped).
      ...(dialect === 'postgres' && options.pgSchema !== undefined
        ? { migrationTableSchema: options.pgSchema }
        : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined && unavailableReason(error) !== undefined)
      throw new ConfigError(
        'store.unavailable',
        `Cannot use the database: ${describeCause(error)}`,
        { cause: error },
      );
    if (error !== undefined)
      throw new ConfigError(
        'store.migration-failed',
        `Database migration failed: ${describeCause(error)}`,
        { cause: error },
      );
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return createStore(db, dialect, options.onWrite, options.now ?? (() => new Date()));
}

/**
 * One line naming why the store could not be opened or migrated: the error class, its code and,
 * for a store fault, the reason. Never the message, which for `pg` can hold connection parameters.
 */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const reason = unavailableReason(error);
  return [
    error.name,
    typeof code === 'string' ? code : undefined,
    reason !== undefined ? `store ${reason}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

function openSqlite(path: string, busyTimeoutMs: number): Kysely<MdssDatabase> {
  let database: Database.Database;
  try {
    if (path !== ':memory:') makeDirectories(dirname(resolve(path)));
    database = new Database(path);
    database.pragma('journal_mode = WAL');
  } catch (error) {
    throw new ConfigError(
      'store.open-failed',
      `Cannot open the SQLite database ${path}: ${describeCause(error)}`,
      { cause: error },
    );
  }
  database.pragma('foreign_keys = ON');
  // better-sqlite3 is synchronous: a long busy wait would freeze the event loop. Wait briefly,
  // then fail as busy (503 with Retry-After in the service).
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  database.pragma('synchronous = NORMAL');
  return new Kysely<MdssDatabase>({ dialect: new SqliteDialect({ database }) });
}

/**
 * Creates `dir` and its missing parents one level at a time (`mkdirSync(…, { recursive: true })`
 * never returns for some paths, e.g. under /proc on Linux).
 */
function makeDirectories(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirectories(parent);
  mkdirSync(dir);
}

function openPostgres(url: string, options: OpenStoreOptions): Kysely<MdssDatabase> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError(
      'store.invalid-schema',
      `Invalid PostgreSQL schema name: ${JSON.stringify(schema)}`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    connectionTimeoutMillis: options.pgConnectTimeoutMs ?? 5000,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  // An idle pooled client whose connection the server ends emits 'error' on the pool; without a
  // listener that is an uncaught exception. The pool has already discarded the client and opens a
  // new connection on the next query: only tell the observer.
  const lost = (error: Error): void => {
    const code = (error as { code?: unknown }).code;
    const reason = unavailableReason(error);
    options.onConnectionError?.({
      errorName: error.name,
      ...(typeof code === 'string' ? { errorCode: code } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
  };
  pool.on('error', lost);
  // A client checked out (inside a transaction, between two statements) emits 'error' itself when
  // its connection ends; its pending query is rejected (503) and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', lost));
  return new Kysely<MdssDatabase>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
}

function createStore(
  db: Kysely<MdssDatabase>,
  dialect: StoreDialect,
  onWrite: WriteObserver | undefined,
  now: () => Date,
): Store {
  return guardStore({
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
  });
}

/** Rethrows every method's store faults (down, locked, full) as `StoreUnavailableError`. */
function guardStore(store: Store): Store {
  const guarded: Record<string, unknown> = { dialect: store.dialect };
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw toStoreError(error);
      }
    };
  }
  return guarded as unknown as Store;
}
