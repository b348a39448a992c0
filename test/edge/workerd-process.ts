/** Helpers of the workerd tests: a free loopback port, and waiting until a workerd child answers `/health`. */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { request } from 'undici';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Polls `${url}/health` for up to 30 s; throws when the child exits or never answers 200. */
export async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      const r = await request(`${url}/health`);
      await r.body.text();
      if (r.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('workerd did not come up');
}
