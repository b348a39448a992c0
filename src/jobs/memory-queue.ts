/**
 * The embedded job queue (Node, no Redis): jobs run in this process one at a time, in order; their
 * records live in memory (the last `keep` finished jobs) and are lost on restart. The same job API as
 * the Redis queue, so one process needs nothing but Node.
 * @module
 */
import type {
  JobQueue,
  JobView,
  SubmissionJobData,
  SubmissionJobResult,
  SubmitJobInput,
} from './job-queue.js';
import { removeSpool, spoolBody } from './spool.js';

/** Runs one job: `progress(done)` reports records read. */
export type JobRunner = (
  jobId: string,
  data: SubmissionJobData,
  progress: (done: number) => void,
) => Promise<SubmissionJobResult>;

interface Entry {
  view: JobView;
  data: SubmissionJobData;
}

/** Creates the in-process queue over `spoolDir`, running jobs with `run`. */
export function createMemoryJobQueue(spoolDir: string, run: JobRunner, keep = 1000): JobQueue {
  const jobs = new Map<string, Entry>();
  const pending: string[] = [];
  let running = false;
  let closed = false;

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (!closed && pending.length) {
        const entry = jobs.get(pending.shift()!)!;
        const { data } = entry;
        entry.view = { ...entry.view, state: 'running', attempts: 1 };
        let end: Partial<JobView>;
        try {
          const result = await run(entry.view.jobId, data, (done) => {
            entry.view = { ...entry.view, progress: { done, total: data.lines } };
          });
          end = {
            state: 'succeeded',
            progress: { done: result.recordCount, total: result.recordCount },
            result,
          };
        } catch (error) {
          end = { state: 'failed', error: errorCode(error) };
        }
        await removeSpool(spoolDir, data.spool).catch(() => undefined);
        entry.view = { ...entry.view, ...end };
        prune();
      }
    } finally {
      running = false;
    }
  };

  const prune = (): void => {
    const finished = [...jobs.values()].filter(
      (e) => e.view.state === 'succeeded' || e.view.state === 'failed',
    );
    for (const e of finished.slice(0, Math.max(0, finished.length - keep)))
      jobs.delete(e.view.jobId);
  };

  return {
    async submit(input: SubmitJobInput): Promise<string> {
      const spooled = await spoolBody(spoolDir, input.body, input.maxBytes);
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
      jobs.set(jobId, {
        data,
        view: {
          jobId,
          state: 'queued',
          partnerId: input.partnerId,
          bytes: spooled.bytes,
          progress: { done: 0, total: spooled.lines },
          attempts: 0,
        },
      });
      pending.push(jobId);
      void pump();
      return jobId;
    },
    async get(jobId: string): Promise<JobView | undefined> {
      return jobs.get(jobId)?.view;
    },
    async close(): Promise<void> {
      closed = true;
      for (const id of pending.splice(0)) await removeSpool(spoolDir, jobs.get(id)!.data.spool);
    },
  };
}

/** An error's code (a `code` property, else its class name): never its message, which may quote input. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[a-z0-9._-]{1,80}$/i.test(code)) return code;
  return error instanceof Error ? error.name : 'error';
}
