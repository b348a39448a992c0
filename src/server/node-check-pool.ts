/**
 * The Node server's pool of check threads (node:worker_threads): each thread builds the same
 * pipeline from the server's recipe and runs `$validate` and the upload checks on the body bytes it
 * is handed (transferred, not copied as strings), so the request thread stays free to read requests,
 * answer `/health` and stream. One job per thread at a time; the rest wait in a bounded FIFO queue,
 * past which a request gets 503 `http.busy` with `Retry-After`. A thread that dies (or overruns its
 * deadline and is stopped) fails its job with {@link CheckThreadError} (500 `http.check-failed`) and
 * is replaced; the service never stops for it.
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { CheckOptions } from '../check/check-options.js';
import type { CheckedPayload } from '../check/create-checker.js';
import type { CheckerRecipe } from './node-build-checker.js';
import { CheckThreadError, type CheckOffload } from './check-offload.js';
import type { PoolJob, PoolMessage } from './node-check-pool-thread.js';
import type { FhirValidateInput, FhirValidateOutput } from './fhir-validate-check.js';
import { HttpProblem, httpProblem } from './http-problem.js';
import type { LogEntry } from './log-entry.js';
import { startThread } from '../node/start-thread.js';

/** Options of {@link createCheckPool}. */
export interface CheckPoolOptions {
  /** Threads (at least 1). */
  readonly threads: number;
  /** Jobs that may wait for a thread; one more gets 503 `http.busy` (default 64). */
  readonly maxQueue?: number;
  /** Body bytes that may wait for a thread in all; a job past it gets 503 unless the queue is empty (default 256 MiB). */
  readonly maxQueuedBytes?: number;
  /** What each thread builds its pipeline from (the server's own). */
  readonly recipe: CheckerRecipe;
  /** A job running longer than this stops its thread (500 `http.check-failed`); default 120 s. */
  readonly jobTimeoutMs?: number;
  /** `Retry-After` seconds of a 503 (default 1). */
  readonly retryAfterSeconds?: number;
  readonly log?: (entry: LogEntry) => void;
  /** The thread module (tests); default node-check-pool-thread.ts. */
  readonly entry?: URL;
}

/** A running pool. */
export interface CheckPool extends CheckOffload {
  readonly threads: number;
  /** Resolves once every thread has built its pipeline (or failed to). */
  ready(): Promise<void>;
  /** Threads ready, jobs running and waiting, and threads replaced so far. */
  stats(): {
    readonly ready: number;
    readonly running: number;
    readonly queued: number;
    readonly replaced: number;
  };
  /** Fails waiting jobs (503) and stops the threads. */
  close(): Promise<void>;
}

interface Pending {
  readonly job: PoolJob;
  readonly transfer: ArrayBuffer[];
  /** Body bytes it holds. */
  readonly size: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  running?: Pending | undefined;
  timer?: ReturnType<typeof setTimeout>;
  timedOut?: boolean;
}

/** Default jobs waiting for a thread. */
export const defaultPoolQueue = 64;

/**
 * Starts `threads` check threads.
 * @example const pool = createCheckPool({ threads: 2, recipe: {} }); await pool.ready();
 */
