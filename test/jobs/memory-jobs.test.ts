/**
 * The job API without Redis (the embedded default): a submission declared larger than
 * `asyncAboveBytes` (or sent with `Prefer: respond-async`) answers 202 with a Location; polling it
 * gives progress and, when done, the submission, recorded under the job id in the store. The spool is
 * deleted whatever the outcome; recording a job twice writes it once; past the job time budget the
 * result is partial (`engine.limit-reached`).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/check/create-checker.js';
import type { JobView, SubmissionJobData } from '../../src/jobs/job-queue.js';
import { createMemoryJobQueue } from '../../src/jobs/memory-queue.js';
import { runJob } from '../../src/jobs/run-job.js';
import { runSubmissionJob, type SubmissionJobDeps } from '../../src/jobs/run-submission-job.js';
import { spoolBody } from '../../src/jobs/spool.js';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator } from '../server/helpers.js';

const checker = createChecker({ validator: baseValidator() });
const patient = (i: number) =>
  JSON.stringify({
    resourceType: 'Patient',
    id: `p${i}`,
    name: [{ family: 'Zyxwvut', given: ['Qwertyuiop'] }],
    birthDate: '1931-02-03',
    gender: 'female',
  });
const ndjson = Array.from({ length: 200 }, (_, i) => patient(i)).join('\n') + '\n';

let store: Store;
let dir: string;
let deps: SubmissionJobDeps;
beforeAll(async () => {
  store = await openStore({ sqlitePath: ':memory:' });
  dir = mkdtempSync(join(tmpdir(), 'mdss-spool-test-'));
  deps = {
    checker,
    catalogue: checker.catalogue,
    store,
    spoolDir: dir,
    version: 'test',
    packages: [],
  };
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function poll(app: ReturnType<typeof createApp>, location: string): Promise<JobView> {
  for (let i = 0; i < 2000; i++) {
    const res = await app.request(location);
    expect(res.status).toBe(200);
    const view = (await res.json()) as JobView;
    if (view.state === 'succeeded' || view.state === 'failed') return view;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job did not finish');
}

describe('in-process jobs', () => {
  it('a large submission answers 202 + Location, and the job records the submission under its id', async () => {
    const jobs = createMemoryJobQueue(dir, (id, data, progress) =>
      runJob(id, data, deps, progress),
    );
    const app = createApp({ checker, partners: store, jobs, limits: { asyncAboveBytes: 1000 } });
    const res = await app.request('/v1/partners/northvale/submissions', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/fhir+ndjson',
        'Content-Length': String(Buffer.byteLength(ndjson)),
      },
      body: ndjson,
    });
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/jobs\/[0-9a-f-]{36}$/);
    const view = await poll(app, location);
    expect(view.state).toBe('succeeded');
    expect(view.progress).toEqual({ done: 200, total: 200 });
    expect(view.result?.submissionId).toBe(view.jobId);
    expect(view.result?.recordCount).toBe(200);
    const stored = await store.getSubmission(view.jobId);
    expect(stored?.recordCount).toBe(200);
    expect(JSON.stringify(view)).not.toContain('Zyxwvut');
    expect(readdirSync(dir)).toEqual([]);
    await jobs.close();
  });

  it('small bodies stay synchronous (201); Prefer: respond-async makes a job', async () => {
    const jobs = createMemoryJobQueue(dir, (id, data, progress) =>
      runJob(id, data, deps, progress),
    );
    const app = createApp({ checker, partners: store, jobs });
    const sync = await app.request('/v1/partners/northvale/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+ndjson' },
      body: patient(1),
    });
    expect(sync.status).toBe(201);
    const async = await app.request('/v1/partners/northvale/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+ndjson', Prefer: 'respond-async' },
      body: patient(1),
    });
    expect(async.status).toBe(202);
    expect((await poll(app, async.headers.get('location')!)).state).toBe('succeeded');
    await jobs.close();
  });

  it('a chunked body (no Content-Length) past the synchronous limit continues as a job; a small one stays synchronous', async () => {
    const jobs = createMemoryJobQueue(dir, (id, data, progress) =>
      runJob(id, data, deps, progress),
    );
    const app = createApp({ checker, partners: store, jobs, limits: { maxBodyBytes: 4096 } });
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.byteLength; at += 1000)
            controller.enqueue(bytes.subarray(at, at + 1000));
          controller.close();
        },
      });
    };
    const send = (text: string) =>
      app.request('/v1/partners/northvale/submissions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+ndjson' },
        body: chunked(text),
        duplex: 'half',
      } as RequestInit);
    const large = await send(ndjson);
    expect(large.status).toBe(202);
    const view = await poll(app, large.headers.get('location')!);
    expect(view.state).toBe('succeeded');
    // every byte reached the job: the part read before the switch and the rest
    expect(view.result?.recordCount).toBe(200);
    expect(view.bytes).toBe(Buffer.byteLength(ndjson));
    expect(view.result?.submission.payloadSize).toBe(Buffer.byteLength(ndjson));
    const small = await send(`${patient(1)}\n${patient(2)}\n`);
    expect(small.status).toBe(201);
    expect(((await small.json()) as { recordCount: number }).recordCount).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    await jobs.close();
  });

  it('a body past the job limit gets 413 input.too-large and leaves no spool', async () => {
    const jobs = createMemoryJobQueue(dir, (id, data, progress) =>
      runJob(id, data, deps, progress),
    );
    const app = createApp({ checker, partners: store, jobs, limits: { maxJobBytes: 5000 } });
    const res = await app.request('/v1/partners/northvale/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+ndjson', Prefer: 'respond-async' },
      body: ndjson,
    });
    expect(res.status).toBe(413);
    expect(
      ((await res.json()) as { issue: { extension?: { valueString?: string }[] }[] }).issue
        .flatMap((i) => i.extension ?? [])
        .some((e) => e.valueString === 'input.too-large'),
    ).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    await jobs.close();
  });

  it('unknown jobs are 404, malformed ids 400', async () => {
    const jobs = createMemoryJobQueue(dir, (id, data, progress) =>
      runJob(id, data, deps, progress),
    );
    const app = createApp({ checker, partners: store, jobs });
    expect((await app.request(`/v1/jobs/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await app.request('/v1/jobs/not-a-job')).status).toBe(400);
    await jobs.close();
  });

  it('a failing job is failed with a code, and its spool is deleted', async () => {
    const jobs = createMemoryJobQueue(dir, () =>
      Promise.reject(Object.assign(new Error('Zyxwvut'), { code: 'store.unavailable' })),
    );
    const app = createApp({ checker, partners: store, jobs });
    const res = await app.request('/v1/partners/northvale/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+ndjson', Prefer: 'respond-async' },
      body: ndjson,
    });
    const view = await poll(app, res.headers.get('location')!);
    expect(view).toMatchObject({ state: 'failed', error: 'store.unavailable' });
    expect(readdirSync(dir)).toEqual([]);
    await jobs.close();
  });

  it('running the same job twice records it once; past the time budget the result is partial', async () => {
    const spooled = await spoolBody(dir, new Blob([ndjson]).stream(), 1e9);
    const data: SubmissionJobData = {
      kind: 'submission',
      partnerId: 'northvale',
      createPartner: true,
      spool: spooled.name,
      bytes: spooled.bytes,
      lines: spooled.lines,
      payloadHash: spooled.payloadHash,
      receivedAt: new Date().toISOString(),
      options: {},
    };
    const jobId = crypto.randomUUID();
    const first = await runSubmissionJob(
      jobId,
      data,
      { ...deps, timeBudgetMs: 0 },
      () => undefined,
    );
    const second = await runSubmissionJob(
      jobId,
      data,
      { ...deps, timeBudgetMs: 0 },
      () => undefined,
    );
    expect(first.submissionId).toBe(jobId);
    expect(second.submissionId).toBe(jobId);
    expect(first.truncated).toBe(true);
    expect(first.submission.issues.some((i) => i.code === 'engine.limit-reached')).toBe(true);
    const period = await store.loadPartnerPeriod('northvale', '2000-01-01', '2100-01-01');
    expect(JSON.stringify(period).split(jobId).length - 1).toBeLessThanOrEqual(1);
  });
});
