/**
 * A thread of the check pool (node-check-pool.ts): builds its own pipeline from the server's recipe
 * (node-build-checker.ts), says it is ready, then answers one job at a time: `$validate` through
 * fhir-validate-check.ts or `checkBytes`, on the bytes it was handed. Answers are plain data; a
 * request problem goes back as its status, issues and headers, any other error as its class name.
 * @module
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CheckOptions } from '../check/check-options.js';
import type { Checker } from '../check/create-checker.js';
import { buildChecker, type CheckerRecipe } from './node-build-checker.js';
import { checkFhirValidate, type FhirValidateInput } from './fhir-validate-check.js';
import { HttpProblem } from './http-problem.js';

/** A job sent to a thread. */
export type PoolJob =
  | { readonly id: number; readonly kind: 'fhir-validate'; readonly input: FhirValidateInput }
  | {
      readonly id: number;
      readonly kind: 'check-bytes';
      readonly bytes: Uint8Array;
      readonly options: CheckOptions;
    };

/** A thread's message: ready, or the answer to job `id`. */
export type PoolMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: unknown }
  | {
      readonly id: number;
      readonly problem: Pick<HttpProblem, 'status' | 'issues' | 'headers'>;
    }
  | { readonly id: number; readonly error: string };

/** Runs one job on `checker`. */
export function runPoolJob(checker: Checker, job: PoolJob): Promise<unknown> {
  return job.kind === 'fhir-validate'
    ? checkFhirValidate(checker, job.input)
    : checker.checkBytes(job.bytes, job.options);
}

/** Answers the jobs arriving on `port` with `checker`, one at a time (the pool sends one job per thread at a time). */
export function serveJobs(
  checker: Checker,
  port: MessagePort,
  run: (checker: Checker, job: PoolJob) => Promise<unknown> = runPoolJob,
): void {
  port.on('message', (job: PoolJob) => {
    void answer(job);
  });
  const answer = async (job: PoolJob): Promise<void> => {
    try {
      port.postMessage({ id: job.id, ok: await run(checker, job) } satisfies PoolMessage);
    } catch (error) {
      port.postMessage(
        (error instanceof HttpProblem
          ? {
              id: job.id,
              problem: { status: error.status, issues: error.issues, headers: error.headers },
            }
          : {
              id: job.id,
              error: error instanceof Error ? error.name : 'Error',
            }) satisfies PoolMessage,
      );
    }
  };
  port.postMessage({ ready: true } satisfies PoolMessage);
}

/** Starts a pool thread: builds the pipeline from `workerData.recipe` and serves jobs. */
export async function startPoolThread(
  run?: (checker: Checker, job: PoolJob) => Promise<unknown>,
): Promise<void> {
  const { recipe } = workerData as { recipe: CheckerRecipe };
  const { checker } = await buildChecker(recipe, () => undefined);
  serveJobs(checker, parentPort!, run);
}

if (parentPort && (workerData as { poolThread?: boolean } | undefined)?.poolThread === true)
  await startPoolThread();