export function createCheckPool(options: CheckPoolOptions): CheckPool {
  const threads = Math.max(1, Math.floor(options.threads));
  const maxQueue = Math.max(0, options.maxQueue ?? defaultPoolQueue);
  const maxQueuedBytes = options.maxQueuedBytes ?? 256 * 1024 * 1024;
  let queuedBytes = 0;
  const jobTimeoutMs = options.jobTimeoutMs ?? 120_000;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const log = options.log ?? (() => undefined);
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const entry = options.entry ?? threadModule(here);
  const queue: Pending[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let replaced = 0;
  let failedStarts = 0;
  let closed = false;
  const readyWaiters: (() => void)[] = [];
  let starting = threads;

  const spawn = (): void => {
    const workerData = { recipe: options.recipe, poolThread: options.entry === undefined };
    const worker = startThread(entry, workerData, fromSource);
    // the threads never keep the process alive by themselves (the server does while it listens)
    worker.unref();
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    worker.on('message', (message: PoolMessage) => onMessage(slot, message));
    worker.on('error', (error: Error) =>
      log({ level: 'error', event: 'check-thread-error', errorName: error.name }),
    );
    worker.on('exit', (code) => onExit(slot, code));
  };

  const settleStart = (): void => {
    if (starting > 0 && --starting === 0) for (const done of readyWaiters.splice(0)) done();
  };

  const onMessage = (slot: Slot, message: PoolMessage): void => {
    if ('ready' in message) {
      slot.ready = true;
      failedStarts = 0;
      settleStart();
      return dispatch();
    }
    const pending = slot.running;
    if (!pending || pending.job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.running = undefined;
    if ('ok' in message) pending.resolve(message.ok);
    else if ('problem' in message) {
      const { status, issues, headers } = message.problem;
      pending.reject(new HttpProblem(status, issues, headers));
    } else {
      const error = new Error('the check failed in a pool thread');
      error.name = message.error;
      pending.reject(error);
    }
    dispatch();
  };

  const onExit = (slot: Slot, code: number): void => {
    slots.delete(slot);
    clearTimeout(slot.timer);
    const wasReady = slot.ready;
    if (!wasReady) settleStart();
    if (slot.running) {
      slot.running.reject(new CheckThreadError(slot.timedOut ? 'timeout' : `exit ${code}`));
      slot.running = undefined;
    }
    if (closed) return;
    log({ level: 'warn', event: 'check-thread-exit', exitCode: code, ready: wasReady });
    replaced++;
    if (!wasReady) failedStarts++;
    // a thread that cannot even start (a broken pack) is retried with a growing delay; meanwhile
    // requests get 503 rather than wait (dispatch below)
    const delay = failedStarts === 0 ? 0 : Math.min(30_000, 250 * 2 ** (failedStarts - 1));
    setTimeout(() => {
      if (!closed) spawn();
    }, delay).unref();
    dispatch();
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (!slot.ready || slot.running) continue;
      const pending = queue.shift();
      if (!pending) return;
      queuedBytes -= pending.size;
      slot.running = pending;
      slot.timer = setTimeout(() => {
        log({ level: 'error', event: 'check-thread-timeout', timeoutMs: jobTimeoutMs });
        slot.timedOut = true;
        void slot.worker.terminate();
      }, jobTimeoutMs);
      slot.timer.unref();
      try {
        slot.worker.postMessage(pending.job, pending.transfer);
      } catch (error) {
        clearTimeout(slot.timer);
        slot.running = undefined;
        pending.reject(error);
      }
    }
    // no thread can start: do not let requests wait for one
    if (failedStarts > 0 && ![...slots].some((s) => s.ready))
      for (const pending of queue.splice(0)) {
        queuedBytes -= pending.size;
        pending.reject(busy());
      }
  };

  const busy = (): HttpProblem =>
    httpProblem(503, 'http.busy', { retryAfter }, { 'Retry-After': String(retryAfter) });

  const submit = <T>(job: PoolJob, transfer: ArrayBuffer[]): Promise<T> => {
    if (closed) return Promise.reject(busy());
    const idle = [...slots].some((s) => s.ready && !s.running);
    const size = transfer.reduce((n, b) => n + b.byteLength, 0);
    if (!idle && queue.length >= maxQueue) return Promise.reject(busy());
    // bodies waiting are held in memory: bounded in bytes too (one always fits an empty queue)
    if (!idle && queue.length > 0 && queuedBytes + size > maxQueuedBytes)
      return Promise.reject(busy());
    if (failedStarts > 0 && ![...slots].some((s) => s.ready)) return Promise.reject(busy());
    return new Promise<T>((resolve, reject) => {
      queue.push({ job, transfer, size, resolve: resolve as (v: unknown) => void, reject });
      queuedBytes += size;
      dispatch();
    });
  };

  for (let i = 0; i < threads; i++) spawn();

  return {
    threads,
    fhirValidate(input: FhirValidateInput): Promise<FhirValidateOutput> {
      const bytes = ownBytes(input.bytes);
      return submit({ id: nextId++, kind: 'fhir-validate', input: { ...input, bytes } }, [
        bytes.buffer as ArrayBuffer,
      ]);
    },
    checkBytes(bytes: Uint8Array, checkOptions: CheckOptions): Promise<CheckedPayload> {
      const own = ownBytes(bytes);
      return submit({ id: nextId++, kind: 'check-bytes', bytes: own, options: checkOptions }, [
        own.buffer as ArrayBuffer,
      ]);
    },
    ready: () =>
      starting === 0 ? Promise.resolve() : new Promise<void>((done) => readyWaiters.push(done)),
    stats: () => ({
      ready: [...slots].filter((s) => s.ready).length,
      running: [...slots].filter((s) => s.running).length,
      queued: queue.length,
      replaced,
    }),
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) {
        queuedBytes -= pending.size;
        pending.reject(busy());
      }
      for (const done of readyWaiters.splice(0)) done();
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Bytes the pool may transfer: a view of a whole, unshared ArrayBuffer as is; anything else (a
 * slice of Node's buffer pool, a SharedArrayBuffer) copied once into its own buffer.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

/**
 * The thread module beside this one: `.ts` from the sources, `.js` in dist/server; from the bundle
 * (dist/bundle, which has no thread entry of its own) the one in dist/server, at the same depth.
 */
function threadModule(here: string): URL {
  if (here.endsWith('.ts')) return new URL('./node-check-pool-thread.ts', here);
  const beside = new URL('./node-check-pool-thread.js', here);
  return existsSync(fileURLToPath(beside))
    ? beside
    : new URL('../server/node-check-pool-thread.js', here);
}
