/**
 * `mdss worker [--concurrency <n>]`: a job worker. Takes submission and pull jobs from the Redis queue
 * (`REDIS_URL` / `--redis-url`, same prefix) and records into the same store as the service (the
 * server's flags and environment apply: `DATABASE_URL`, `MDSS_SPOOL_DIR`, `MDSS_JOB_TIME_BUDGET_MS`,
 * `MDSS_JOB_LOCK_MS`, `MDSS_SPOOL_MAX_AGE_MS`; pulls read endpoint secrets from the environment).
 * Orphaned spool files are swept at start and periodically. Run as many as the machines have cores. Stops on SIGTERM/SIGINT, letting the
 * job in hand finish.
 */
import { ConfigError } from '../errors.js';
import type { CliIo } from './cli-io.js';

/** Runs a worker until SIGTERM/SIGINT. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [
    { buildChecker, version, jsonLineLog },
    { parseServerOptions },
    { openStore },
    { createJobWorker, createRedisJobQueue },
    { runJob },
    { spoolDir, spoolMaxAgeMs, startSpoolSweeper },
    { jobLimits },
    { createPullService },
  ] = await Promise.all([
    import('../server/node.js'),
    import('../server/server-options.js'),
    import('../store/open-store.js'),
    import('../jobs/bullmq-queue.js'),
    import('../jobs/run-job.js'),
    import('../jobs/spool.js'),
    import('../jobs/node-jobs.js'),
    import('../server/node-pull-service.js'),
  ]);
  const rest = [...args];
  let concurrency = 1;
  const at = rest.indexOf('--concurrency');
  if (at >= 0) {
    concurrency = Number(rest[at + 1]);
    rest.splice(at, 2);
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new ConfigError('server.invalid-option', '--concurrency must be a whole number ≥ 1');
  }
  const options = parseServerOptions(rest, io.env);
  if (!options.redisUrl)
    throw new ConfigError(
      'server.invalid-option',
      'mdss worker needs REDIS_URL (or --redis-url): without Redis, jobs run inside `mdss serve`',
    );
  const { checker, packages } = await buildChecker(options, jsonLineLog);
  const store = await openStore({
    // a worker serves no requests: it may wait longer for another process's SQLite write lock
    sqliteBusyTimeoutMs: 2000,
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.sqlitePath !== undefined ? { sqlitePath: options.sqlitePath } : {}),
  });
  const dir = spoolDir(io.env);
  const deps = {
    checker,
    catalogue: checker.catalogue,
    store,
    spoolDir: dir,
    version: version(),
    packages,
    pull: createPullService(store, checker, io.env, packages),
    ...jobLimits(options.limits, io.env),
  };
  const lock = io.env['MDSS_JOB_LOCK_MS'];
  const where = {
    redisUrl: options.redisUrl,
    spoolDir: dir,
    ...(options.redisPrefix !== undefined ? { prefix: options.redisPrefix } : {}),
  };
  const worker = createJobWorker(
    {
      ...where,
      concurrency,
      ...(lock !== undefined && /^\d+$/.test(lock) ? { lockDurationMs: Number(lock) } : {}),
    },
    (jobId, data, progress) => runJob(jobId, data, deps, progress),
    (event, fields) =>
      jsonLineLog({ level: event === 'worker-error' ? 'warn' : 'info', event, ...fields }),
  );
  // Orphaned spool files (a crash between spooling and queueing, a Redis that lost its jobs).
  const queue = createRedisJobQueue(where);
  const sweeper = startSpoolSweeper({
    dir,
    maxAgeMs: spoolMaxAgeMs(io.env),
    live: () => queue.liveSpools(),
    onSweep: (outcome) => {
      if ('error' in outcome || outcome.removed > 0)
        jsonLineLog({ level: 'info', event: 'spool-swept', ...outcome });
    },
  });
  jsonLineLog({
    level: 'info',
    event: 'worker-ready',
    pid: process.pid,
    concurrency,
    store: store.dialect,
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  sweeper.stop();
  await worker.close();
  await queue.close();
  await store.close();
  return 0;
}
