/**
 * The Redis job queue (Node): BullMQ on `REDIS_URL`. The web process spools the body (spool.ts) and
 * adds a job holding only ids, sizes, counts and options; `mdss worker` processes run them
 * (createJobWorker). A worker killed mid-job loses its lock; another worker's stalled-job check puts
 * the job back and runs it again from the spool, and recording under the job id writes it once.
 * @module
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type {
  JobQueue,
  JobState,
  JobView,
  SubmissionJobData,
  SubmissionJobResult,
  SubmitJobInput,
} from './job-queue.js';
import { errorCode, type JobRunner } from './memory-queue.js';
import { removeSpool, spoolBody } from './spool.js';

/** The queue's name inside the prefix. */
export const queueName = 'submissions';

/** Where the queue lives. */
export interface RedisQueueOptions {
  readonly redisUrl: string;
  /** Key prefix of every key (default `mdss`). */
  readonly prefix?: string;
  readonly spoolDir: string;
  /** Seconds finished jobs stay readable (default one day). */
  readonly keepSeconds?: number;
}

/** A Redis connection for BullMQ (blocking commands need no retry limit). */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Creates the web side of the Redis queue: submit (spool + add) and get. */
export function createRedisJobQueue(options: RedisQueueOptions): JobQueue {
  const connection = redisConnection(options.redisUrl);
  const queue = new Queue<SubmissionJobData, SubmissionJobResult>(queueName, {
    connection,
    prefix: options.prefix ?? 'mdss',
  });
  const keep = options.keepSeconds ?? 86_400;
  return {
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
        await queue.add('submission', data, {
          jobId,
          attempts: 1,
          removeOnComplete: { age: keep },
          removeOnFail: { age: keep },
        });
      } catch (error) {
        await removeSpool(options.spoolDir, spooled.name);
        throw error;
      }
      return jobId;
    },
    async get(jobId: string): Promise<JobView | undefined> {
      const job = await queue.getJob(jobId);
      if (!job) return undefined;
      return viewOf(job, await job.getState());
    },
    async close(): Promise<void> {
      await queue.close();
      connection.disconnect();
    },
  };
}

function viewOf(job: Job<SubmissionJobData, SubmissionJobResult>, state: string): JobView {
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
  return {
    jobId: job.id!,
    state: s,
    partnerId: job.data.partnerId,
    bytes: job.data.bytes,
    progress: result
      ? { done: result.recordCount, total: result.recordCount }
      : { done, total: job.data.lines },
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

/** Starts a BullMQ worker running submission jobs with `run`; each job's spool is deleted when it ends. */
export function createJobWorker(
  options: JobWorkerOptions,
  run: JobRunner,
  onEvent: (event: string, fields: Record<string, unknown>) => void = () => undefined,
): JobWorker {
  const connection = redisConnection(options.redisUrl);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<SubmissionJobData, SubmissionJobResult>(
    queueName,
    async (job) => {
      onEvent('job-started', {
        jobId: job.id,
        attempt: job.attemptsStarted,
        bytes: job.data.bytes,
      });
      let last = 0;
      try {
        return await run(job.id!, job.data, (done) => {
          const t = Date.now();
          if (t - last < 500) return;
          last = t;
          void job.updateProgress({ done, total: job.data.lines }).catch(() => undefined);
        });
      } catch (error) {
        // Only the code goes to Redis (failedReason, stack): the original message may quote the payload.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(errorCode(error));
      } finally {
        await removeSpool(options.spoolDir, job.data.spool);
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
    onEvent('job-completed', { jobId: job.id, records: job.returnvalue.recordCount }),
  );
  worker.on('failed', (job) => {
    onEvent('job-failed', { jobId: job?.id });
    if (job) void removeSpool(options.spoolDir, job.data.spool).catch(() => undefined);
  });
  worker.on('error', (error) => onEvent('worker-error', { error: errorCode(error) }));
  return {
    async close(): Promise<void> {
      await worker.close();
      connection.disconnect();
    },
  };
}
