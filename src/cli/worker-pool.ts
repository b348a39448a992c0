/**
 * Spreads files over threads, keeping results in input order: this thread validates too, from the
 * first file on, while the worker threads start (each loads its own pipeline: its modules and the
 * pack, ≈150 ms of CPU), so a worker only adds speed, never a wait. Every thread takes the next file
 * from one shared counter (an `Int32Array` over a `SharedArrayBuffer`), so a thread that is busy
 * with a large file holds up no other; workers still starting when the last file is done are stopped.
 * @module
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Checker } from '../check/create-checker.js';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { FileResult } from '../reports/validation/index.js';
import type { SupportingPackages } from './load-supporting.js';
import { checkFile, type ValidateArgs } from './validate-command.js';
import { startThread } from '../node/start-thread.js';

/**
 * Input size from which more threads are used by default. Each thread pays its own start-up and
 * warm-up: ≈0.35 s of its own CPU (modules, pack, structures compiled on first use, code not yet
 * optimised) and ≈0.5 s of V8's background compiler and GC, which a run in one thread does on a
 * spare core for free (measured: 100 Bundles, 13 MB, validated three times in one process: the first
 * pass costs 1.1–1.6 s of CPU, the next ones 0.45–0.55 s). On 2 cores a second thread pays from
 * ≈30 MB, on 4 cores four threads from ≈20 MB.
 */
export const workerThresholdBytes = 32 * 1024 * 1024;

/** At most this many threads by default (more cores rarely pay for their workers' start-up). */
export const maxDefaultThreads = 8;

/**
 * Default number of threads that validate (this one included; 1 = no workers) for `files` files of
 * `bytes` bytes in all: for {@link workerThresholdBytes} or more in two files or more, this thread
 * plus one per idle core (the cores minus the 1-minute load average, this process included: a worker
 * on a busy core only adds its start-up), at most {@link maxDefaultThreads} and the number of files.
 */
export function defaultThreads(
  files: number,
  bytes: number,
  cores: number = availableParallelism(),
  load: number = loadavg()[0] ?? 0,
): number {
  if (files < 2 || bytes < workerThresholdBytes) return 1;
  const idle = Math.max(0, cores - Math.round(load));
  return Math.max(1, Math.min(idle + 1, cores, maxDefaultThreads, files));
}

/** What a worker thread is given (structured-cloned; see check-worker.ts). */
export interface WorkerInput {
  readonly args: ValidateArgs;
  readonly cwd: string;
  readonly profiles: readonly string[];
  readonly policy: PartnerPolicy | undefined;
  readonly now: string;
  readonly packages: SupportingPackages;
  readonly jobs: readonly { file: string; rel: string }[];
  /** One Int32: the index of the next file to take (`Atomics.add`). */
  readonly next: SharedArrayBuffer;
}

/** A worker's messages: a file's result or error, by index. */
export type WorkerMessage =
  | { readonly index: number; readonly result: FileResult }
  | { readonly index: number; readonly error: string };

/**
 * Checks `files` on `threads` threads: this one and `threads - 1` workers. The workers start first;
 * this thread then builds its pipeline (`checker`: its errors, such as an unknown profile, stop the
 * run and the workers) and starts on the first file. `onResult` sees each result as it arrives
 * (progress). `MDSS_MAIN_THREAD_VALIDATES=0` (tests) leaves every file to the workers.
 */
export async function checkInWorkers(
  files: readonly { file: string; rel: string }[],
  threads: number,
  checker: () => Checker,
  context: {
    args: ValidateArgs;
    cwd: string;
    profiles: string[];
    policy: PartnerPolicy | undefined;
    now: Date;
    packages: SupportingPackages;
    env: Readonly<Record<string, string | undefined>>;
  },
  onResult: (done: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData: WorkerInput = {
    args: context.args,
    cwd: context.cwd,
    profiles: context.profiles,
    policy: context.policy,
    now: context.now.toISOString(),
    packages: context.packages,
    jobs: files,
    next: next.buffer as SharedArrayBuffer,
  };
  let done = 0;
  let failure: Error | undefined;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const record = (index: number, result: FileResult) => {
    results[index] = result;
    onResult(++done, result);
    if (done === files.length) allDone();
  };
  const fail = (error: Error) => {
    failure ??= error;
    Atomics.store(next, 0, files.length); // no thread takes another file
    allDone();
  };
  let running = Math.max(0, Math.min(threads, files.length) - 1);
  let mainDone = false;
  // a worker's last results arrive before its exit event (Node drains its port first)
  const exited = () => {
    if (--running === 0 && mainDone && done < files.length && !failure)
      fail(new Error('a worker thread stopped before its files were checked'));
  };
  const workers = Array.from({ length: running }, () => {
    const worker = startWorker(workerData);
    worker.on('message', (msg: WorkerMessage) => {
      if ('error' in msg) fail(new Error(`${files[msg.index]?.rel}: ${msg.error}`));
      else record(msg.index, msg.result);
    });
    worker.on('error', fail);
    worker.on('exit', exited);
    return worker;
  });
  try {
    const pipeline = checker();
    if (context.env['MDSS_MAIN_THREAD_VALIDATES'] !== '0' || workers.length === 0) {
      for (;;) {
        const index = Atomics.add(next, 0, 1);
        if (index >= files.length || failure) break;
        const job = files[index]!;
        const { args, profiles, policy, now } = context;
        record(index, await checkFile(pipeline, job.file, job.rel, args, profiles, policy, now));
        // lets the workers' results in between files (progress)
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    mainDone = true;
    // every file is taken: wait for the workers' last results (or a failure)
    if (done < files.length && !failure) {
      if (running === 0) fail(new Error('a worker thread stopped before its files were checked'));
      await finished;
    }
  } finally {
    // workers still loading their pipeline when the last file is done are not waited for
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results;
}

function startWorker(workerData: WorkerInput): Worker {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const script = new URL(fromSource ? './check-worker.ts' : './check-worker.js', here);
  return startThread(script, workerData, fromSource);
}
