/**
 * `mdss demo` seeds a history (6 monthly periods, some partners improving, one regressing) and is
 * idempotent: a second run records nothing and writes byte-identical reports.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { run } from '../../src/cli/demo-command.js';
import { run as report } from '../../src/cli/report-command.js';
import type { Scorecard } from '../../src/reports/conformance/scorecard.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(at: string): CliIo & { out: string[] } {
  const out: string[] = [];
  return {
    cwd: dir,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
    now: () => new Date(at),
    out,
  };
}

function snapshot(): { files: Record<string, string>; rows: unknown[] } {
  const reports = join(dir, 'data', 'reports');
  const files = Object.fromEntries(
    readdirSync(reports)
      .sort()
      .map((f) => [f, readFileSync(join(reports, f), 'utf8')]),
  );
  const db = new Database(join(dir, 'data', 'mdss.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        'select s.partner_id, s.feed, s.payload_hash, s.received_at, s.record_count, s.error_count, s.warning_count, (select count(*) from submission_issues i where i.submission_id = s.id) as issues, (select sum(passed) from submission_requirements r where r.submission_id = s.id) as passed from submissions s order by s.partner_id, s.received_at, s.payload_hash',
      )
      .all();
    return { files, rows };
  } finally {
    db.close();
  }
}

describe('mdss demo', () => {
  it('seeds 6 monthly periods and is idempotent: the same store and the same reports on a second run', async () => {
    expect(await run(['--db', 'data/mdss.sqlite'], io('2026-12-06T10:00:00Z'))).toBe(0);
    const first = snapshot();
    expect(first.rows.length).toBe(7 * 2 * 6);
    const again = io('2026-12-06T11:30:00Z');
    expect(await run(['--db', 'data/mdss.sqlite'], again)).toBe(0);
    const second = snapshot();
    expect(second.rows).toEqual(first.rows);
    expect(Object.keys(second.files)).toEqual(Object.keys(first.files));
    for (const [name, text] of Object.entries(first.files))
      expect(second.files[name], name).toBe(text);
  });

  it('gives scorecards a previous period and a 6-point series: some partners improving, one regressing', () => {
    const cards = readdirSync(join(dir, 'data', 'reports'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, 'data', 'reports', f), 'utf8')) as Scorecard);
    expect(cards.length).toBe(7);
    for (const card of cards) {
      expect(card.history.length).toBe(6);
      expect(card.overview.previous).not.toBeNull();
      expect(card.overview.previous?.from).toBe('2026-11-01T00:00:00.000Z');
      expect(card.requirements.some((r) => r.history.filter((x) => x !== null).length >= 3)).toBe(
        true,
      );
    }
    const delta = (c: Scorecard): number =>
      (c.history.at(-1)?.passRate ?? 0) - (c.history[0]?.passRate ?? 0);
    expect(cards.filter((c) => delta(c) > 0.05).length).toBeGreaterThanOrEqual(2);
    expect(cards.filter((c) => delta(c) < -0.05).map((c) => c.partner.id)).toEqual([
      'northvale-mental-health-trust',
    ]);
  });

  it('mdss report without a store says so (exit 2) and creates no database; with the demo store it reports', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mdss-nostore-'));
    try {
      // main() maps a ConfigError to exit code 2.
      await expect(report([], { ...io('2026-12-06T12:00:00Z'), cwd: empty })).rejects.toMatchObject(
        { name: 'ConfigError', code: 'store.not-found' },
      );
      expect(existsSync(join(empty, 'data'))).toBe(false);
      await expect(
        report(['--db', 'nothing-here.sqlite', '--format', 'json'], {
          ...io('2026-12-06T12:00:00Z'),
          cwd: empty,
        }),
      ).rejects.toMatchObject({ code: 'store.not-found' });
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const out = io('2026-12-06T12:00:00Z');
    expect(await report(['--format', 'json'], out)).toBe(0);
    const matrix = JSON.parse(out.out.join('')) as { rows: { history: unknown[] }[] };
    expect(matrix.rows.length).toBe(7);
    expect(matrix.rows.every((r) => r.history.length === 6)).toBe(true);
  });
});
