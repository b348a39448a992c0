/**
 * Runs one job of either kind (Node): a submission from its spool ({@link runSubmissionJob}) or a
 * federated pull of a partner (the service's pull, recorded under the job's submission id). Both
 * record under an id derived from the job id, so a job retried after a worker crash records once.
 * @module
 */
import { createHash } from 'node:crypto';
import type { PullService } from '../server/app-deps.js';
import type { JobData, JobResult, PullJobData, PullJobResult } from './job-queue.js';
import { runSubmissionJob, type SubmissionJobDeps } from './run-submission-job.js';

/** What a worker needs to run jobs: the submission deps and, for pull jobs, the pull service. */
export interface JobDeps extends SubmissionJobDeps {
  /** Federated pulls (the service's, src/server/node-pull-service.ts); pull jobs fail without it. */
  readonly pull?: PullService;
}

/** Runs `data` as job `jobId`. */
export function runJob(
  jobId: string,
  data: JobData,
  deps: JobDeps,
  progress: (done: number) => void,
): Promise<JobResult> {
  return data.kind === 'pull'
    ? runPullJob(jobId, data, deps)
    : runSubmissionJob(jobId, data, deps, progress);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The submission id of a job: the job id when it is a UUID, else (a scheduled job's
 * `repeat:<scheduler>:<tick>`) a UUID-shaped SHA-256 of it, the same on every attempt.
 */
export function submissionIdOf(jobId: string): string {
  if (uuid.test(jobId)) return jobId;
  const h = createHash('sha256').update(jobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A job failure with a code (the only part of it kept in job records). */
function failure(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** Runs a pull job: the partner's endpoint as stored when the job runs. */
export async function runPullJob(
  jobId: string,
  data: PullJobData,
  deps: Pick<JobDeps, 'pull'>,
): Promise<PullJobResult> {
  if (!deps.pull) throw failure('pull.unavailable');
  const outcome = await deps.pull(data.partnerId, {
    ...(data.sampleSize !== undefined ? { sampleSize: data.sampleSize } : {}),
    recordId: submissionIdOf(jobId),
  });
  if (outcome.status === 'unknown-partner') throw failure('pull.unknown-partner');
  if (outcome.status === 'no-endpoint') throw failure('pull.no-endpoint');
  const { report } = outcome;
  // the endpoint answered nothing (refused, DNS, TLS, timeout): nothing was recorded; the job
  // fails (and is retried as its queue allows) rather than succeed with no submission
  if (report.unreachable) throw failure('pull.unreachable');
  const s = report.summary;
  return {
    submissionId: report.submissionId ?? submissionIdOf(jobId),
    feed: 'fhir',
    valid: s.valid,
    truncated: false,
    recordCount: s.recordCount,
    submission: s,
    capabilityRead: report.capabilityRead,
    gaps: report.gaps,
    sampled: report.sampled,
  };
}
