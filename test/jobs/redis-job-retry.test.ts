/**
 * Jobs on the real Redis (REDIS_URL, default 127.0.0.1:6379; skipped with a message when absent)
 * meet a transient store fault — a SQLite write lock held by another process (`store.busy`), a lost
 * PostgreSQL connection — when several workers record at once. Such a job is tried again after a
 * delay with its spooled input kept, so nothing is lost; any other failure ends the job at once and
 * deletes its input.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createJobWorker,
  createRedisJobQueue,
  type JobWorker,
  type RedisJobQueue,
} from '../../src/jobs/bullmq-queue.js';
import type { JobData, JobView, SubmissionJobResult } from '../../src/jobs/job-queue.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable.js';
import { summarizeSubmission } from '../../src/framework/submission-summary.js';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { dropPrefix, redisAnswers, redisUrl, testPrefix } from './redis-support.js';

const available = await redisAnswers();
if (!available)
  console.warn(
    `redis-job-retry: skipped, no Redis answers at ${redisUrl} (start redis-server, or set REDIS_URL)`,
  );

async function finished(queue: RedisJobQueue, jobId: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const v = await queue.get(jobId);
    if (v?.state === 'succeeded' || v?.state === 'failed') return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for job ${jobId}`);
}

function result(partnerId: string, submissionId: string): SubmissionJobResult {
  const submission = summarizeSubmission(
    { valid: true, issues: [], truncated: false, profiles: [], recordCount: 0, records: [] },
    {
      partnerId,
      feed: 'fhir',
      kind: 'pull',
      catalogue: builtinCatalogue,
      validatorVersion: 'test',
      packages: [],
      payloadHash: '0'.repeat(64),
      payloadSize: 0,
      receivedAt: new Date().toISOString(),
      durationMs: 0,
    },
  );
  return { submissionId, feed: 'fhir', valid: true, truncated: false, recordCount: 0, submission };
}

function body(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe.skipIf(!available)('jobs on Redis: transient store faults are retried', () => {
  const prefix = testPrefix();
  const dir = mkdtempSync(join(tmpdir(), 'mdss-retry-'));
  const spoolDir = join(dir, 'spool');
  mkdirSync(spoolDir);
  const where = { redisUrl, prefix, spoolDir, retryDelayMs: 50 };
  const queue = createRedisJobQueue(where);
  const calls = new Map<string, number>();
  const spoolSeen: boolean[] = [];
  let worker: JobWorker | undefined;

  afterAll(async () => {
    await worker?.close();
    await queue.close();
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries a busy store with the spool kept, and fails anything else at once', async () => {
    worker = createJobWorker(where, async (jobId, data: JobData) => {
      const n = (calls.get(jobId) ?? 0) + 1;
      calls.set(jobId, n);
      if (data.kind === 'submission') spoolSeen.push(existsSync(join(spoolDir, data.spool)));
      if (data.partnerId === 'busy-once' && n === 1) throw new StoreUnavailableError('busy');
      if (data.partnerId === 'always-busy') throw new StoreUnavailableError('busy');
      if (data.partnerId === 'bad') throw Object.assign(new Error('x'), { code: 'feed.bad' });
      return result(data.partnerId, jobId);
    });
    const submit = (partnerId: string) =>
      queue.submit({
        partnerId,
        createPartner: true,
        body: body('{"resourceType":"Patient"}\n'),
        maxBytes: 1 << 20,
        options: {},
        receivedAt: new Date().toISOString(),
      });
    const busyOnce = await submit('busy-once');
    const alwaysBusy = await queue.enqueuePull({ partnerId: 'always-busy' });
    const bad = await submit('bad');

    const a = await finished(queue, busyOnce);
    expect(a).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(a.result?.submissionId).toBe(busyOnce);
    expect(calls.get(busyOnce)).toBe(2);

    const b = await finished(queue, alwaysBusy);
    expect(b).toMatchObject({ state: 'failed', error: 'store.busy' });
    expect(calls.get(alwaysBusy)).toBe(5); // the default attempts, then it fails for good

    const c = await finished(queue, bad);
    expect(c).toMatchObject({ state: 'failed', error: 'feed.bad' });
    expect(calls.get(bad)).toBe(1);

    // the retried submission found its input on both attempts; every spool is gone at the end
    expect(spoolSeen).toEqual([true, true, true]);
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(spoolDir)).toEqual([]);
  }, 60_000);
});
