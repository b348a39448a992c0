/**
 * Node entry of the service: `npm start` (and `mdss serve`) run {@link startServer} with
 * @hono/node-server. Configuration comes from flags and environment (server-options.ts); the base
 * definitions from the validation pack; the store from SQLite or PostgreSQL; API keys from the
 * store and/or `MDSS_API_KEYS`. Logs are JSON lines on stdout without payload values. SIGTERM and
 * SIGINT stop accepting connections, let requests in flight finish (up to a grace period), close
 * the store and exit.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import type { Checker } from '../check/create-checker.js';
import type { Validator } from '../fhir/validator/create-validator.js';
import { openStore } from '../store/open-store.js';
import { readNhsukCss } from '../store/read-nhsuk-css.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from './app-env.js';
import type { DocsAssets } from './docs-assets.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { createNodeJobQueue, jobLimits } from '../jobs/node-jobs.js';
import { createRedisRateCounter, type RedisRateCounter } from '../jobs/redis-rate-counter.js';
import { startPullScheduling } from '../jobs/pull-schedules.js';
import { spoolDir, spoolMaxAgeMs, startSpoolSweeper } from '../jobs/spool.js';
import type { PullService } from './app-deps.js';
import { createPullService } from './node-pull-service.js';
import { createApp } from './app.js';
import { buildChecker } from './node-build-checker.js';
import { createCheckPool, type CheckPool } from './node-check-pool.js';
import { resolveLimits } from './server-limits.js';
import {
  chainKeyStores,
  createStaticKeyStore,
  parseKeyBindings,
  rememberingKeyStore,
  type KeyStore,
} from './auth/key-store.js';
import { unavailableReason } from '../store/store-unavailable.js';
import { createJsonLineLog } from './node-log.js';
import type { LogEntry } from './log-entry.js';
import { describeError } from './middleware/on-error.js';
import { parseServerOptions, type ServerOptions } from './server-options.js';
import { ConfigError } from '../errors.js';

const require = createRequire(import.meta.url);

/** The one factory of the pipeline (node-build-checker.ts), here for `mdss worker`. */
export { buildChecker };

/** Options of {@link startServer}: server options plus injections for tests and embedding. */
export interface StartServerOptions extends Partial<ServerOptions> {
  /** A ready pipeline (skips loading the pack and packages). */
  readonly checker?: Checker;
  /** A ready validator (skips loading the pack and packages); the routes run `createChecker({ validator })`. */
  readonly validator?: Validator;
  /** A ready store (skips opening one). Closed on shutdown only when the server opened it. */
  readonly storeInstance?: Store;
  /** Log sink; default JSON lines on stdout. */
  readonly log?: (entry: LogEntry) => void;
  /** Install SIGTERM/SIGINT handlers (default false; the CLI entry turns it on). */
  readonly handleSignals?: boolean;
  /** How long shutdown waits for requests in flight (default 10 s). */
  readonly shutdownGraceMs?: number;
  /** The job spool directory (default `MDSS_SPOOL_DIR`, else `<tmp>/mdss-spool`). */
  readonly spoolDir?: string;
  /** Age past which a spool file held by no live job is swept (default `MDSS_SPOOL_MAX_AGE_MS`, else 1 h). */
  readonly spoolMaxAgeMs?: number;
  /** Run the partners' pull schedules (default true). */
  readonly pullSchedules?: boolean;
  /**
   * This process is worker `rank` (0-based) of `size` under `mdss serve --processes` (node-cluster.ts):
   * answers carry `X-MDSS-Worker: <rank>`; only rank 0 runs the spool sweeper and pull schedules;
   * without Redis, each worker enforces 1/size of the rate and failed-authentication limits.
   */
  readonly cluster?: { readonly size: number; readonly rank: number };
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: Hono<AppEnv>;
  readonly server: Server;
  /** Check threads of its pool (0: it checks in the request thread). */
  readonly threads: number;
  /** Stops accepting, waits for requests in flight (up to the grace period), closes the store. */
  close(): Promise<void>;
}

let stdoutLog: ((entry: LogEntry) => void) | undefined;

