/**
 * Issue 18: `mdss serve --processes <n|auto>` (src/server/node-cluster.ts). A real cluster on a free
 * port: answers come from two workers (`X-MDSS-Worker`), a worker killed with SIGKILL is replaced
 * while `/health` keeps answering, and SIGTERM ends the primary and every worker. Bad values and a
 * store without Redis end with exit 2 and one line. In-memory limits are split between workers.
 * No timing assertions: waits are bounded polls.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/server/log-entry.js';
import { startServer } from '../../src/server/node.js';
import { baseValidator } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'test', 'support', 'run-cli.ts');
const env = { ...process.env, DATABASE_URL: '', REDIS_URL: '', MDSS_PROCESSES: '' };

function serveSync(...args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  return { status: r.status, stderr: r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** GET /health on a fresh connection (no keep-alive: the primary hands out connections, not requests). */
function health(port: number): Promise<{ status: number; worker: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/health', agent: false, headers: { connection: 'close' } },
      (res) => {
        res.resume();
        res.once('end', () => {
          const worker = res.headers['x-mdss-worker'];
          resolve({
            status: res.statusCode ?? 0,
            worker: typeof worker === 'string' ? worker : undefined,
          });
        });
      },
    );
    req.once('error', reject);
    req.end();
  });
}

/**
 * /health, once more on a connection error: a connection the primary hands to a worker at the
 * instant it is SIGKILLed is reset; the next one goes to a live worker.
 */
async function healthRetried(
  port: number,
): Promise<{ status: number; worker: string | undefined }> {
  try {
    return await health(port);
  } catch {
    return health(port);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(
  what: string,
  test: () => boolean | Promise<boolean>,
  tries = 1200,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('mdss serve --processes: option checks', () => {
  it.each([
    [['--processes', '0'], 'processes must be from 1 to 64'],
    [['--processes', '65'], 'processes must be from 1 to 64'],
    [['--processes', 'many'], 'processes must be a whole number'],
    [['--processes', '2', '--sqlite', ':memory:'], 'needs REDIS_URL'],
  ])('%j: exit 2, one line naming %s', (args, text) => {
    const { status, stderr } = serveSync(...args);
    expect(status).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mdss: /);
    expect(lines[0]).toContain(text);
  });
});

describe('mdss serve --processes 2 --no-store', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('answers from two workers, replaces a killed one, and SIGTERM ends them all', async () => {
    const port = await freePort();
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', cli, 'serve', '--port', String(port), '--no-store', '--processes', '2'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const logs: LogEntry[] = [];
    let partial = '';
    proc.stdout!.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogEntry);
    });
    const started = (): LogEntry[] => logs.filter((e) => e.event === 'worker-started');
    const listening = (): number => logs.filter((e) => e.event === 'listening').length;

    await until(
      'the cluster to listen',
      () => stderr.includes('mdss: listening on') && listening() >= 2,
    );
    expect(stderr).toContain(`127.0.0.1:${port} (2 processes)`);

    // fresh connections go round-robin: both workers answer
    const seen = new Set<string>();
    await until('answers from both workers', async () => {
      const r = await health(port);
      expect(r.status).toBe(200);
      if (r.worker !== undefined) seen.add(r.worker);
      return seen.size === 2;
    });
    expect([...seen].sort()).toEqual(['0', '1']);
    const pids = started().map((e) => e.pid as number);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(proc.pid);

    // kill worker 1: it is replaced (a new pid) and /health answers all the while
    const victim = started().find((e) => e.rank === 1)!.pid as number;
    process.kill(victim, 'SIGKILL');
    await until('the killed worker to be replaced', async () => {
      expect((await healthRetried(port)).status).toBe(200);
      return listening() >= 3;
    });
    const exited = logs.find((e) => e.event === 'worker-exited');
    expect(exited).toMatchObject({ level: 'warn', rank: 1, signal: 'SIGKILL' });
    expect(Object.keys(exited!).sort()).toEqual(
      ['code', 'event', 'level', 'rank', 'restartInMs', 'signal', 'time'].sort(),
    );
    const replacement = started()
      .filter((e) => e.rank === 1)
      .at(-1)!.pid as number;
    expect(replacement).not.toBe(victim);
    expect(alive(victim)).toBe(false);
    seen.clear();
    await until('answers from the replacement', async () => {
      const r = await health(port);
      expect(r.status).toBe(200);
      if (r.worker !== undefined) seen.add(r.worker);
      return seen.has('1');
    });

    // SIGTERM: the primary forwards it, every worker shuts down, nothing is left behind
    const workers = [started().find((e) => e.rank === 0)!.pid as number, replacement];
    proc.kill('SIGTERM');
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).toBe(0);
    await until('the workers to be gone', () => workers.every((pid) => !alive(pid)), 100);
    expect(logs.filter((e) => e.event === 'shutdown')).toHaveLength(2);
  }, 240_000);
});

describe('limits counted in memory under a cluster', () => {
  it('each of n workers enforces floor(limit / n) requests a minute without Redis', async () => {
    const logs: LogEntry[] = [];
    const running = await startServer({
      port: 0,
      validator: baseValidator(),
      store: false,
      limits: { requestsPerMinute: 5 },
      cluster: { size: 2, rank: 1 },
      log: (e) => logs.push(e),
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${running.url}/fhir/$validate`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body: JSON.stringify({ resourceType: 'Patient' }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
        expect(res.headers.get('x-mdss-worker')).toBe('1');
      }
      // 5 a minute over 2 workers: 2 each
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await running.close();
    }
  });
});
