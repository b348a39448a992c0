/**
 * The progress display of `mdss validate` (issue 19) with an injected clock: on a terminal it
 * redraws at most every 250 ms whatever the number of files; off a terminal it writes plain lines
 * at the configured spacing and a summary line, with no control characters.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  count,
  createProgress,
  progressIntervalMs,
  ttyRedrawMs,
  type ProgressOptions,
} from '../../src/cli/progress.js';

/** Runs `files` files of `msPerFile` each through a display; returns what it wrote. */
function simulate(files: number, msPerFile: number, options: Partial<ProgressOptions>): string[] {
  let now = 1_000;
  const out: string[] = [];
  const progress = createProgress({
    total: files,
    tty: false,
    intervalMs: 5_000,
    write: (t) => void out.push(t),
    now: () => now,
    ...options,
  });
  for (let i = 1; i <= files; i++) {
    now += msPerFile;
    progress.update(i, i * 10, i);
  }
  progress.finish(files, files * 10, files);
  return out;
}

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('progress on a terminal', () => {
  it('redraws 1,500 files of 10 ms at most 4 times a second, not once per file', () => {
    const out = simulate(1_500, 10, { tty: true });
    // 15 s of work: a redraw every 250 ms while files remain (59), and the final one
    expect(out.length).toBe((1_500 * 10) / ttyRedrawMs);
    expect(out.every((t) => t.startsWith('\r['))).toBe(true);
    expect(out.at(-1)).toMatch(/^\r\[1500\/1500 files, 15,000 records, .*\]/);
    expect(out.at(-1)!.endsWith('\u001b[K\n')).toBe(true);
    // the old display wrote about 50 bytes per file (76 KB for 1,500 files)
    expect(out.join('').length).toBeLessThan(8_000);
  });

  it('draws fast runs once, at the end', () => {
    expect(simulate(1_500, 0.01, { tty: true })).toHaveLength(1);
  });
});

describe('progress off a terminal (CI logs)', () => {
  it('writes one plain line per interval and a summary line, without control characters', () => {
    const out = simulate(100, 1_000, { intervalMs: 5_000 });
    const lines = out.join('').split('\n').slice(0, -1);
    expect(out.every((t) => t.endsWith('\n') && !control.test(t.slice(0, -1)))).toBe(true);
    expect(lines).toHaveLength(100 / 5 + 1);
    expect(lines[0]).toBe(
      'mdss: progress 5/100 files, 50 records, 5 issues, 10 records/s, ETA 1m35s',
    );
    expect(lines.at(-1)).toBe(
      'mdss: checked 100 files, 1,000 records, 100 issues in 1m40s (10 records/s)',
    );
  });

  it('writes a line after every file with interval 0', () => {
    const out = simulate(7, 0, { intervalMs: 0 });
    expect(out).toHaveLength(8);
    expect(out.slice(0, 7).map((l) => /progress (\d+)\//.exec(l)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
  });

  it('reads --progress-interval before MDSS_PROGRESS_INTERVAL, in seconds', () => {
    expect(progressIntervalMs(undefined, undefined)).toBeUndefined();
    expect(progressIntervalMs('0', '9')).toBe(0);
    expect(progressIntervalMs(undefined, '2.5')).toBe(2_500);
    expect(() => progressIntervalMs('-1', undefined)).toThrow(ConfigError);
    expect(() => progressIntervalMs(undefined, 'soon')).toThrow(/MDSS_PROGRESS_INTERVAL soon/);
  });
});

describe('counts in progress lines', () => {
  it('writes whole numbers as en-GB does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 13_980, 999_999, 1_000_000, 123_456_789, -4_500, 12.6])
      expect(count(n)).toBe(Math.round(n).toLocaleString('en-GB'));
  });
});
