/**
 * Configuration of the Node server from command-line flags and environment variables (flags win).
 * Pure: the caller passes `argv` and `env`, so this is testable and holds no Node built-in.
 *
 * | flag | environment | meaning |
 * | --- | --- | --- |
 * | `--port <n>` | `PORT` | listening port (default 3000; 0 picks a free one) |
 * | `--host <h>` | `HOST` | listening address (default 127.0.0.1) |
 * | `--max-body-bytes <n>` | `MDSS_MAX_BODY_BYTES` | request body limit (default 10 MB) |
 * | `--max-depth <n>` | `MDSS_MAX_DEPTH` | JSON nesting limit (default 200) |
 * | `--max-issues <n>` | `MDSS_MAX_ISSUES` | issues per validation (default 10,000) |
 * | `--time-budget-ms <n>` | `MDSS_TIME_BUDGET_MS` | validation time budget (default 10,000) |
 * | `--requests-per-minute <n>` | `MDSS_REQUESTS_PER_MINUTE` | rate limit per API key (default 0: none) |
 * | `--async-above-bytes <n>` | `MDSS_ASYNC_ABOVE_BYTES` | submissions declared larger run as jobs (default: the body limit) |
 * | `--max-job-bytes <n>` | `MDSS_MAX_JOB_BYTES` | submission job body limit (default 2 GiB) |
 * | | `MDSS_SPOOL_DIR` | job spool directory (default `<tmp>/mdss-spool`) |
 * | | `MDSS_SPOOL_MAX_AGE_MS` | spool files no live job holds are swept past this age (default 1 h) |
 * | | `MDSS_JOB_TIME_BUDGET_MS` | time budget of one job (default 10 min) |
 * | `--redis-url <url>` | `REDIS_URL` | Redis: jobs on BullMQ for `mdss worker`, shared rate limits; otherwise in-process |
 * | `--redis-prefix <p>` | `MDSS_REDIS_PREFIX` | prefix of every Redis key (default `mdss`) |
 * | `--request-timeout-ms <n>` | `MDSS_REQUEST_TIMEOUT_MS` | whole-request timeout (default 60,000) |
 * | `--database-url <url>` | `DATABASE_URL` | PostgreSQL; otherwise SQLite |
 * | `--sqlite <path>` | `MDSS_SQLITE_PATH` | SQLite file (default ./data/mdss.sqlite) |
 * | `--no-store` | `MDSS_STORE=off` | run without a store (no partner routes) |
 * | `--api-keys <list>` | `MDSS_API_KEYS` | key bindings `partner:<id>:<sha256>` / `lead::<sha256>` |
 * | `--package <path>` (repeat) | `MDSS_PACKAGES` (comma-separated) | extra conformance resources (JSON file, Bundle, folder) |
 * | `--pack-dir <path>` | `MDSS_PACK_DIR` | folder of the validation packs (default dist/pack) |
 * | `--processes <n\|auto>` | `MDSS_PROCESSES` | worker processes on the one port (default 1; `auto`: one per core; 1–64) |
 * | `--threads <n\|auto>` | `MDSS_THREADS` | check threads per process (default `auto`: the cores shared by the processes; 0: check in the request thread; 0–256) |
 * | `--thread-queue <n>` | `MDSS_THREAD_QUEUE` | checks that may wait for a thread; past it 503 `http.busy` with `Retry-After` (default 64) |
 * @module
 */
import { ConfigError } from '../errors.js';
import type { ServerLimits } from './server-limits.js';

/** Options of the Node server. */
export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly limits: Partial<ServerLimits>;
  readonly requestTimeoutMs: number;
  readonly databaseUrl?: string;
  readonly sqlitePath?: string;
  readonly store: boolean;
  readonly apiKeys?: string;
  readonly packages: readonly string[];
  readonly packDir?: string;
  readonly redisUrl?: string;
  readonly redisPrefix?: string;
  /** Worker processes sharing the port (node:cluster): a count from 1 to 64, or `auto` (one per core). */
  readonly processes: number | 'auto';
  /** Check threads per process (node-check-pool.ts): a count from 0 (none: check in the request thread) to 256, or `auto`. */
  readonly threads: number | 'auto';
  /** Checks that may wait for a thread before requests get 503 (default 64). */
  readonly threadQueue?: number;
}

