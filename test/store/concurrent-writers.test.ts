/**
 * Issue 18: several processes on one SQLite file (`mdss serve --processes n` with Redis opens the
 * store in each worker). Two processes record submissions at the same time: WAL mode with the busy
 * timeout serialises them; every submission is recorded once, the file passes integrity_check. A
 * write that waits past the busy timeout is refused as `busy` (the service's 503 with Retry-After)
 * and retried by the child; how often is printed, not asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

const child = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mdss-writers-'));
const path = join(dir, 'mdss.sqlite');
const COUNT = 40;

function writer(label: string): Promise<{ recorded: number; busy: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        MDSS_WRITER_PATH: path,
        MDSS_WRITER_COUNT: String(COUNT),
        MDSS_WRITER_LABEL: label,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout) as { recorded: number; busy: number })
        : reject(new Error(`writer ${label} exited ${code}: ${stderr.slice(0, 500)}`)),
    );
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two processes writing one SQLite store', () => {
  it('records every submission once and leaves a sound file', async () => {
    const store = await openStore({ sqlitePath: path });
    await store.upsertPartner({
      id: 'northvale-council',
      name: 'Northvale Council',
      kind: 'council',
    });
    await store.close();
    const results = await Promise.all([writer('a'), writer('b')]);
    expect(results.map((r) => r.recorded)).toEqual([COUNT, COUNT]);
    process.stdout.write(`busy retries: ${results.map((r) => r.busy).join(', ')}\n`);
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const { n } = raw.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number };
      expect(n).toBe(2 * COUNT);
    } finally {
      raw.close();
    }
  });
});
