/**
 * `npm run soak`: sustained load on the Node server (in a child process on 127.0.0.1) for
 * `--seconds N`, with the server's RSS sampled every second. Prints the samples and the
 * least-squares slope over the steady part (after the first 20 % of samples) and flags an upward
 * trend (exit code 1) when the fitted growth over that part exceeds max(16 MB, 10 % of the mean).
 * Also prints the live heap after a forced full GC every 10 s: growth there means retained objects
 * (a leak); RSS growth with a flat live heap means the heap is grown lazily, not leaked.
 *
 * With `--postgres` the server also records partner submissions (a CLD CSV and a FHIR Patient in
 * the mix) in PostgreSQL (`MDSS_TEST_PG_URL`, default postgres://root@127.0.0.1:5432/test; a fresh
 * schema, dropped afterwards) reached through a TCP proxy in this process, which cuts every
 * connection `--drops` times during the run (every other drop also refuses new connections for 3 s).
 * The run then reports the connections the server lost and survived, the 503 answers while the
 * database was unreachable, the submissions recorded, and whether a submission after the last drop
 * was recorded (the pool reconnected by itself). The server must still be alive at the end.
 *
 * Usage: npm run soak -- [--seconds 120] [--connections 8] [--postgres] [--drops 2]
 * @module
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { httpPayloads } from '../bench/http.js';
import { readRssMb, startServerProcess } from '../bench/server-process.js';
import { median, slope } from '../bench/stats.js';
import { startTcpProxy, type TcpProxy } from '../bench/tcp-proxy.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    seed: { type: 'string', default: '3' },
    postgres: { type: 'boolean' },
    drops: { type: 'string', default: '2' },
  },
});
const seconds = Math.max(5, Number(values.seconds));
const connections = Math.max(1, Number(values.connections));
const drops = Math.max(0, Number(values.drops));
const pgUrl = process.env['MDSS_TEST_PG_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

interface PgSoak {
  readonly proxy: TcpProxy;
  readonly schema: string;
  readonly url: string;
  readonly dropLog: string[];
  timers: NodeJS.Timeout[];
}

async function startPgSoak(): Promise<PgSoak> {
  const target = new URL(pgUrl);
  const proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
  const url = new URL(pgUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return {
    proxy,
    schema: `mdss_soak_${process.pid}_${Date.now().toString(36)}`,
    url: url.toString(),
    dropLog: [],
    timers: [],
  };
}

/** Cuts every proxied connection at evenly spaced moments; every other cut refuses new connections for 3 s. */
function scheduleDrops(p: PgSoak, t0: number): void {
  for (let k = 1; k <= drops; k++) {
    const at = (seconds * 1000 * k) / (drops + 1);
    p.timers.push(
      setTimeout(() => {
        const cut = p.proxy.drop();
        const refuse = k % 2 === 1;
        if (refuse) {
          p.proxy.refuse = true;
          p.timers.push(setTimeout(() => (p.proxy.refuse = false), 3000));
        }
        p.dropLog.push(
          `${((Date.now() - t0) / 1000).toFixed(0)} s: ${cut} sockets cut${refuse ? ', refused for 3 s' : ''}`,
        );
      }, at),
    );
  }
}

async function finishPgSoak(
  p: PgSoak,
  serverUrl: string,
  lost: number,
  fiveXx: number,
): Promise<{ lines: string[]; ok: boolean }> {
  for (const t of p.timers) clearTimeout(t);
  p.proxy.refuse = false;
  const cld = readFileSync(
    join(import.meta.dirname, '..', 'examples', 'northvale-council-asc', 'cld-2026-q2-valid.csv'),
  );
  const after = await fetch(
    `${serverUrl}/v1/partners/soak-after/submissions?allowTestNumbers=true`,
    { method: 'POST', headers: { 'content-type': 'text/csv' }, body: cld },
  );
  await after.arrayBuffer();
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  let recorded: number | undefined;
  try {
    recorded = Number(
      (await client.query<{ n: string }>(`select count(*) as n from ${p.schema}.submissions`))
        .rows[0]?.n ?? 0,
    );
  } finally {
    await client.query(`drop schema if exists ${p.schema} cascade`);
    await client.end();
  }
  await p.proxy.close();
  return {
    ok: after.status === 201,
    lines: [
      `PostgreSQL through a TCP proxy: ${p.dropLog.length} drops (${p.dropLog.join('; ')}); pooled connections lost and survived: ${lost}; 5xx answers (503 while unreachable): ${fiveXx}; submissions recorded: ${recorded ?? 0}; a submission after the last drop: ${after.status}`,
    ],
  };
}