const numberFlags: Readonly<Record<string, [env: string, key: string]>> = {
  '--port': ['PORT', 'port'],
  '--max-body-bytes': ['MDSS_MAX_BODY_BYTES', 'maxBodyBytes'],
  '--max-depth': ['MDSS_MAX_DEPTH', 'maxDepth'],
  '--max-issues': ['MDSS_MAX_ISSUES', 'maxIssues'],
  '--time-budget-ms': ['MDSS_TIME_BUDGET_MS', 'timeBudgetMs'],
  '--requests-per-minute': ['MDSS_REQUESTS_PER_MINUTE', 'requestsPerMinute'],
  '--request-timeout-ms': ['MDSS_REQUEST_TIMEOUT_MS', 'requestTimeoutMs'],
  '--async-above-bytes': ['MDSS_ASYNC_ABOVE_BYTES', 'asyncAboveBytes'],
  '--max-job-bytes': ['MDSS_MAX_JOB_BYTES', 'maxJobBytes'],
  '--thread-queue': ['MDSS_THREAD_QUEUE', 'threadQueue'],
};
const stringFlags: Readonly<Record<string, [env: string, key: string]>> = {
  '--host': ['HOST', 'host'],
  '--database-url': ['DATABASE_URL', 'databaseUrl'],
  '--sqlite': ['MDSS_SQLITE_PATH', 'sqlitePath'],
  '--api-keys': ['MDSS_API_KEYS', 'apiKeys'],
  '--pack-dir': ['MDSS_PACK_DIR', 'packDir'],
  '--redis-url': ['REDIS_URL', 'redisUrl'],
  '--redis-prefix': ['MDSS_REDIS_PREFIX', 'redisPrefix'],
  '--processes': ['MDSS_PROCESSES', 'processes'],
  '--threads': ['MDSS_THREADS', 'threads'],
};

/** `--processes`: 1 (the default) to 64, or `auto`. */
function processCountOption(
  raw: string | undefined,
  num: () => number | undefined,
): number | 'auto' {
  if (raw === 'auto') return raw;
  const value = num();
  if (value === undefined) return 1;
  if (value < 1 || value > 64)
    throw new ConfigError(
      'server.invalid-option',
      `processes must be from 1 to 64 or auto, got ${value}`,
    );
  return value;
}

/** `--threads`: `auto` (the default) or 0 to 256. */
function threadCountOption(
  raw: string | undefined,
  num: () => number | undefined,
): number | 'auto' {
  if (raw === undefined || raw === 'auto') return 'auto';
  const value = num()!;
  if (value > 256)
    throw new ConfigError(
      'server.invalid-option',
      `threads must be from 0 to 256 or auto, got ${value}`,
    );
  return value;
}

/**
 * Reads server options from `argv` (flags only, no program name) and `env`.
 * @throws ConfigError `server.invalid-option` for an unknown flag or a bad number.
 */
export function parseServerOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ServerOptions {
  const values: Record<string, string> = {};
  for (const [flag, [name, key]] of Object.entries({ ...numberFlags, ...stringFlags })) {
    const v = env[name];
    if (v !== undefined && v !== '' && flag) values[key] = v;
  }
  const packages = (env['MDSS_PACKAGES'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  let store = env['MDSS_STORE'] !== 'off';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '--no-store') {
      store = false;
      continue;
    }
    const spec = numberFlags[flag] ?? stringFlags[flag];
    if (!spec && flag !== '--package')
      throw new ConfigError('server.invalid-option', `Unknown option ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined)
      throw new ConfigError('server.invalid-option', `Option ${flag} needs a value`);
    if (flag === '--package') packages.push(value);
    else values[spec![1]] = value;
  }
  const num = (key: string, fallback?: number): number | undefined => {
    const v = values[key];
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v))
      throw new ConfigError(
        'server.invalid-option',
        `${key} must be a whole number, got ${JSON.stringify(v)}`,
      );
    return Number(v);
  };
  const limits: Record<string, number> = {};
  for (const key of [
    'maxBodyBytes',
    'maxDepth',
    'maxIssues',
    'timeBudgetMs',
    'requestsPerMinute',
    'asyncAboveBytes',
    'maxJobBytes',
  ]) {
    const v = num(key);
    if (v !== undefined) limits[key] = v;
  }
  const port = num('port', 3000)!;
  if (port > 65_535)
    throw new ConfigError('server.invalid-option', `port must be from 0 to 65535, got ${port}`);
  const processes = processCountOption(values['processes'], () => num('processes'));
  const threads = threadCountOption(values['threads'], () => num('threads'));
  const threadQueue = num('threadQueue');
  return {
    port,
    host: values['host'] ?? '127.0.0.1',
    limits,
    requestTimeoutMs: num('requestTimeoutMs', 60_000)!,
    ...(values['databaseUrl'] !== undefined ? { databaseUrl: values['databaseUrl'] } : {}),
    ...(values['sqlitePath'] !== undefined ? { sqlitePath: values['sqlitePath'] } : {}),
    store,
    ...(values['apiKeys'] !== undefined ? { apiKeys: values['apiKeys'] } : {}),
    packages,
    ...(values['packDir'] !== undefined ? { packDir: values['packDir'] } : {}),
    ...(values['redisUrl'] !== undefined ? { redisUrl: values['redisUrl'] } : {}),
    ...(values['redisPrefix'] !== undefined ? { redisPrefix: values['redisPrefix'] } : {}),
    processes,
    threads,
    ...(threadQueue !== undefined ? { threadQueue } : {}),
  };
}
