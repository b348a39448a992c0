/**
 * Scale-out against the real Redis (REDIS_URL, default 127.0.0.1:6379; skipped with a message when
 * it does not answer): two service instances and two `mdss worker` processes (real child processes)
 * share Redis (a unique key prefix), a SQLite store file and a spool directory. A 50 MB NDJSON
 * submission goes in through instance A and is polled on instance B; the worker that starts it is
 * killed (SIGKILL) mid-job and the other finishes it; the submission is recorded once, under the job
 * id; the spool is empty afterwards; a partner on a pull schedule gets one scheduler from the two
 * instances; and no payload value (NHS number, name, birth date), partner endpoint or client address
 * is in any Redis key or value (jobs, schedulers, rate and failed-authentication counters).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  createReadStream,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateCounter } from '../../src/jobs/redis-rate-counter.js';
import { openStore } from '../../src/store/open-store.js';
import { dumpPrefix, redisAnswers, redisUrl, secretsUnder } from './redis-support.js';

const root = join(import.meta.dirname, '..', '..');
const cli = ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];

const available = await redisAnswers();
if (!available)
  console.warn(
    `redis-scale-out: skipped, no Redis answers at ${redisUrl} (start redis-server, or set REDIS_URL)`,
  );

// Synthetic, unmistakable patient values: none may reach Redis.
const nhsNumber = '9434765919';
const family = 'Quixotebarnfield';
const birthDate = '1937-04-19';
const photo = 'QUJD'.repeat(12_500); // 50 kB of base64 per record
const clientAddress = '198.51.100.71';
// A partner endpoint (nothing listens): its URL stays in the store, never in Redis.
const endpoint = 'http://127.0.0.1:9/eastmoor-fhir';

interface Proc {
  child: ChildProcess;
  lines: string[];
}

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [...cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => lines.push(`stderr: ${d.toString()}`));
  return { child, lines };
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  tries = 3000,
  everyMs = 100,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function listeningUrl(p: Proc): string | undefined {
  for (const l of p.lines) {
    const m = /"event":"listening".*"port":(\d+)/.exec(l);
    if (m) return `http://127.0.0.1:${m[1]}`;
  }
  return undefined;
}

function upload(
  url: string,
  file: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(statSync(file).size) } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

describe.skipIf(!available)('scale-out on Redis: two instances, two workers', () => {
  const prefix = `mdss-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'mdss-scale-'));
  const spool = join(dir, 'spool');
  const sqlite = join(dir, 'mdss.sqlite');
  const payload = join(dir, 'patients.ndjson');
  const procs: Proc[] = [];
  let a = '';
  let b = '';
  const env = {
    REDIS_URL: redisUrl,
    MDSS_REDIS_PREFIX: prefix,
    MDSS_SPOOL_DIR: spool,
    MDSS_SQLITE_PATH: sqlite,
    MDSS_JOB_LOCK_MS: '10000',
    MDSS_REQUESTS_PER_MINUTE: '0',
  };

  beforeAll(async () => {
    const out = createWriteStream(payload);
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const line = `${JSON.stringify({ resourceType: 'Patient', id: `p${i}`, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }], name: [{ family, given: ['Ottoline'] }], birthDate, photo: [{ contentType: 'image/png', data: photo }] })}\n`;
      size += line.length;
      if (!out.write(line)) await new Promise((r) => out.once('drain', r));
    }
    await new Promise((r) => out.end(r));
    // The store's schema first (one process), with a partner on a pull schedule, then the fleet.
    const store = await openStore({ sqlitePath: sqlite });
    await store.upsertPartner({
      id: 'eastmoor',
      name: 'Eastmoor (synthetic)',
      kind: 'acute-trust',
      fhirEndpoint: { url: endpoint, auth: 'none', pullEveryMinutes: 60 },
    });
    await store.close();
    procs.push(start(['serve', '--port', '0'], env), start(['serve', '--port', '0'], env));
    procs.push(start(['worker'], env), start(['worker'], env));
    a = await waitFor('instance A', () => listeningUrl(procs[0]!));
    b = await waitFor('instance B', () => listeningUrl(procs[1]!));
    for (const w of procs.slice(2))
      await waitFor('a worker', () =>
        w.lines.some((l) => l.includes('"worker-ready"')) ? true : undefined,
      );
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    const r = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 50 MB submission through A, a worker killed mid-job, finished by the other, polled on B', async () => {
    const res = await upload(`${a}/v1/partners/northvale/submissions`, payload, {
      'Content-Type': 'application/fhir+ndjson',
    });
    expect(res.status).toBe(202);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/v1\/jobs\/[0-9a-f-]{36}$/);
    const jobId = location.split('/').pop()!;
    // The worker that takes the job is killed as soon as it has started it.
    const taker = await waitFor(
      'a worker to start the job',
      () =>
        procs
          .slice(2)
          .find((w) => w.lines.some((l) => l.includes('"job-started"') && l.includes(jobId))),
      6000,
      20,
    );
    taker.child.kill('SIGKILL');
    const other = procs.slice(2).find((w) => w !== taker)!;
    const view = await waitFor(
      'the job to finish on instance B',
      async () => {
        const r = await fetch(`${b}${location}`);
        expect(r.status).toBe(200);
        const v = (await r.json()) as {
          state: string;
          attempts: number;
          progress: { done: number; total: number };
          result?: { submissionId: string; recordCount: number };
        };
        return v.state === 'succeeded' || v.state === 'failed' ? v : undefined;
      },
      3000,
      200,
    );
    expect(view.state, JSON.stringify(view)).toBe('succeeded');
    expect(view.attempts).toBeGreaterThanOrEqual(2);
    expect(other.lines.some((l) => l.includes('"job-completed"') && l.includes(jobId))).toBe(true);
    expect(view.result?.submissionId).toBe(jobId);
    expect(view.result?.recordCount).toBe(view.progress.total);
    expect(view.progress.total).toBeGreaterThan(900);
    // Recorded once, under the job id; the spool is gone.
    const store = await openStore({ sqlitePath: sqlite });
    try {
      expect((await store.getSubmission(jobId))?.recordCount).toBe(view.result?.recordCount);
      const period = await store.loadPartnerPeriod('northvale', '2000-01-01', '2100-01-01');
      expect(JSON.stringify(period).split(jobId).length - 1).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
    expect(readdirSync(spool)).toEqual([]);
  }, 600_000);

  it('the two instances set one pull scheduler for the scheduled partner', async () => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('submissions', { connection, prefix });
    try {
      const schedulers = await waitFor('the pull scheduler', async () => {
        const all = await queue.getJobSchedulers();
        return all.length ? all : undefined;
      });
      expect(schedulers.map((s) => [s.key, s.every])).toEqual([['pull:eastmoor', 3_600_000]]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    // a failed authentication counted in Redis (as an instance with keys counts it), for the scan below
    const counter = createRedisRateCounter(redisUrl, prefix);
    await counter.authFailures.fail(clientAddress, 60_000);
    counter.close();
  });

  it('no payload value, endpoint or client address is in any Redis key or value', async () => {
    const dump = await dumpPrefix(prefix);
    const keys = dump.size;
    const kinds = new Set<string>();
    for (const key of dump.keys()) {
      if (key.includes(':authfail:')) kinds.add('authfail');
      if (key.includes(':repeat')) kinds.add('repeat');
    }
    const found = await secretsUnder(prefix, [
      nhsNumber,
      family,
      birthDate,
      'Ottoline',
      'QUJDQUJD',
      endpoint,
      'eastmoor-fhir',
      clientAddress,
    ]);
    expect(keys).toBeGreaterThan(0);
    expect(found).toEqual([]);
    expect([...kinds].sort()).toEqual(['authfail', 'repeat']);
  });
});

describe.skipIf(!available)('shared rate limit on Redis: two instances', () => {
  const prefix = `mdss-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const procs: Proc[] = [];
  const env = {
    REDIS_URL: redisUrl,
    MDSS_REDIS_PREFIX: prefix,
    MDSS_STORE: 'off',
    MDSS_REQUESTS_PER_MINUTE: '4',
  };

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    const r = new Redis(redisUrl);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });

  it('the per-key limit holds across instances: 4 a minute in all, the 5th gets 429 http.rate-limited', async () => {
    procs.push(start(['serve', '--port', '0'], env), start(['serve', '--port', '0'], env));
    const a = await waitFor('instance A', () => listeningUrl(procs[0]!));
    const b = await waitFor('instance B', () => listeningUrl(procs[1]!));
    // Within one fixed window (the window number is in the key); if the minute turns mid-way, the
    // requests already counted in the new window would skew the retry, so it waits for a fresh one.
    const nextWindow = () =>
      new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0) await nextWindow();
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (const url of [a, b, a, b, a, b])
        statuses.push((await fetch(`${url}/v1/standards`)).status);
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      const limited = await fetch(`${b}/v1/standards`);
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      expect(limited.status).toBe(429);
      expect(JSON.stringify(await limited.json())).toContain('http.rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      return;
    }
    throw new Error('the minute turned twice');
  }, 180_000);
});
