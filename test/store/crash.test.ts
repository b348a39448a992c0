/**
 * Crash safety: a process recording a large submission is SIGKILLed mid-transaction; the database
 * then opens fine (SQLite: integrity_check ok) and holds the whole submission or none of it.
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { storeTargets, type TestDatabase } from './store-targets.js';
import { fakeHash, makeSummary } from './summary-fixtures.js';

const targets = await storeTargets();
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ISSUE_ROWS = 20_000;

/** Runs the child until it prints MID-TRANSACTION, then SIGKILLs it; resolves with how it ended. */
function runAndKill(
  options: object,
  pause: boolean,
): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        MDSS_CRASH_OPTIONS: JSON.stringify(options),
        MDSS_CRASH_ISSUES: String(ISSUE_ROWS),
        MDSS_CRASH_PAUSE: pause ? '1' : '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('MID-TRANSACTION')) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(
    `crash during recordSubmission on ${target.name}`,
    () => {
      let database: TestDatabase | undefined;
      afterEach(async () => {
        await database?.dispose();
        database = undefined;
      });

      async function prepare(): Promise<TestDatabase> {
        const db = await target.create();
        const store = await db.open();
        await store.upsertPartner({
          id: 'northvale-council',
          name: 'Northvale Council',
          kind: 'council',
        });
        await store.close();
        return db;
      }

      it('leaves no half submission when killed while the transaction is open', async () => {
        database = await prepare();
        const run = await runAndKill(database.options, true);
        expect(run.stderr).not.toMatch(/Error/);
        expect(run.stdout).toContain('MID-TRANSACTION');
        expect(run.stdout).not.toContain('COMMITTED');
        expect(run.signal).toBe('SIGKILL');

        if (
          target.name === 'sqlite' &&
          'sqlitePath' in database.options &&
          database.options.sqlitePath
        ) {
          const raw = new Database(database.options.sqlitePath);
          try {
            expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
            expect(raw.pragma('foreign_key_check')).toEqual([]);
            for (const table of [
              'submissions',
              'submission_requirements',
              'submission_issues',
              'submission_must_support',
            ]) {
              expect(raw.prepare(`select count(*) as n from ${table}`).get()).toEqual({ n: 0 });
            }
          } finally {
            raw.close();
          }
        }
        const store = await database.open();
        try {
          expect(await store.listSubmissions('northvale-council')).toEqual([]);
          const period = await store.loadPartnerPeriod(
            'northvale-council',
            '2000-01-01',
            '2100-01-01',
          );
          expect(period.issues).toEqual([]);
          const { id } = await store.recordSubmission(
            makeSummary({ payloadHash: fakeHash('after-crash') }),
          );
          expect((await store.getSubmission(id))?.issues).toHaveLength(3);
        } finally {
          await store.close();
        }
      });

      it('holds all or nothing when killed while writing at full speed', async () => {
        database = await prepare();
        const run = await runAndKill(database.options, false);
        expect(run.stderr).not.toMatch(/Error/);
        const store = await database.open();
        try {
          const submissions = await store.listSubmissions('northvale-council');
          expect(submissions.length).toBeLessThanOrEqual(1);
          const period = await store.loadPartnerPeriod(
            'northvale-council',
            '2000-01-01',
            '2100-01-01',
          );
          if (submissions.length === 0) {
            expect(period.issues).toEqual([]);
            expect(period.requirements).toEqual([]);
          } else {
            expect(period.issues).toHaveLength(ISSUE_ROWS);
            expect(period.mustSupport).toHaveLength(2);
          }
        } finally {
          await store.close();
        }
      });
    },
  );
}
