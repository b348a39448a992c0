/**
 * `mdss serve --processes <n|auto>`: the primary process forks n workers with `node:cluster`; each
 * runs the same app ({@link startServer}) on the one shared port, and the primary hands out
 * connections round-robin. The primary restarts a worker that dies (backoff 250 ms doubling to
 * 10 s while restarts keep failing; one log line with the exit code or signal), forwards SIGTERM
 * and SIGINT (as SIGTERM) to every worker for their graceful shutdown, and ends when all have. A worker that
 * fails before any worker listened (a configuration error) ends the whole service with its exit code;
 * so that such an error shows once, worker 0 starts first and the others when it listens.
 *
 * Shared state: with a store, several processes need Redis (`REDIS_URL`) — the in-process job queue
 * keeps its job records in one process's memory, so a job submitted to one worker would be unknown
 * to the others; {@link checkClusterOptions} refuses that combination. Without Redis, limits counted
 * in memory are split between the workers (node.ts `clusterLimits`). Only worker rank 0 runs the
 * spool sweeper and the pull schedules.
 * @module
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../errors.js';
import type { LogEntry } from './log-entry.js';
import type { ServerOptions } from './server-options.js';

/** The environment variables through which the primary tells a worker its place. */
export const clusterEnv = { size: 'MDSS_CLUSTER_SIZE', rank: 'MDSS_CLUSTER_RANK' } as const;

/**
 * Lets a worker whose start failed end like a single server would (its IPC channel to the primary
 * would otherwise keep it running).
 */
export function releaseWorker(): void {
  if (cluster.isWorker) process.channel?.unref();
}

/** The number of worker processes: `auto` is one per core the process may use (at most 64). */
export function processCount(processes: number | 'auto'): number {
  return processes === 'auto' ? Math.max(1, Math.min(64, availableParallelism())) : processes;
}

/**
 * Refuses a cluster whose shared state would be wrong: a store without Redis (job records and
 * in-process jobs are per process).
 * @throws ConfigError `server.invalid-option`
 */
export function checkClusterOptions(options: ServerOptions, count: number): void {
  if (count > 1 && options.store && !options.redisUrl)
    throw new ConfigError(
      'server.invalid-option',
      `--processes ${count} with a store needs REDIS_URL (jobs are per process without it); set --redis-url or --no-store`,
    );
}

/** This process's place in a cluster, when it is a worker of `mdss serve --processes`. */
export function clusterPlace(
  env: Readonly<Record<string, string | undefined>>,
): { size: number; rank: number } | undefined {
  if (!cluster.isWorker) return undefined;
  const size = Number(env[clusterEnv.size]);
  const rank = Number(env[clusterEnv.rank]);
  return Number.isInteger(size) && Number.isInteger(rank) ? { size, rank } : undefined;
}

/** Options of {@link runCluster}. */
export interface ClusterOptions {
  readonly count: number;
  readonly log: (entry: LogEntry) => void;
  /** Called once, when the first worker listens. */
  readonly onListening: (url: string) => void;
  /** How long the primary waits for the workers after forwarding a signal (default 15 s). */
  readonly shutdownGraceMs?: number;
}

/**
 * Runs the primary: forks `count` workers (this same program, with its arguments) and keeps them
 * running. Resolves with the exit code once every worker has ended.
 */
export function runCluster(options: ClusterOptions): Promise<number> {
  const { count, log } = options;
  const failures = new Array<number>(count).fill(0);
  const started = new Array<number>(count).fill(0);
  const workers = new Map<Worker, number>();
  let listening = false;
  let stopping: number | undefined;
  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (stopping !== undefined && workers.size === 0) resolve(stopping);
    };
    const stop = (code: number, signal: NodeJS.Signals): void => {
      if (stopping !== undefined) return;
      stopping = code;
      for (const worker of workers.keys()) worker.process.kill(signal);
      const hard = setTimeout(() => {
        for (const worker of workers.keys()) worker.process.kill('SIGKILL');
      }, options.shutdownGraceMs ?? 15_000);
      hard.unref();
      finishIfDone();
    };
    const fork = (rank: number): void => {
      if (stopping !== undefined) return;
      const worker = cluster.fork({
        [clusterEnv.size]: String(count),
        [clusterEnv.rank]: String(rank),
      });
      workers.set(worker, rank);
      started[rank] = Date.now();
      log({ level: 'info', event: 'worker-started', rank, pid: worker.process.pid });
      worker.once('listening', (address) => {
        if (listening) return;
        listening = true;
        // the others start once the first listens: a configuration error shows once, from one worker
        for (let other = 1; other < count; other++) fork(other);
        const host = address.address ?? '127.0.0.1';
        options.onListening(
          `http://${host.includes(':') ? `[${host}]` : host}:${String(address.port)}`,
        );
      });
      worker.once('exit', (code: number | null, signal: string | null) => {
        workers.delete(worker);
        if (stopping !== undefined) return finishIfDone();
        if (!listening) {
          // a worker that cannot start (configuration, port): the others cannot either
          log({ level: 'error', event: 'worker-failed', rank, code, signal });
          return stop(code === 2 ? 2 : 1, 'SIGTERM');
        }
        // a worker that ran a while starts again at once; one that keeps dying waits longer each time
        failures[rank] = Date.now() - started[rank]! > 30_000 ? 0 : failures[rank]! + 1;
        const restartInMs = Math.min(10_000, 250 * 2 ** Math.max(0, failures[rank]! - 1));
        log({ level: 'warn', event: 'worker-exited', rank, code, signal, restartInMs });
        setTimeout(() => fork(rank), restartInMs).unref();
      });
    };
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => {
        log({ level: 'info', event: 'signal', signal });
        // forwarded as SIGTERM: after Ctrl-C the workers have had SIGINT from the terminal already,
        // and a second SIGINT would find no handler and end them abruptly
        stop(0, 'SIGTERM');
      });
    fork(0);
  });
}
