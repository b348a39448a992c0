/**
 * Worker thread for `mdss validate` on several files (see worker-pool.ts): builds its own pipeline
 * once, then takes the next file from the shared counter until none is left, posting each result
 * back (results are plain JSON).
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildChecker, checkFile } from './validate-command.js';
import type { WorkerInput, WorkerMessage } from './worker-pool.js';

const { args, cwd, profiles, policy, now, packages, jobs, next } = workerData as WorkerInput;
const checker = buildChecker(args, cwd, packages);
const counter = new Int32Array(next);
const date = new Date(now);
for (;;) {
  const index = Atomics.add(counter, 0, 1);
  if (index >= jobs.length) break;
  const job = jobs[index]!;
  let message: WorkerMessage;
  try {
    const result = await checkFile(checker, job.file, job.rel, args, [...profiles], policy, date);
    message = { index, result };
  } catch (e) {
    message = { index, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(message);
}
parentPort!.close();
