/**
 * Issue 21: pulls as jobs and partner pull schedules on the real Redis (REDIS_URL, default
 * 127.0.0.1:6379; skipped with a message when absent). Two service instances (the web side of the
 * queue, as `mdss serve` builds it) set the same partner schedule, concurrently and again later (as
 * every instance re-reads the store each minute): Redis holds one scheduler, and each tick yields
 * exactly one pull job, run by a worker. A pull asked of instance A is a job readable on instance B.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createJobWorker,
  createRedisJobQueue,
  type JobWorker,
  type RedisJobQueue,
} from '../../src/jobs/bullmq-queue.js';
import type { JobData, PullJobResult } from '../../src/jobs/job-queue.js';
import { summarizeSubmission } from '../../src/framework/submission-summary.js';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { dropPrefix, redisAnswers, redisUrl, secretsUnder, testPrefix } from './redis-support.js';

const available = await redisAnswers();
if (!available)
  console.warn(
    `redis-pull-schedules: skipped, no Redis answers at ${redisUrl} (start redis-server, or set REDIS_URL)`,
  );

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>) {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a stub pull returns: an empty pull submission (the real pull is tested in test/federation). */
function fakePull(partnerId: string, id: string): PullJobResult {
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
  return {
    submissionId: id,
    feed: 'fhir',
    valid: true,
    truncated: false,
    recordCount: 0,
    submission,
    capabilityRead: true,
    gaps: false,
    sampled: {},
  };
}

describe.skipIf(!available)('pull jobs and schedules on Redis: two instances', () => {
  const prefix = testPrefix();
  const dir = mkdtempSync(join(tmpdir(), 'mdss-pull-sched-'));
  const where = { redisUrl, prefix, spoolDir: dir };
  const a: RedisJobQueue = createRedisJobQueue(where);
  const b: RedisJobQueue = createRedisJobQueue(where);
  const runs: { jobId: string; data: JobData }[] = [];
  let worker: JobWorker | undefined;
  afterAll(async () => {
    await worker?.close();
    await a.close();
    await b.close();
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('one scheduler in Redis however many instances set it; each tick is exactly one pull job', async () => {
    const everyMs = 1500;
    const schedule = [{ partnerId: 'northvale', everyMs }];
    await Promise.all([a.schedulePulls(schedule), b.schedulePulls(schedule)]);
    await a.schedulePulls(schedule);
    await b.schedulePulls(schedule);
    expect(await a.queue.getJobSchedulersCount()).toBe(1);
    expect((await b.queue.getJobSchedulers()).map((s) => s.key)).toEqual(['pull:northvale']);
    worker = createJobWorker(where, async (jobId, data) => {
      runs.push({ jobId, data });
      return fakePull(data.partnerId, jobId);
    });
    // Another re-sync from both instances while the schedule runs changes nothing.
    await waitFor('a first scheduled pull', () => (runs.length >= 1 ? true : undefined));
    await Promise.all([a.schedulePulls(schedule), b.schedulePulls(schedule)]);
    await waitFor('four scheduled pulls', () => (runs.length >= 4 ? true : undefined));
    await a.schedulePulls([]);
    expect(await b.queue.getJobSchedulersCount()).toBe(0);
    const scheduled = runs.filter((r) => r.data.kind === 'pull' && r.data.scheduled);
    expect(scheduled.length).toBe(runs.length);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(runs.length);
    // The tick is the job id's last part: one job per tick, ticks `everyMs` apart.
    const ticks = runs.map((r) => Number(r.jobId.split(':').pop())).sort((x, y) => x - y);
    expect(ticks.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < ticks.length; i++)
      expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(everyMs);
  }, 60_000);

  it('a pull asked of instance A is a job, run by a worker and readable on instance B', async () => {
    const jobId = await a.enqueuePull({ partnerId: 'southfield', sampleSize: 3 });
    const view = await waitFor('the pull job', async () => {
      const v = await b.get(jobId);
      return v?.state === 'succeeded' || v?.state === 'failed' ? v : undefined;
    });
    expect(view).toMatchObject({ kind: 'pull', state: 'succeeded', partnerId: 'southfield' });
    expect(view.result?.submissionId).toBe(jobId);
    const run = runs.find((r) => r.jobId === jobId);
    expect(run?.data).toEqual({ kind: 'pull', partnerId: 'southfield', sampleSize: 3 });
    // Pull jobs and schedulers hold partner ids and counts only.
    expect(await secretsUnder(prefix, ['http://', 'https://', 'Bearer'])).toEqual([]);
  }, 60_000);
});
