/**
 * Issue 14, item 3: the server keeps serving when its log lines cannot be written: stdout a pipe
 * whose reader has gone (EPIPE), or a log file that cannot grow (EFBIG, by `ulimit -f`). Real
 * server processes, real pipe and real file limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'src', 'server', 'node.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function health(port: number): Promise<number> {
  const res = await request(`http://127.0.0.1:${port}/health`);
  await res.body.dump();
  return res.statusCode;
}

async function waitUp(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await health(port).catch(() => 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not come up');
}

describe('log lines that cannot be written', () => {
  it('stdout is a pipe whose reader has closed (EPIPE): the server keeps answering', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entry, '--port', String(port), '--no-store'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitUp(port, child);
    child.stdout!.destroy();
    for (let i = 0; i < 20; i++) expect(await health(port)).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await health(port)).toBe(200);
    expect(child.exitCode).toBeNull();
    expect(stderr).toContain('log-write-failed');
    expect(stderr).toContain('EPIPE');
  });

  it('stdout is a file that cannot grow (EFBIG): the server keeps answering', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'mdss-h14-log-'));
    dirs.push(dir);
    const file = join(dir, 'server.log');
    const command = `ulimit -f 8; exec "${process.execPath}" --import tsx "${entry}" --port ${port} --no-store > "${file}"`;
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitUp(port, child);
    for (let i = 0; i < 100; i++) expect(await health(port)).toBe(200);
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    expect(statSync(file).size).toBeLessThanOrEqual(8 * 1024);
    expect(stderr).toContain('log-write-failed');
    expect(stderr).toContain('EFBIG');
  });
});
