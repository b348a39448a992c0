/**
 * Worker thread for `mdss validate` on large inputs: builds its own pipeline once, then checks the
 * files it is sent and posts each result back (results are plain JSON).
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import { readSupportingPackages } from './load-supporting.js';
import { buildChecker, checkFile, type ValidateArgs } from './validate-command.js';

interface Job {
  readonly index: number;
  readonly file: string;
  readonly rel: string;
}

const { args, cwd, profiles, policy, now } = workerData as {
  args: ValidateArgs;
  cwd: string;
  profiles: string[];
  policy?: PartnerPolicy;
  now: string;
};
const checker = buildChecker(args, cwd, await readSupportingPackages(args.supporting, cwd));
parentPort!.on('message', (job: Job | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  checkFile(checker, job.file, job.rel, args, profiles, policy, new Date(now)).then(
    (result) => parentPort!.postMessage({ index: job.index, result }),
    (e: unknown) =>
      parentPort!.postMessage({
        index: job.index,
        error: e instanceof Error ? e.message : String(e),
      }),
  );
});
parentPort!.postMessage({ ready: true });
