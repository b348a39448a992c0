/**
 * A body past the job limit leaves nothing in the spool, even when the limit is passed before the
 * spool file's (asynchronous) open has completed: the first chunk is already too large.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobInputTooLarge } from '../../src/jobs/job-queue.js';
import { spoolBody } from '../../src/jobs/spool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('spooling a body past the limit', () => {
  it('throws JobInputTooLarge and leaves no file, whether the first or a later chunk passes the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdss-spool-limit-'));
    dirs.push(dir);
    const chunk = new Uint8Array(4096).fill(65);
    for (let round = 0; round < 20; round++) {
      for (const chunks of [1, 3]) {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < chunks; i++) controller.enqueue(chunk);
            controller.close();
          },
        });
        await expect(spoolBody(dir, body, chunk.byteLength * chunks - 1)).rejects.toBeInstanceOf(
          JobInputTooLarge,
        );
        expect(readdirSync(dir)).toEqual([]);
      }
    }
  });
});
