/**
 * Node-only: starts a worker thread on a module of MDSS, the same way from the built package and
 * from the sources (tests, tsx), for the CLI's file threads and the server's check pool.
 * @module
 */
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `entry` with `workerData`. From the sources (`fromSource`: the caller is
 * a `.ts` module) the thread registers tsx itself before importing `entry`: a loader given as
 * `--import` does not reach worker threads in every Node version.
 */
export function startThread(entry: URL, workerData: unknown, fromSource: boolean): Worker {
  return fromSource
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
}
