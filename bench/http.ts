/**
 * HTTP figures: requests/s and p50/p99 latency of `POST /fhir/$validate` for one resource and for a
 * 100-entry Bundle at 1, 8 and 32 connections (autocannon, bounded duration), against the Node
 * server in a child process on 127.0.0.1, against a bare Hono route, and (the Bundle) against the
 * same app as a two-process cluster (`mdss serve --processes 2 --threads 0`) and as one process
 * with its check pool (`mdss serve`, one thread per core: src/server/node-check-pool.ts). Every MDSS row
 * runs the server's own pipeline (framework on). Skipped with a note when the app is not there.
 * Run alone: node --import tsx bench/http.ts [--duration 5]
 * @module
 */
import autocannon from 'autocannon';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBundle } from './generate-bundles.js';
import { createRng } from './prng.js';
import { hasServerApp, startServerProcess } from './server-process.js';

/** One measured cell. */
export interface HttpRow {
  readonly payload: string;
  readonly connections: number;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** The HTTP section of a run. */
export interface HttpFigures {
  readonly durationSec: number;
  readonly rows: readonly HttpRow[];
  /** The same cells against a bare Hono route (bench/server-child.ts --bare), measured in the same run. */
  readonly bareRows: readonly HttpRow[];
  /** The 100-entry Bundle cells against MDSS as `mdss serve --processes 2` (a node:cluster of two workers), same run. */
  readonly clusterRows?: readonly HttpRow[];
  /** The 100-entry Bundle cells against one process with its check pool (`mdss serve`), same run. */
  readonly poolRows?: readonly HttpRow[];
  /** Threads of that pool. */
  readonly poolThreads?: number;
  readonly notes: readonly string[];
}

/** Payloads: one Patient, and a collection Bundle of 100 entries. */
export function httpPayloads(seed: number): { name: string; body: string }[] {
  const rng = createRng(seed);
  const bundle = generateBundle(rng, { resources: 100 });
  (bundle.entry as unknown[]).length = 100;
  const patient = (bundle.entry as { resource: { resourceType: string } }[]).find(
    (e) => e.resource.resourceType === 'Patient',
  )?.resource;
  return [
    { name: 'single Patient', body: JSON.stringify(patient) },
    { name: '100-entry Bundle', body: JSON.stringify(bundle) },
  ];
}

/**
 * Runs the HTTP matrix against MDSS, then the same cells against the bare Hono route (the peer), or
 * returns a reason when the app cannot be served. `bundleOnly`: only the 100-entry Bundle (--quick).
 */
export async function runHttpBench(
  durationSec = 5,
  connections: readonly number[] = [1, 8, 32],
  seed = 3,
  bundleOnly = false,
): Promise<HttpFigures | { skipped: string }> {
  if (!(await hasServerApp())) return { skipped: 'HTTP: src/server/app.ts not importable yet' };
  const payloads = httpPayloads(seed).filter((p) => !bundleOnly || p.name !== 'single Patient');
  const rows = await measureServer(false, payloads, durationSec, connections);
  const bareRows = await measureServer(true, payloads, durationSec, connections);
  const bundle = payloads.filter((p) => p.name !== 'single Patient');
  const clusterRows = await measureServer(false, bundle, durationSec, connections, 2);
  const poolThreads = availableParallelism();
  const poolRows = await measureServer(false, bundle, durationSec, connections, 1, poolThreads);
  return {
    durationSec,
    rows,
    bareRows,
    clusterRows,
    poolRows,
    poolThreads,
    notes: [
      "server: createApp over the server's own pipeline (src/server/node-build-checker.ts: the pack, framework on, as `mdss serve`) served by @hono/node-server (no store, no auth), one Node process checking in its request thread (`--threads 0`), warmed up with 200 requests per payload, no forced garbage collection while measured; the client (autocannon) runs in the parent process on the same machine; p99 is autocannon's 99th percentile of every request in the cell",
      "cluster: the same app in two worker processes on one port (node:cluster, src/server/node-cluster.ts, as `mdss serve --processes 2 --threads 0`), 100-entry Bundle only; the client shares the machine's cores with both workers",
      `pool: the same app in one process with its check pool of ${poolThreads} threads (one per core, src/server/node-check-pool.ts, as \`mdss serve\`): the request thread reads bodies and answers, the threads check; 100-entry Bundle only`,
      'every request carries `?allowTestNumbers=true`: the synthetic payloads use NHS numbers in the 999 test range, which the framework otherwise reports (the payloads are clean with it; the Bundle still carries warnings and information issues)',
      'targets (issue 18): ≥ 1,000 req/s and p99 < 50 ms for the 100-entry Bundle at 32 connections; the engine caps a core at about 1 / (its time per Bundle), so the rows are also given as a ratio to the bare Hono route',
      'peer: a bare Hono route on the same path (reads the body, answers a fixed OperationOutcome), same server library, same client, same run',
    ],
  };
}

async function measureServer(
  bare: boolean,
  payloads: readonly { name: string; body: string }[],
  durationSec: number,
  connections: readonly number[],
  processes = 1,
  threads = 0,
): Promise<HttpRow[]> {
  // no forced full collections in the server while it is measured (they are the soak's probe)
  const server = await startServerProcess(
    1000,
    120_000,
    undefined,
    bare,
    processes,
    false,
    threads,
  );
  const rows: HttpRow[] = [];
  try {
    for (const payload of payloads) {
      const check = await fetch(`${server.url}/fhir/$validate?allowTestNumbers=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: payload.body,
      });
      const outcome = (await check.json()) as { issue?: { severity?: string }[] };
      const errors = (outcome.issue ?? []).filter(
        (i) => i.severity === 'error' || i.severity === 'fatal',
      ).length;
      if (check.status !== 200 || errors > 0)
        throw new Error(
          `$validate answered ${check.status} with ${errors} errors for the clean ${payload.name}`,
        );
      await autocannon({
        url: `${server.url}/fhir/$validate?allowTestNumbers=true`,
        method: 'POST',
        connections: 4,
        amount: 200,
        timeout: 30,
        headers: { 'content-type': 'application/fhir+json' },
        body: payload.body,
      });
      for (const c of connections) {
        const r = await autocannon({
          url: `${server.url}/fhir/$validate?allowTestNumbers=true`,
          method: 'POST',
          connections: c,
          duration: durationSec,
          timeout: 30,
          headers: { 'content-type': 'application/fhir+json' },
          body: payload.body,
        });
        rows.push({
          payload: `${payload.name} (${(payload.body.length / 1024).toFixed(0)} KB)`,
          connections: c,
          requestsPerSec: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        });
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' } } });
  process.stdout.write(`${JSON.stringify(await runHttpBench(Number(values.duration)))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
