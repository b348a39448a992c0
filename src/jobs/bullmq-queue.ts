/**
 * The Redis job queue (Node): BullMQ on `REDIS_URL`. The web process spools a submission's body
 * (spool.ts) and adds a job holding only ids, sizes, counts and options; a pull job holds the partner
 * id and sample size. `mdss worker` processes run them (createJobWorker). A worker killed mid-job
 * loses its lock; another worker's stalled-job check puts the job back and runs it again (from the
 * spool), and recording under the job id writes it once. Partner pull schedules are BullMQ job
 * schedulers: one scheduler per partner id in Redis, however many instances upsert it, so each tick
 * is one pull job.
 * @module
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type {
  JobData,
  JobQueue,
  JobResult,
  JobState,
  JobView,
  PullJobData,
  PullSchedule,
  SubmissionJobData,
  SubmitJobInput,
} from './job-queue.js';
import { errorCode, type JobRunner } from './memory-queue.js';
import { removeSpool, spoolBody } from './spool.js';
import { unavailableReason } from '../store/store-unavailable.js';

/** The queue's name inside the prefix (it carries pull jobs too; the name is kept for running deployments). */
export const queueName = 'submissions';

/** Job scheduler ids of partner pull schedules: `pull:<partnerId>`. */
const schedulePrefix = 'pull:';

/** Where the queue lives. */
export interface RedisQueueOptions {
  readonly redisUrl: string;
  /** Key prefix of every key (default `mdss`). */
  readonly prefix?: string;
  readonly spoolDir: string;
  /** Seconds finished jobs stay readable (default one day). */
  readonly keepSeconds?: number;
  /** Attempts a job gets when the store fails transiently (busy, connection lost; default 5). */
  readonly attempts?: number;
  /** Ms before the first retry, doubling each time (default 1,000). */
  readonly retryDelayMs?: number;
}

/** A Redis connection for BullMQ (blocking commands need no retry limit). */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** The web side of the Redis queue, plus what the spool sweeper of a worker needs. */
export interface RedisJobQueue extends JobQueue {
  /** The BullMQ queue (tests, admin). */
  readonly queue: Queue<JobData, JobResult>;
}

