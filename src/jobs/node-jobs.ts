/**
 * The Node wiring of jobs: with a Redis URL, BullMQ (web side here, workers in `mdss worker`);
 * without, the in-process queue running jobs in the server itself. Both spool to the same directory
 * (`MDSS_SPOOL_DIR`) and run {@link runJob} (submissions and pulls).
 * @module
 */
import { createRedisJobQueue } from './bullmq-queue.js';
import type { JobQueue } from './job-queue.js';
import { createMemoryJobQueue } from './memory-queue.js';
import { runJob, type JobDeps } from './run-job.js';
import type { SubmissionJobDeps } from './run-submission-job.js';
import { spoolDir } from './spool.js';

/** Where jobs go. */
export interface NodeJobOptions {
  readonly redisUrl?: string;
  readonly prefix?: string;
  readonly spoolDir?: string;
}

/** The job queue of a Node server: Redis when `redisUrl` is given, else in-process. */
export function createNodeJobQueue(
  options: NodeJobOptions,
  deps: Omit<JobDeps, 'spoolDir'>,
): JobQueue {
  const dir = options.spoolDir ?? spoolDir();
  if (options.redisUrl)
    return createRedisJobQueue({
      redisUrl: options.redisUrl,
      spoolDir: dir,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
    });
  const full: JobDeps = { ...deps, spoolDir: dir };
  return createMemoryJobQueue(dir, (jobId, data, progress) => runJob(jobId, data, full, progress));
}

/**
 * Job limits from the environment: `MDSS_JOB_TIME_BUDGET_MS` (default 10 minutes) and the server's
 * `maxIssues`/`maxDepth`.
 */
export function jobLimits(
  limits: { readonly maxIssues?: number; readonly maxDepth?: number } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Pick<SubmissionJobDeps, 'timeBudgetMs' | 'maxIssues' | 'maxDepth'> {
  const budget = env.MDSS_JOB_TIME_BUDGET_MS;
  return {
    timeBudgetMs: budget !== undefined && /^\d+$/.test(budget) ? Number(budget) : 600_000,
    ...(limits?.maxIssues !== undefined ? { maxIssues: limits.maxIssues } : {}),
    ...(limits?.maxDepth !== undefined ? { maxDepth: limits.maxDepth } : {}),
  };
}
