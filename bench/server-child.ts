/**
 * Child process for the HTTP bench and the soak: the MDSS Hono app (or, with `--bare`, a bare Hono
 * route on the same path: the HTTP peer) (`createApp` with the server's own pipeline,
 * src/server/node-build-checker.ts, framework on as `mdss serve`; with `--threads n`, its check pool of
 * n threads, src/server/node-check-pool.ts) served by @hono/node-server on 127.0.0.1, port 0. Prints `{"port":N}` once listening,
 * then `{"rssMb":…,"heapUsedMb":…}` every `--sample-ms` (default 1000), and every 10th sample the
 * heap after a full GC when started with `--expose-gc`. Stops on SIGTERM or when
 * its parent goes away (stdin closes). With `--database-url` (and `--pg-schema`) the partner routes
 * run over that PostgreSQL store, and each connection the pool loses is told as
 * `{"storeConnectionLost":1}`. With `--processes n` (n > 1) it is the primary of a node:cluster, as
 * `mdss serve --processes n`, and prints the port once every worker listens.
 * @module
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import cluster from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../src/server/app.js';
import { buildChecker } from '../src/server/node-build-checker.js';
import { createCheckPool } from '../src/server/node-check-pool.js';
import { runCluster } from '../src/server/node-cluster.js';
import { openStore } from '../src/store/open-store.js';

const { values } = parseArgs({
  options: {
    'sample-ms': { type: 'string', default: '1000' },
    'database-url': { type: 'string' },
    'pg-schema': { type: 'string' },
    bare: { type: 'boolean' },
    processes: { type: 'string', default: '1' },
    threads: { type: 'string', default: '0' },
  },
});
const processes = Math.max(1, Number(values.processes));
const portEnv = 'MDSS_BENCH_PORT';
// `--processes n`: this process is the primary of `mdss serve --processes n` (src/server/node-cluster.ts)
// and each worker serves the same app on the one port
if (processes > 1 && cluster.isPrimary) {
  process.env[portEnv] = String(await freePort());
  let up = 0;
  cluster.on('listening', () => {
    if (++up === processes)
      process.stdout.write(`${JSON.stringify({ port: Number(process.env[portEnv]) })}\n`);
  });
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  process.exit(
    await runCluster({ count: processes, log: () => undefined, onListening: () => undefined }),
  );
}
const sampleMs = Math.max(100, Number(values['sample-ms']));
const store = values['database-url']
  ? await openStore({
      databaseUrl: values['database-url'],
      ...(values['pg-schema'] ? { pgSchema: values['pg-schema'] } : {}),
      pgConnectTimeoutMs: 2000,
      onConnectionError: () =>
        process.stdout.write(`${JSON.stringify({ storeConnectionLost: 1 })}\n`),
    })
  : undefined;
/** The HTTP peer (`--bare`): a bare Hono route on the same path that reads the body and answers a fixed OperationOutcome. */
function bareApp(): Hono {
  const bare = new Hono();
  const outcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'informational' }],
  };
  bare.post('/fhir/$validate', async (c) => {
    await c.req.text();
    return c.json(outcome);
  });
  return bare;
}
const threads = Math.max(0, Number(values.threads));
// the server's own factory (framework on, as `mdss serve`), and with `--threads n` its check pool
const pool =
  !values.bare && threads > 0 ? createCheckPool({ threads, recipe: { packages: [] } }) : undefined;
await pool?.ready();
const app = values.bare
  ? bareApp()
  : createApp({
      checker: (await buildChecker({}, () => undefined)).checker,
      ...(pool ? { offload: pool } : {}),
      limits: {},
      ...(store ? { partners: store } : {}),
    });
const worker = cluster.isWorker;
const server = serve(
  { fetch: app.fetch, port: Number(process.env[portEnv] ?? 0), hostname: '127.0.0.1' },
  (info: AddressInfo) => {
    if (!worker) process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
  },
);
let ticks = 0;
const timer = setInterval(() => {
  if (worker) return;
  const m = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576 })}\n`,
  );
  // Every 10th sample, the live heap after a full collection (with --expose-gc): a leak shows here, lazy GC does not.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (++ticks % 10 === 0 && gc) {
    gc();
    process.stdout.write(
      `${JSON.stringify({ heapAfterGcMb: process.memoryUsage().heapUsed / 1048576 })}\n`,
    );
  }
}, sampleMs);
const stop = (): void => {
  clearInterval(timer);
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
if (!worker) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