/** Creates the web side of the Redis queue: submit (spool + add), pulls, schedules and get. */
export function createRedisJobQueue(options: RedisQueueOptions): RedisJobQueue {
  const connection = redisConnection(options.redisUrl);
  const queue = new Queue<JobData, JobResult>(queueName, {
    connection,
    prefix: options.prefix ?? 'mdss',
  });
  const keep = options.keepSeconds ?? 86_400;
  // A job is tried again only after a transient store fault (a busy SQLite, a lost PostgreSQL
  // connection), with a growing delay; anything else fails it at once (UnrecoverableError).
  const jobOptions = {
    attempts: options.attempts ?? 5,
    backoff: { type: 'exponential', delay: options.retryDelayMs ?? 1000 },
    removeOnComplete: { age: keep },
    removeOnFail: { age: keep },
  };
  return {
    queue,
    async submit(input: SubmitJobInput): Promise<string> {
      const spooled = await spoolBody(options.spoolDir, input.body, input.maxBytes);
      const jobId = crypto.randomUUID();
      const data: SubmissionJobData = {
        kind: 'submission',
        partnerId: input.partnerId,
        createPartner: input.createPartner,
        spool: spooled.name,
        bytes: spooled.bytes,
        lines: spooled.lines,
        payloadHash: spooled.payloadHash,
        receivedAt: input.receivedAt,
        options: input.options,
      };
      try {
        await queue.add('submission', data, { jobId, ...jobOptions });
      } catch (error) {
        await removeSpool(options.spoolDir, spooled.name);
        throw error;
      }
      return jobId;
    },
    async enqueuePull(input): Promise<string> {
      const jobId = crypto.randomUUID();
      const data: PullJobData = {
        kind: 'pull',
        partnerId: input.partnerId,
        ...(input.sampleSize !== undefined ? { sampleSize: input.sampleSize } : {}),
      };
      await queue.add('pull', data, { jobId, ...jobOptions });
      return jobId;
    },
    async get(jobId: string): Promise<JobView | undefined> {
      // The state first: a job read as completed then carries its return value.
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') return undefined;
      const job = await queue.getJob(jobId);
      return job ? viewOf(job, state) : undefined;
    },
    liveSpools: () => liveSpools(queue),
    async schedulePulls(schedules: readonly PullSchedule[]): Promise<void> {
      const wanted = new Map(schedules.map((s) => [`${schedulePrefix}${s.partnerId}`, s]));
      for (const existing of await queue.getJobSchedulers(0, -1)) {
        const id = existing.key;
        if (!id.startsWith(schedulePrefix)) continue;
        const want = wanted.get(id);
        // Unchanged schedulers are left alone: re-upserting would move their next run.
        if (want && existing.every === want.everyMs) wanted.delete(id);
        else if (!want) await queue.removeJobScheduler(id);
      }
      for (const [id, s] of wanted)
        await queue.upsertJobScheduler(
          id,
          { every: s.everyMs },
          {
            name: 'pull',
            data: { kind: 'pull', partnerId: s.partnerId, scheduled: true },
            opts: jobOptions,
          },
        );
    },
    async close(): Promise<void> {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** Spool names of the queue's jobs that have not ended. */
export async function liveSpools(queue: Queue<JobData, JobResult>): Promise<ReadonlySet<string>> {
  const live = new Set<string>();
  const jobs = await queue.getJobs([
    'waiting',
    'active',
    'delayed',
    'prioritized',
    'waiting-children',
  ]);
  for (const job of jobs) if (job?.data?.kind === 'submission') live.add(job.data.spool);
  return live;
}

function viewOf(job: Job<JobData, JobResult>, state: string): JobView {
  const s: JobState =
    state === 'active'
      ? 'running'
      : state === 'completed'
        ? 'succeeded'
        : state === 'failed'
          ? 'failed'
          : 'queued';
  const p = job.progress as { done?: number } | number | undefined;
  const done = typeof p === 'object' && p && typeof p.done === 'number' ? p.done : 0;
  const result = s === 'succeeded' ? job.returnvalue : undefined;
  const data = job.data;
  return {
    jobId: job.id!,
    kind: data.kind,
    state: s,
    partnerId: data.partnerId,
    bytes: data.kind === 'submission' ? data.bytes : 0,
    progress: result
      ? { done: result.recordCount, total: result.recordCount }
      : { done, total: data.kind === 'submission' ? data.lines : 0 },
    attempts: job.attemptsStarted,
    ...(result ? { result } : {}),
    ...(s === 'failed' ? { error: job.failedReason } : {}),
  };
}

/** Options of {@link createJobWorker}. */
export interface JobWorkerOptions extends RedisQueueOptions {
  /** Jobs at once in this process (default 1: validation is CPU-bound; run more processes). */
  readonly concurrency?: number;
  /** Ms a job's lock lasts without renewal; a crashed worker's job is retried after it (default 30 s). */
  readonly lockDurationMs?: number;
  /** Times a job may be put back after a crash before it fails (default 2). */
  readonly maxStalledCount?: number;
}

/** A running worker. */
export interface JobWorker {
  close(): Promise<void>;
}

/** Starts a BullMQ worker running submission and pull jobs with `run`; a submission's spool is deleted when it ends. */
export function createJobWorker(
  options: JobWorkerOptions,
  run: JobRunner,
  onEvent: (event: string, fields: Record<string, unknown>) => void = () => undefined,
): JobWorker {
  const connection = redisConnection(options.redisUrl);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const dropSpool = async (data: JobData | undefined): Promise<void> => {
    if (data?.kind === 'submission') await removeSpool(options.spoolDir, data.spool);
  };
  const worker = new Worker<JobData, JobResult>(
    queueName,
    async (job) => {
      const total = job.data.kind === 'submission' ? job.data.lines : 0;
      onEvent('job-started', {
        jobId: job.id,
        kind: job.data.kind,
        attempt: job.attemptsStarted,
        ...(job.data.kind === 'submission' ? { bytes: job.data.bytes } : {}),
      });
      let last = 0;
      let keep = false;
      try {
        return await run(job.id!, job.data, (done) => {
          const t = Date.now();
          if (t - last < 500) return;
          last = t;
          void job.updateProgress({ done, total }).catch(() => undefined);
        });
      } catch (error) {
        // Only the code goes to Redis (failedReason, stack): the original message may quote the payload.
        const code = errorCode(error);
        if (isTransient(error) && !lastAttempt(job)) {
          keep = true; // tried again later: the spool is its input
          onEvent('job-retry', { jobId: job.id, kind: job.data.kind, code });
          // eslint-disable-next-line preserve-caught-error
          throw new Error(code);
        }
        throw new UnrecoverableError(code);
      } finally {
        if (!keep) await dropSpool(job.data);
      }
    },
    {
      connection,
      prefix: options.prefix ?? 'mdss',
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: options.maxStalledCount ?? 2,
    },
  );
  worker.on('completed', (job) =>
    onEvent('job-completed', {
      jobId: job.id,
      kind: job.data.kind,
      records: job.returnvalue.recordCount,
    }),
  );
  worker.on('failed', (job, error) => {
    // a job put back for another attempt keeps its spool; a job that has failed for good drops it
    if (job && error && !(error instanceof UnrecoverableError) && !lastAttempt(job, 1)) return;
    onEvent('job-failed', { jobId: job?.id, kind: job?.data.kind });
    void dropSpool(job?.data).catch(() => undefined);
  });
  worker.on('error', (error) => onEvent('worker-error', { error: errorCode(error) }));
  return {
    async close(): Promise<void> {
      await worker.close();
      connection.disconnect();
    },
  };
}

/** A fault that another attempt may not meet: the store busy or its connection lost. */
function isTransient(error: unknown): boolean {
  const reason = unavailableReason(error);
  return reason === 'busy' || reason === 'connection';
}

/** Whether the attempt running now (or, with `done` 1, the one just ended) is the job's last. */
function lastAttempt(job: Job, done = 0): boolean {
  return job.attemptsMade + 1 - done >= (job.opts.attempts ?? 1);
}
