/**
 * Spreads files over worker threads (one pipeline per worker), keeping results in input order.
 * Used when there are enough files to pay for each worker's start-up (about half a second).
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { FileResult } from '../reports/validation/index.js';
import type { ValidateArgs } from './validate-command.js';

/**
 * Input size from which worker threads pay: each worker loads its own pipeline (about half a
 * second of start-up), which small runs never win back.
 */
export const workerThresholdBytes = 16 * 1024 * 1024;

/** Default number of worker threads for `files` files of `bytes` bytes in all (0 = main thread only). */
export function defaultThreads(files: number, bytes: number): number {
  if (files < 4 || bytes < workerThresholdBytes) return 0;
  return Math.min(availableParallelism(), 4, files);
}

/** Checks `files` on `threads` workers; `onResult` sees each result as it arrives (progress). */
export async function checkInWorkers(
  files: readonly { file: string; rel: string }[],
  threads: number,
  context: {
    args: ValidateArgs;
    cwd: string;
    profiles: string[];
    policy: PartnerPolicy | undefined;
    now: Date;
  },
  onResult: (done: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const script = new URL(fromSource ? './check-worker.ts' : './check-worker.js', here);
  const results: FileResult[] = new Array<FileResult>(files.length);
  let next = 0;
  let done = 0;
  const workerData = {
    args: context.args,
    cwd: context.cwd,
    profiles: context.profiles,
    policy: context.policy,
    now: context.now.toISOString(),
  };
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // from the sources (tests), the worker registers tsx itself: a loader given as --import does not reach worker threads in every Node version
      const worker = fromSource
        ? new Worker(
            `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`,
            { eval: true, workerData },
          )
        : new Worker(script, { workerData });
      const feed = () => {
        if (next < files.length) {
          const index = next++;
          worker.postMessage({ index, ...files[index]! });
        } else worker.postMessage(null);
      };
      worker.on(
        'message',
        (msg: { ready?: true; index?: number; result?: FileResult; error?: string }) => {
          if (msg.ready) return feed();
          if (msg.error !== undefined) {
            void worker.terminate();
            return reject(new Error(`${files[msg.index!]?.rel}: ${msg.error}`));
          }
          results[msg.index!] = msg.result!;
          onResult(++done, msg.result!);
          feed();
        },
      );
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, files.length)) }, run));
  return results;
}