async function main(): Promise<void> {
  const pgSoak = values.postgres ? await startPgSoak() : undefined;
  const server = await startServerProcess(
    1000,
    60_000,
    pgSoak ? { databaseUrl: pgSoak.url, pgSchema: pgSoak.schema } : undefined,
  );
  const headers = { 'content-type': 'application/fhir+json' };
  const [single, bundle] = httpPayloads(Number(values.seed));
  const invalid = JSON.stringify({
    resourceType: 'Patient',
    birthDate: '1980-13-01',
    gender: 'M',
    foo: 1,
    name: [{}],
  });
  const requests = [
    { method: 'POST', path: '/fhir/$validate', headers, body: single?.body ?? '{}' },
    { method: 'POST', path: '/fhir/$validate', headers, body: invalid },
    { method: 'POST', path: '/fhir/$validate', headers, body: '{"resourceType":"Patient",' },
    { method: 'POST', path: '/fhir/$validate', headers, body: bundle?.body ?? '{}' },
  ];
  if (pgSoak) {
    const cld = readFileSync(
      join(import.meta.dirname, '..', 'examples', 'northvale-council-asc', 'cld-2026-q2-valid.csv'),
      'utf8',
    );
    requests.push(
      {
        method: 'POST',
        path: '/v1/partners/soak-council/submissions?allowTestNumbers=true',
        headers: { 'content-type': 'text/csv' },
        body: cld,
      },
      {
        method: 'POST',
        path: '/v1/partners/soak-practice/submissions?feed=fhir',
        headers,
        body: single?.body ?? '{}',
      },
    );
  }
  const procSamples: number[] = [];
  const sampler = setInterval(() => {
    const rss = readRssMb(server.pid);
    if (rss !== undefined) procSamples.push(rss);
  }, 1000);
  let result: Awaited<ReturnType<typeof autocannon>>;
  let pgLines: string[] = [];
  let pgOk = true;
  let alive: boolean | undefined;
  try {
    if (pgSoak) scheduleDrops(pgSoak, Date.now());
    result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      timeout: 60,
      requests,
    });
    alive = readRssMb(server.pid) !== undefined;
    if (pgSoak)
      ({ lines: pgLines, ok: pgOk } = await finishPgSoak(
        pgSoak,
        server.url,
        server.storeConnectionsLost(),
        (result as unknown as Record<string, number>)['5xx'] ?? 0,
      ));
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  // /proc samples are on time even when the server's event loop is busy; the child's own samples are the fallback.
  const samples = procSamples.length > 0 ? procSamples : server.rssSamples;
  const steadyFrom = Math.floor(samples.length * 0.2);
  const steady = samples.slice(steadyFrom);
  const xs = steady.map((_, i) => i + steadyFrom);
  const perSecond = slope(xs, steady);
  const growth = perSecond * Math.max(0, steady.length - 1);
  const mean = steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length);
  const limit = Math.max(16, mean * 0.1);
  const flagged = growth > limit;
  const lines = [
    `soak: ${seconds} s, ${connections} connections, ${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    `RSS samples (MB, one per second): ${samples.map((s) => s.toFixed(0)).join(' ')}`,
    `RSS min ${Math.min(...samples).toFixed(0)} MB, median ${median(samples).toFixed(0)} MB, max ${Math.max(...samples).toFixed(0)} MB`,
    `slope over samples ${steadyFrom}..${samples.length - 1}: ${(perSecond * 60).toFixed(2)} MB/min, fitted growth ${growth.toFixed(1)} MB (limit ${limit.toFixed(1)} MB)`,
    `live heap after full GC, every 10 s (MB): ${server.heapAfterGcSamples.map((h) => h.toFixed(0)).join(' ') || 'n/a'}; slope ${(
      slope(
        server.heapAfterGcSamples.map((_, i) => i * 10),
        server.heapAfterGcSamples,
      ) * 60
    ).toFixed(2)} MB/min`,
    flagged ? 'UPWARD TREND: RSS keeps growing under sustained load' : 'no upward trend',
    ...pgLines,
    alive ? 'server alive at the end' : 'SERVER DIED during the run',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (flagged || result.errors > 0 || !alive || !pgOk) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
