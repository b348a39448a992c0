/**
 * Starts bench/server-child.ts and exposes its port and RSS samples; used by the HTTP bench and
 * the soak so the load generator never shares an event loop with the server.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running server child. */
export interface ServerProcess {
  readonly port: number;
  /** Process id of the server child. */
  readonly pid: number;
  readonly url: string;
  /** RSS samples (MB) received so far, one per sample interval. */
  readonly rssSamples: number[];
  /** Live heap (MB) after a forced full GC, every 10th sample. */
  readonly heapAfterGcSamples: number[];
  /** Pooled store connections the server lost (and survived), when it runs over PostgreSQL. */
  readonly storeConnectionsLost: () => number;
  stop(): Promise<void>;
}

/**
 * Resident set size (MB) of a process from /proc (Linux), or undefined where /proc is not there.
 * Read from outside, so it is sampled on time even while the server's event loop is busy.
 */
export function readRssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** True when the Hono app module exists (the HTTP bench skips otherwise). */
export async function hasServerApp(): Promise<boolean> {
  try {
    await import('../src/server/app.js');
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the server child (`bare`: the bare Hono peer; `processes`: a cluster of that many workers;
 * `threads`: the check pool's threads in each, 0 for none)
 * and waits (up to `timeoutMs`) for its port. `forcedGc: false` leaves out the full collection every
 * 10th sample (the soak's live-heap probe), which would stop the server mid-measurement and land in
 * a latency percentile.
 */
export function startServerProcess(
  sampleMs = 1000,
  timeoutMs = 60_000,
  store?: { readonly databaseUrl: string; readonly pgSchema?: string },
  bare = false,
  processes = 1,
  forcedGc = true,
  threads = 0,
): Promise<ServerProcess> {
  const file = fileURLToPath(new URL('./server-child.ts', import.meta.url));
  const storeArgs = store
    ? [
        '--database-url',
        store.databaseUrl,
        ...(store.pgSchema ? ['--pg-schema', store.pgSchema] : []),
      ]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(forcedGc ? ['--expose-gc'] : []),
      '--import',
      'tsx',
      file,
      '--sample-ms',
      String(sampleMs),
      ...storeArgs,
      ...(bare ? ['--bare'] : []),
      ...(processes > 1 ? ['--processes', String(processes)] : []),
      ...(threads > 0 ? ['--threads', String(threads)] : []),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const rssSamples: number[] = [];
  const heapAfterGcSamples: number[] = [];
  let lost = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('server child did not start in time'));
    }, timeoutMs);
    child.on('exit', (code) => reject(new Error(`server child exited early (code ${code})`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as {
        port?: number;
        rssMb?: number;
        heapAfterGcMb?: number;
        storeConnectionLost?: number;
      };
      if (msg.storeConnectionLost !== undefined) lost += msg.storeConnectionLost;
      if (msg.rssMb !== undefined) rssSamples.push(msg.rssMb);
      if (msg.heapAfterGcMb !== undefined) heapAfterGcSamples.push(msg.heapAfterGcMb);
      if (msg.port !== undefined) {
        clearTimeout(timer);
        const stop = (): Promise<void> =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        resolve({
          port: msg.port,
          pid: child.pid ?? -1,
          url: `http://127.0.0.1:${msg.port}`,
          rssSamples,
          heapAfterGcSamples,
          storeConnectionsLost: () => lost,
          stop,
        });
      }
    });
  });
}
