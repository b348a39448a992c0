/**
 * Issue 21: orphaned spool files (a crash between spooling and queueing, a Redis restart that lost
 * its jobs) are swept: at start and periodically, files older than the configured age that no live
 * job holds are deleted; young files (a body still streaming in) and live jobs' files are kept; when
 * the live jobs cannot be read (Redis down) nothing is deleted. The server sweeps its spool at start.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepSpool } from '../../src/jobs/spool.js';
import { startServer } from '../../src/server/node.js';
import { openStore } from '../../src/store/open-store.js';
import { baseValidator } from '../server/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function spoolWith(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-sweep-'));
  dirs.push(dir);
  const now = Date.now() / 1000;
  for (const [name, ageSeconds] of Object.entries(files)) {
    writeFileSync(join(dir, name), '{"resourceType":"Patient"}\n');
    utimesSync(join(dir, name), now - ageSeconds, now - ageSeconds);
  }
  return dir;
}

const orphan = `${'a'.repeat(8)}-aaaa-aaaa-aaaa-${'a'.repeat(12)}.spool`;
const live = `${'b'.repeat(8)}-bbbb-bbbb-bbbb-${'b'.repeat(12)}.spool`;
const young = `${'c'.repeat(8)}-cccc-cccc-cccc-${'c'.repeat(12)}.spool`;

describe('spool sweeping', () => {
  it('deletes old files no live job holds; keeps live jobs’ files, young files and other files', async () => {
    const dir = spoolWith({ [orphan]: 7200, [live]: 7200, [young]: 10, 'notes.txt': 7200 });
    const removed = await sweepSpool(dir, 3_600_000, async () => new Set([live]));
    expect(removed).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([live, young, 'notes.txt'].sort());
  });

  it('deletes nothing when the live jobs cannot be read', async () => {
    const dir = spoolWith({ [orphan]: 7200 });
    await expect(
      sweepSpool(dir, 3_600_000, () => Promise.reject(new Error('redis down'))),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([orphan]);
  });

  it('the server sweeps its spool at start (in-process queue: no live job holds an old file)', async () => {
    const dir = spoolWith({ [orphan]: 7200, [young]: 10 });
    const store = await openStore({ sqlitePath: ':memory:' });
    const events: string[] = [];
    const running = await startServer({
      port: 0,
      validator: baseValidator(),
      storeInstance: store,
      spoolDir: dir,
      spoolMaxAgeMs: 3_600_000,
      log: (e) => events.push(String(e.event)),
    });
    try {
      // the file goes first, then the sweep's log line: wait for both
      for (let i = 0; i < 500 && !events.includes('spool-swept'); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(dir)).toEqual([young]);
      expect(events).toContain('spool-swept');
    } finally {
      await running.close();
      await store.close();
    }
  });
});