/** Writes one JSON log line to stdout; a broken stdout (EPIPE, EFBIG) drops lines, never stops the server. */
export function jsonLineLog(entry: LogEntry): void {
  stdoutLog ??= createJsonLineLog();
  stdoutLog(entry);
}

/** The package version. */
export function version(): string {
  try {
    return (
      JSON.parse(readFileSync(require.resolve('../../package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return '0.0.0';
  }
}

async function buildKeys(
  options: StartServerOptions,
  store: Store | undefined,
): Promise<KeyStore | undefined> {
  const stores: KeyStore[] = [];
  if (options.apiKeys !== undefined) {
    const parsed = parseKeyBindings(options.apiKeys);
    if ('error' in parsed)
      throw new ConfigError(
        'server.invalid-api-keys',
        `MDSS_API_KEYS / --api-keys: ${parsed.error}`,
      );
    stores.push(createStaticKeyStore(parsed.records));
  }
  if (store)
    stores.push(rememberingKeyStore(store, (error) => unavailableReason(error) !== undefined));
  return stores.length ? chainKeyStores(stores) : undefined;
}

/**
 * Swagger UI's files from the pinned `swagger-ui-dist` package, or undefined when it is not installed
 * (then `/docs` links to `/openapi.json` only).
 */
export function readSwaggerUiAssets(): DocsAssets | undefined {
  try {
    const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
    return {
      'swagger-ui.css': readFileSync(join(dir, 'swagger-ui.css'), 'utf8'),
      'swagger-ui-bundle.js': readFileSync(join(dir, 'swagger-ui-bundle.js'), 'utf8'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Starts the server and resolves once it listens.
 * @example const running = await startServer({ port: 0 }); console.log(running.url); await running.close();
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? jsonLineLog;
  const { checker, packages } = await buildChecker(options, log);
  const ownStore = options.storeInstance === undefined && options.store !== false;
  const store = options.storeInstance ?? (ownStore ? await openOwnStore(options, log) : undefined);
  const keys = await buildKeys(options, store);
  const pull = store ? createPullService(store, checker, process.env, packages) : undefined;
  const { jobs, rateCounter, stop } = scaleOut(options, checker, store, packages, pull, log);
  const limits = clusterLimits(options, rateCounter);
  const reportStyles = store ? await readNhsukCss().catch(() => undefined) : undefined;
  const docsAssets = readSwaggerUiAssets();
  const pool = await startPool(options, log);
  const app = createApp({
    ...(docsAssets !== undefined ? { docsAssets } : {}),
    ...(reportStyles !== undefined ? { reportStyles } : {}),
    checker,
    ...(pool ? { offload: pool } : {}),
    ...(keys ? { keys } : {}),
    ...(jobs ? { jobs } : {}),
    ...(rateCounter ? { rateCounter } : {}),
    ...(store && pull ? { partners: store, pull } : {}),
    limits: limits.limits,
    authFailures: { ...authFailures(rateCounter), ...limits.authFailures },
    log,
    version: version(),
    packages,
  });
  const server = await listen(app, options.port ?? 3000, options.host ?? '127.0.0.1').catch(
    async (error: unknown) => {
      await pool?.close();
      throw error;
    },
  );
  if (options.cluster) {
    const rank = String(options.cluster.rank);
    server.prependListener('request', (_req, res) => res.setHeader('X-MDSS-Worker', rank));
  }
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.headersTimeout = Math.min(server.requestTimeout, 30_000);
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log({
    level: 'info',
    event: 'listening',
    port,
    host,
    store: store?.dialect ?? 'none',
    threads: pool?.threads ?? 0,
    // the store's keys authenticate only once one exists: until then every caller is open
    auth: options.apiKeys !== undefined ? 'keys' : keys ? 'open-until-a-key-is-stored' : 'open',
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      log({ level: 'info', event: 'shutdown' });
      await stopServer(server, options.shutdownGraceMs ?? 10_000);
      stop();
      await jobs?.close();
      rateCounter?.close();
      await pool?.close();
      if (ownStore && store) await store.close();
    })());
  if (options.handleSignals) {
    const onSignal = (signal: string) => () => {
      log({ level: 'info', event: 'signal', signal });
      void close().then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal('SIGTERM'));
    process.once('SIGINT', onSignal('SIGINT'));
    process.on('unhandledRejection', (reason) =>
      log({ level: 'error', event: 'unhandled-rejection', ...describeError(reason) }),
    );
  }
  return { url, port, app, server, threads: pool?.threads ?? 0, close };
}

/**
 * The check threads (node-check-pool.ts), when the server builds its own definitions (an injected
 * checker or validator cannot be rebuilt in a thread): `threads` of them, by default the cores this
 * process may use (shared out between the processes of a cluster). Resolves once they are ready.
 */
async function startPool(
  options: StartServerOptions,
  log: (e: LogEntry) => void,
): Promise<CheckPool | undefined> {
  if (options.checker || options.validator) return undefined;
  const threads = poolThreads(options.threads ?? 'auto', options.cluster?.size ?? 1);
  if (threads === 0) return undefined;
  const { timeBudgetMs: budget, maxBodyBytes } = resolveLimits(options.limits);
  const pool = createCheckPool({
    threads,
    // bodies waiting for a thread: 256 MiB, or 4 bodies at the limit when that is more
    maxQueuedBytes: Math.max(256 * 1024 * 1024, 4 * maxBodyBytes),
    ...(options.threadQueue !== undefined ? { maxQueue: options.threadQueue } : {}),
    recipe: {
      ...(options.packDir !== undefined ? { packDir: options.packDir } : {}),
      packages: options.packages ?? [],
    },
    // the engine stops at its time budget; a thread still busy well past it is stuck
    jobTimeoutMs: Math.max(60_000, budget * 3),
    log,
  });
  await pool.ready();
  if (pool.stats().ready > 0) return pool;
  // no thread could build the pipeline that this thread just built: check here rather than refuse
  log({ level: 'warn', event: 'check-threads-unavailable', threads });
  await pool.close();
  return undefined;
}

/** `auto`: the cores this process may use, shared between the processes of a cluster. */
export function poolThreads(threads: number | 'auto', processes: number): number {
  if (threads !== 'auto') return threads;
  return Math.max(1, Math.floor(availableParallelism() / Math.max(1, processes)));
}

function openOwnStore(options: StartServerOptions, log: (e: LogEntry) => void): Promise<Store> {
  return openStore({
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.sqlitePath !== undefined ? { sqlitePath: options.sqlitePath } : {}),
    onConnectionError: (fault) => log({ level: 'warn', event: 'store-connection-lost', ...fault }),
  });
}

/** The default failed authentications per client a minute (src/server/middleware/auth.ts). */
const defaultMaxAuthFailures = 20;

/**
 * Limits counted in this process's memory (no Redis) are split between the cluster's workers, so
 * that n workers together never allow more than the configured limit: each enforces
 * max(1, floor(limit / n)). With Redis the counters are shared and the limits are whole.
 */
function clusterLimits(
  options: StartServerOptions,
  rateCounter: RedisRateCounter | undefined,
): { limits: NonNullable<StartServerOptions['limits']>; authFailures: { maxFailures?: number } } {
  const limits = options.limits ?? {};
  const size = options.cluster?.size ?? 1;
  if (size <= 1 || rateCounter) return { limits, authFailures: {} };
  const share = (limit: number): number => (limit > 0 ? Math.max(1, Math.floor(limit / size)) : 0);
  return {
    limits: {
      ...limits,
      ...(limits.requestsPerMinute ? { requestsPerMinute: share(limits.requestsPerMinute) } : {}),
    },
    authFailures: { maxFailures: share(defaultMaxAuthFailures) },
  };
}

/** Failed authentications per socket address; shared through Redis when a counter is. */
function authFailures(
  rateCounter: RedisRateCounter | undefined,
): NonNullable<Parameters<typeof createApp>[0]['authFailures']> {
  return {
    clientAddress: (c) => getConnInfo(c).remote.address,
    ...(rateCounter ? { shared: rateCounter.authFailures } : {}),
  };
}

/**
 * The job queue (with a store: submissions and pulls as jobs, partner pull schedules, the spool
 * sweeper) and, with Redis, the shared counters. `stop` ends the timers.
 */
function scaleOut(
  options: StartServerOptions,
  checker: Checker,
  store: Store | undefined,
  packages: readonly string[],
  pull: PullService | undefined,
  log: (entry: LogEntry) => void,
): { jobs?: JobQueue; rateCounter?: RedisRateCounter; stop: () => void } {
  const rateCounter = options.redisUrl
    ? createRedisRateCounter(options.redisUrl, options.redisPrefix)
    : undefined;
  if (!store) return { ...(rateCounter ? { rateCounter } : {}), stop: () => undefined };
  const dir = options.spoolDir ?? spoolDir();
  const jobs = nodeJobs(options, checker, store, packages, pull, dir);
  // under `--processes`, one worker sweeps the spool and sets the schedules (not n of them)
  if ((options.cluster?.rank ?? 0) > 0)
    return { jobs, ...(rateCounter ? { rateCounter } : {}), stop: () => undefined };
  const sweeper = startSpoolSweeper({
    dir,
    maxAgeMs: options.spoolMaxAgeMs ?? spoolMaxAgeMs(),
    live: () => jobs.liveSpools(),
    onSweep: (outcome) => {
      if ('error' in outcome || outcome.removed > 0)
        log({ level: 'info', event: 'spool-swept', ...outcome });
    },
  });
  const scheduling =
    options.pullSchedules === false
      ? undefined
      : startPullScheduling(jobs, store, (error) =>
          log({ level: 'warn', event: 'pull-schedules-failed', error }),
        );
  return {
    jobs,
    ...(rateCounter ? { rateCounter } : {}),
    stop: () => {
      sweeper.stop();
      scheduling?.stop();
    },
  };
}

function nodeJobs(
  options: StartServerOptions,
  checker: Checker,
  store: Store,
  packages: readonly string[],
  pull: PullService | undefined,
  dir: string,
): JobQueue {
  const where = {
    spoolDir: dir,
    ...(options.redisUrl !== undefined ? { redisUrl: options.redisUrl } : {}),
    ...(options.redisPrefix !== undefined ? { prefix: options.redisPrefix } : {}),
  };
  return createNodeJobQueue(where, {
    checker,
    catalogue: checker.catalogue,
    store,
    version: version(),
    packages,
    ...(pull ? { pull } : {}),
    ...jobLimits(options.limits),
  });
}

function listen(app: Hono<AppEnv>, port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // a port or address that cannot be used is a configuration error (exit 2), with its cause
    const fail = (error: unknown): void => {
      const code = (error as { code?: unknown } | undefined)?.code;
      reject(
        new ConfigError(
          'server.listen-failed',
          `Cannot listen on ${hostname}:${port}: ${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'}`,
          { cause: error },
        ),
      );
    };
    try {
      const server = serve({ fetch: app.fetch, port, hostname }, () =>
        resolve(server as Server),
      ) as Server;
      server.once('error', fail);
    } catch (error) {
      fail(error);
    }
  });
}

/** Stops accepting; closes keep-alive connections as soon as they fall idle; cuts the rest after the grace period. */
function stopServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const hard = setTimeout(() => server.closeAllConnections(), graceMs);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    hard.unref();
    idle.unref();
    server.close(() => {
      clearTimeout(hard);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const options = parseServerOptions(process.argv.slice(2), process.env);
    if (options.processes !== 1)
      throw new ConfigError(
        'server.invalid-option',
        '--processes / MDSS_PROCESSES: run `mdss serve` (this entry runs one process)',
      );
    await startServer({ ...options, handleSignals: true });
  } catch (error) {
    jsonLineLog({
      level: 'error',
      event: 'startup-failed',
      ...describeError(error),
      ...(error instanceof ConfigError ? { errorCode: error.code, detail: error.message } : {}),
    });
    // a configuration error is the operator's to fix (exit 2, as the CLI); anything else is ours (1)
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}
