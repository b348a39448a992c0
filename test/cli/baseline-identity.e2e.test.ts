/**
 * Issue identity follows the record, end to end through `mdss validate`: a baseline written for a
 * feed keeps every known issue known after one valid record is inserted before the others (a Bundle
 * entry with its own fullUrl; a CLD row with its own Event_Reference). Before format 2 of the
 * baseline, the Bundle case gave 8 new, 2 known and 8 fixed. Uses the built CLI when it exists,
 * else the sources via tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const command = built
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];
const gp = join(root, 'examples', 'riverside-gp-practice');
const asc = join(root, 'examples', 'northvale-council-asc');
const available =
  existsSync(join(gp, 'gp-feed.json')) && existsSync(join(asc, 'cld-2026-q2-valid.csv'));
if (!available) console.warn('example feeds not found: baseline identity tests skipped');

interface JsonOut {
  readonly baseline: {
    readonly new: number;
    readonly known: number;
    readonly fixed: readonly unknown[];
  };
  readonly files: readonly {
    readonly issues: readonly { readonly code: string; readonly pointer: string }[];
  }[];
}

/** RFC 4180 CSV of records with the same columns (every field quoted). */
function toCsv(records: readonly Record<string, string>[]): string {
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const columns = Object.keys(records[0]!);
  return (
    [columns, ...records.map((r) => columns.map((c) => r[c] ?? ''))]
      .map((row) => row.map(quote).join(','))
      .join('\r\n') + '\r\n'
  );
}

function mdss(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `before` as `name`, records the baseline, writes `after` under the same name and compares. */
function ratchet(
  name: string,
  before: string,
  after: string,
  extra: string[] = [],
): { before: JsonOut; after: JsonOut } {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-identity-'));
  writeFileSync(join(dir, name), before);
  expect(
    mdss(['validate', name, '--baseline', 'base.json', '--update-baseline', ...extra], dir).code,
  ).toBe(0);
  const first = mdss(
    ['validate', name, '--baseline', 'base.json', '--format', 'json', ...extra],
    dir,
  );
  writeFileSync(join(dir, name), after);
  const second = mdss(
    ['validate', name, '--baseline', 'base.json', '--format', 'json', ...extra],
    dir,
  );
  expect(second.code).toBe(0);
  return {
    before: JSON.parse(first.stdout) as JsonOut,
    after: JSON.parse(second.stdout) as JsonOut,
  };
}

describe.skipIf(!available)('baseline identity follows the record (process)', () => {
  it('inserting a valid Bundle entry first leaves every known issue known: 0 new, 0 fixed', () => {
    const feed = JSON.parse(readFileSync(join(gp, 'gp-feed.json'), 'utf8')) as {
      entry: { fullUrl: string }[];
    };
    const valid = JSON.parse(readFileSync(join(gp, 'gp-feed-valid.json'), 'utf8')) as {
      entry: { fullUrl: string }[];
    };
    const inserted = structuredClone(feed);
    inserted.entry.unshift({
      ...structuredClone(valid.entry[1]!),
      fullUrl: 'urn:uuid:5a1e0001-0000-4000-8000-0000000000ff',
    });
    const { before, after } = ratchet(
      'gp-feed.json',
      JSON.stringify(feed, null, 2),
      JSON.stringify(inserted, null, 2),
    );
    const count = before.files[0]!.issues.length;
    expect(count).toBeGreaterThanOrEqual(7);
    expect(before.baseline).toMatchObject({ new: 0, known: count, fixed: [] });
    // Every issue moved to the next entry, and each one is still known.
    expect(after.files[0]!.issues.map((i) => i.pointer)).toEqual(
      before.files[0]!.issues.map((i) =>
        i.pointer.replace(/^\/entry\/(\d+)/, (_, n: string) => `/entry/${Number(n) + 1}`),
      ),
    );
    expect(after.baseline).toMatchObject({ new: 0, known: count, fixed: [] });
  });

  it('inserting a valid CLD row first leaves every known issue known: 0 new, 0 fixed', () => {
    const rows = parse(readFileSync(join(asc, 'cld-2026-q2-valid.csv'), 'utf8'), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const flawed = rows
      .slice(0, 4)
      .map((r, i) =>
        i === 2
          ? { ...r, Postcode: 'NOT A POSTCODE' }
          : i === 3
            ? { ...r, Event_Start_Date: '2026-13-45' }
            : r,
      );
    // Another person (Release 2 keys persons by NHS number, so the inserted row gets its own).
    const extra = {
      ...rows[0]!,
      Event_Reference: 'NV-E-INSERTED',
      LA_Person_Unique_Identifier: 'NV-P-INSERTED',
      NHS_Number: '9990090009',
    };
    const { before, after } = ratchet('cld.csv', toCsv(flawed), toCsv([extra, ...flawed]), [
      '--allow-test-numbers',
    ]);
    const count = before.files[0]!.issues.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(after.files[0]!.issues).toHaveLength(count);
    expect(after.baseline).toMatchObject({ new: 0, known: count, fixed: [] });
  });
});
