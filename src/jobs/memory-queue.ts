/**
 * The embedded job queue (Node, no Redis): jobs run in this process one at a time, in order; their
 * records live in memory (the last `keep` finished jobs) and are lost on restart. The same job API as
 * the Redis queue, so one process needs nothing but Node. Pull schedules are timers of this process.
 * @module
 */
import type {
  JobData,
  JobQueue,
  JobResult,
  JobView,
  PullJobInput,
  PullSchedule,
  SubmissionJobData,
  SubmitJobInput,
} from './job-queue.js';
import { removeSpool, spoolBody } from './spool.js';

/** Runs one job: `progress(done)` reports records read. */
export type JobRunner = (
  jobId: string,
  data: JobData,
  progress: (done: number) => void,
) => Promise<JobResult>;

interface Entry {
  view: JobView;
  data: JobData;
}

/** Creates the in-process queue over `spoolDir`, running jobs with `run`. */
export function createMemoryJobQueue(spoolDir: string, run: JobRunner, keep = 1000): JobQueue {
  const jobs = new Map<string, Entry>();
  const pending: string[] = [];
  const timers = new Map<string, { everyMs: number; timer: ReturnType<typeof setInterval> }>();
  let running = false;
  let closed = false;

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (!closed && pending.length) {
        const entry = jobs.get(pending.shift()!)!;
        const { data } = entry;
        const total = data.kind === 'submission' ? data.lines : 0;
        entry.view = { ...entry.view, state: 'running', attempts: 1 };
        let end: Partial<JobView>;
        try {
          const result = await run(entry.view.jobId, data, (done) => {
            entry.view = { ...entry.view, progress: { done, total } };
          });
          end = {
            state: 'succeeded',
            progress: { done: result.recordCount, total: result.recordCount },
            result,
          };
        } catch (error) {
          end = { state: 'failed', error: errorCode(error) };
        }
        if (data.kind === 'submission')
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

  const add = (data: JobData, bytes: number, total: number): string => {
    const jobId = crypto.randomUUID();
    jobs.set(jobId, {
      data,
      view: {
        jobId,
        kind: data.kind,
        state: 'queued',
        partnerId: data.partnerId,
        bytes,
        progress: { done: 0, total },
        attempts: 0,
      },
    });
    pending.push(jobId);
    void pump();
    return jobId;
  };

  const enqueuePull = async (input: PullJobInput, scheduled = false): Promise<string> =>
    add(
      {
        kind: 'pull',
        partnerId: input.partnerId,
        ...(input.sampleSize !== undefined ? { sampleSize: input.sampleSize } : {}),
        ...(scheduled ? { scheduled: true } : {}),
      },
      0,
      0,
    );

  /** A scheduled tick: skipped while the partner's previous pull is still queued or running. */
  const tick = (partnerId: string): void => {
    if (closed) return;
    for (const id of pending) if (jobs.get(id)?.data.partnerId === partnerId) return;
    void enqueuePull({ partnerId }, true);
  };

  return {
    async submit(input: SubmitJobInput): Promise<string> {
      const spooled = await spoolBody(spoolDir, input.body, input.maxBytes);
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
      return add(data, spooled.bytes, spooled.lines);
    },
    enqueuePull: (input) => enqueuePull(input),
    async get(jobId: string): Promise<JobView | undefined> {
      return jobs.get(jobId)?.view;
    },
    async liveSpools(): Promise<ReadonlySet<string>> {
      const live = new Set<string>();
      for (const { data, view } of jobs.values())
        if (data.kind === 'submission' && (view.state === 'queued' || view.state === 'running'))
          live.add(data.spool);
      return live;
    },
    async schedulePulls(schedules: readonly PullSchedule[]): Promise<void> {
      const wanted = new Map(schedules.map((s) => [s.partnerId, s.everyMs]));
      for (const [partnerId, t] of timers)
        if (wanted.get(partnerId) !== t.everyMs) {
          clearInterval(t.timer);
          timers.delete(partnerId);
        }
      if (closed) return;
      for (const [partnerId, everyMs] of wanted) {
        if (timers.has(partnerId)) continue;
        const timer = setInterval(() => tick(partnerId), everyMs);
        timer.unref();
        timers.set(partnerId, { everyMs, timer });
      }
    },
    async close(): Promise<void> {
      closed = true;
      for (const t of timers.values()) clearInterval(t.timer);
      timers.clear();
      for (const id of pending.splice(0)) {
        const data = jobs.get(id)!.data;
        if (data.kind === 'submission') await removeSpool(spoolDir, data.spool);
      }
    },
  };
}

/** An error's code (a `code` property, else its class name): never its message, which may quote input. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[a-z0-9._-]{1,80}$/i.test(code)) return code;
  return error instanceof Error ? error.name : 'error';
}
