/**
 * Issue 14, items 1 and 9: store faults do not stop the service. A real PostgreSQL connection is
 * dropped through a TCP proxy (the shared server is never touched): the pool's idle connections
 * end, the server stays up, routes that need the store answer 503 with Retry-After while the
 * database is unreachable, validation keeps working, and the store reconnects by itself. A SQLite
 * database locked by another connection gives 503 promptly, and /health answers meanwhile.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/server/log-entry.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { openStore, type ConnectionFault } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator, codesOf, validPatient } from '../server/helpers.js';
import { findPostgresUrl } from '../store/store-targets.js';
import { startTcpProxy, type TcpProxy } from '../../bench/tcp-proxy.js';

const validator = baseValidator();
const cld = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'northvale-council-asc', 'cld-2026-q2.csv'),
  'utf8',
);
const pgUrl = await findPostgresUrl();
if (pgUrl === undefined)
  console.warn('PostgreSQL not reachable at 127.0.0.1:5432: the connection-drop test is skipped');

async function submit(
  running: RunningServer,
): Promise<{ status: number; retryAfter?: string; codes: string[] }> {
  const res = await request(
    `${running.url}/v1/partners/northvale/submissions?allowTestNumbers=true`,
    { method: 'POST', headers: { 'content-type': 'text/csv' }, body: cld },
  );
  const body = (await res.body.json()) as { issue?: [] };
  const retryAfter = res.headers['retry-after'];
  return {
    status: res.statusCode,
    ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    codes: body.issue ? codesOf(body as { issue: [] }) : [],
  };
}

async function validate(running: RunningServer): Promise<number> {
  const res = await request(`${running.url}/fhir/$validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(validPatient),
  });
  await res.body.dump();
  return res.statusCode;
}

async function health(running: RunningServer): Promise<number> {
  const res = await request(`${running.url}/health`);
  await res.body.dump();
  return res.statusCode;
}

describe.skipIf(pgUrl === undefined)('PostgreSQL connection dropped under the service', () => {
  const schema = `mdss_h14_drop_${process.pid}_${Date.now().toString(36)}`;
  let proxy: TcpProxy | undefined;
  let store: Store | undefined;
  let running: RunningServer | undefined;
  afterAll(async () => {
    await running?.close();
    await store?.close().catch(() => undefined);
    await proxy?.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('survives the drop, answers 503 + Retry-After while down, keeps validating, and reconnects', async () => {
    proxy = await startTcpProxy(5432);
    const url = new URL(pgUrl!);
    url.port = String(proxy.port);
    const faults: ConnectionFault[] = [];
    store = await openStore({
      databaseUrl: url.toString(),
      pgSchema: schema,
      pgPoolSize: 3,
      pgConnectTimeoutMs: 2000,
      onConnectionError: (f) => faults.push(f),
    });
    const logs: LogEntry[] = [];
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      storeInstance: store,
      log: (e) => logs.push(e),
    });

    expect((await submit(running)).status).toBe(201);
    // Idle pooled connections are cut: the pool emits 'error' (an uncaught exception without a listener).
    expect(proxy.drop()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(faults.length).toBeGreaterThan(0);
    expect(JSON.stringify(faults)).not.toContain(String(proxy.port));

    // The database stays unreachable for a while: store routes 503, validation and health fine.
    proxy.refuse = true;
    const down = await submit(running);
    expect(down.status).toBe(503);
    expect(Number(down.retryAfter)).toBeGreaterThan(0);
    expect(down.codes).toEqual(['http.store-unavailable']);
    expect(await validate(running)).toBe(200);
    expect(await health(running)).toBe(200);
    const report = await request(`${running.url}/v1/partners/northvale/report`);
    await report.body.dump();
    expect(report.statusCode).toBe(503);
    // Nothing logged names the connection (user, host, port, database).
    expect(JSON.stringify(logs)).not.toContain(String(proxy.port));

    // Back up: the next request reconnects without a restart.
    proxy.refuse = false;
    expect((await submit(running)).status).toBe(201);
    expect((await store.listSubmissions('northvale')).length).toBe(2);
  });
});

describe.skipIf(pgUrl === undefined)('PostgreSQL connection dropped inside a transaction', () => {
  const schema = `mdss_h14_tx_${process.pid}_${Date.now().toString(36)}`;
  let proxy: TcpProxy | undefined;
  let store: Store | undefined;
  let running: RunningServer | undefined;
  afterAll(async () => {
    await running?.close();
    await store?.close().catch(() => undefined);
    await proxy?.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('a checked-out client losing its connection: the submission gets 503, nothing half-written, the next one is recorded', async () => {
    proxy = await startTcpProxy(5432);
    const url = new URL(pgUrl!);
    url.port = String(proxy.port);
    let dropNext = false;
    const faults: ConnectionFault[] = [];
    store = await openStore({
      databaseUrl: url.toString(),
      pgSchema: schema,
      pgPoolSize: 2,
      pgConnectTimeoutMs: 2000,
      onConnectionError: (f) => faults.push(f),
      // after the first write of the transaction, cut the connection and wait: the client is idle in the transaction
      onWrite: async () => {
        if (!dropNext) return;
        dropNext = false;
        proxy!.drop();
        await new Promise((r) => setTimeout(r, 200));
      },
    });
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      storeInstance: store,
      log: () => undefined,
    });
    expect((await submit(running)).status).toBe(201);
    dropNext = true;
    const cut = await submit(running);
    expect(cut.status).toBe(503);
    expect(cut.codes).toEqual(['http.store-unavailable']);
    expect(faults.length).toBeGreaterThan(0);
    expect(await health(running)).toBe(200);
    expect((await submit(running)).status).toBe(201);
    expect((await store.listSubmissions('northvale')).length).toBe(2);
  });
});

describe('SQLite database locked by another process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-h14-lock-'));
  const path = join(dir, 'mdss.sqlite');
  let running: RunningServer | undefined;
  let store: Store | undefined;
  let locker: Database.Database | undefined;
  afterAll(async () => {
    locker?.close();
    await running?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After while the write lock is held, /health meanwhile, and records once released', async () => {
    store = await openStore({ sqlitePath: path, env: {} });
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      storeInstance: store,
      log: () => undefined,
    });
    expect((await submit(running)).status).toBe(201);

    locker = new Database(path);
    locker.pragma('busy_timeout = 0');
    locker.exec('begin exclusive');
    const [locked, up] = await Promise.all([submit(running), health(running)]);
    expect(up).toBe(200);
    expect(locked.status).toBe(503);
    expect(locked.codes).toEqual(['http.store-unavailable']);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(await validate(running)).toBe(200);

    locker.exec('rollback');
    expect((await submit(running)).status).toBe(201);
  });
});
