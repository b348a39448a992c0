/**
 * Store faults that are the database's state, not the request's: a PostgreSQL connection refused,
 * reset or terminated (restart, failover, idle reaper, network blip), a pool that cannot connect in
 * time, a SQLite database that is busy or locked, a full disk. The store rethrows them as
 * {@link StoreUnavailableError}, which the service answers with 503 and `Retry-After` while the
 * routes that do not need the store keep working. The original error stays as `cause` (never
 * logged with its message: pg messages can hold connection parameters).
 * @module
 */

/** Why the store cannot serve right now. */
export type StoreUnavailableReason = 'connection' | 'busy' | 'disk-full' | 'read-only';

/** The store is down, locked or full: retry later. */
export class StoreUnavailableError extends Error {
  readonly code: string;
  readonly reason: StoreUnavailableReason;
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds: number;
  constructor(
    reason: StoreUnavailableReason,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(
      `Store unavailable (${reason})`,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = 'StoreUnavailableError';
    this.code = `store.${reason}`;
    this.reason = reason;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? (reason === 'busy' ? 1 : 5);
  }
}

/** Node socket error codes that mean the connection to the database is gone or never came. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATEs of the server's state: class 08 (connection exception), 53 (insufficient
 * resources: 53100 disk full), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
 */
function classifyPostgres(code: string): StoreUnavailableReason | undefined {
  if (code === '53100') return 'disk-full';
  if (
    code.startsWith('08') ||
    code.startsWith('53') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03'
  )
    return 'connection';
  if (code === '25006') return 'read-only';
  return undefined;
}

/** SQLite result codes of the database's state (better-sqlite3 sets `code` to e.g. `SQLITE_BUSY_SNAPSHOT`). */
function classifySqlite(code: string): StoreUnavailableReason | undefined {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return 'connection';
  return undefined;
}

/** Messages of `pg` (no code) when a connection ends or cannot be made in time. */
const pgConnectionMessages =
  /^(Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/i;

/** Why `error` means the store is unavailable, or undefined when it is another fault. */
export function unavailableReason(error: unknown): StoreUnavailableReason | undefined {
  if (error instanceof StoreUnavailableError) return error.reason;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (connectionCodes.has(code)) return 'connection';
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'disk-full';
    if (code.startsWith('SQLITE_')) return classifySqlite(code);
    if (/^[0-9A-Z]{5}$/.test(code)) return classifyPostgres(code);
  }
  if (pgConnectionMessages.test(error.message)) return 'connection';
  if (error instanceof AggregateError)
    return error.errors.map(unavailableReason).find((r) => r !== undefined);
  return undefined;
}

/** `error` as a {@link StoreUnavailableError} when it means the store is unavailable; else `error`. */
export function toStoreError(error: unknown): unknown {
  const reason = unavailableReason(error);
  if (reason === undefined || error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(reason, { cause: error });
}
