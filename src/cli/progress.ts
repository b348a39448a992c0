/**
 * Progress of `mdss validate` on standard error. Two modes, by what stderr is:
 *
 * - **not a terminal** (CI logs, files, pipes): one plain line at most every `intervalMs`
 *   (`--progress-interval <s>` or `MDSS_PROGRESS_INTERVAL`, default 5 s; 0 = after every file) —
 *   `mdss: progress 3/10 files, 1,200 records, 4 issues, 600 records/s, ETA 12s` — and one final
 *   summary line, `mdss: checked 10 files, 4,000 records, 9 issues in 6.2s (645 records/s)`.
 *   No control characters.
 * - **a terminal**: one line redrawn in place (`\r`), at most every {@link ttyRedrawMs} (a few
 *   times per second, whatever the number of files), with a last redraw at the end and a newline.
 *
 * The clock is injected, so the throttle is tested without timing.
 * @module
 */
import { ConfigError } from '../errors.js';

/** Minimum spacing of redraws on a terminal (at most four per second). */
export const ttyRedrawMs = 250;

/** Default spacing of the plain progress lines when stderr is not a terminal. */
export const defaultProgressIntervalMs = 5_000;

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Files to check in all. */
  readonly total: number;
  /** Whether stderr is a terminal (redraw in place) or not (plain lines). */
  readonly tty: boolean;
  /** Spacing of plain lines (not a terminal), in ms; 0 = a line after every file. */
  readonly intervalMs: number;
  readonly write: (text: string) => void;
  /** Milliseconds from any origin (Date.now, performance.now, a test clock). */
  readonly now: () => number;
}

/** What the run reports to the progress display. */
export interface Progress {
  /** `done` files checked so far, with `records` records and `issues` issues in all. */
  update(done: number, records: number, issues: number): void;
  /** The run is over: the last redraw and newline (terminal) or the summary line (plain). */
  finish(done: number, records: number, issues: number): void;
}

/**
 * A whole number with thousands separators, as `toLocaleString('en-GB')` writes it (`13,980`),
 * without Intl: the first locale call loads ICU data, ≈15–20 ms of every CLI run.
 */
export function count(n: number): string {
  const whole = String(Math.round(Math.abs(n)));
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && whole !== '0' ? `-${grouped}` : grouped;
}

function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/** The progress display; see the module's description. */
export function createProgress(options: ProgressOptions): Progress {
  const started = options.now();
  let last: number | undefined;
  let drawn = false;
  const status = (done: number, records: number, issues: number, at: number) => {
    const ms = at - started;
    const rate = ms > 0 ? Math.round((records * 1000) / ms) : 0;
    const eta =
      done > 0 && done < options.total ? duration((ms / done) * (options.total - done)) : '0s';
    return `${done}/${options.total} files, ${count(records)} records, ${count(issues)} issues, ${count(rate)} records/s, ETA ${eta}`;
  };
  return {
    update(done, records, issues) {
      const at = options.now();
      const spacing = options.tty ? ttyRedrawMs : options.intervalMs;
      // on a terminal the last file is drawn by finish()
      if (options.tty && done >= options.total) return;
      if (last !== undefined && at - last < spacing) return;
      if (last === undefined && spacing > 0 && at - started < spacing) return;
      last = at;
      if (options.tty) {
        drawn = true;
        options.write(`\r[${status(done, records, issues, at)}]\u001b[K`);
      } else options.write(`mdss: progress ${status(done, records, issues, at)}\n`);
    },
    finish(done, records, issues) {
      const at = options.now();
      const ms = at - started;
      if (options.tty) {
        if (drawn || options.total > 1)
          options.write(`\r[${status(done, records, issues, at)}]\u001b[K\n`);
        return;
      }
      const rate = ms > 0 ? Math.round((records * 1000) / ms) : 0;
      options.write(
        `mdss: checked ${count(done)} file${done === 1 ? '' : 's'}, ${count(records)} records, ${count(issues)} issues in ${duration(ms)} (${count(rate)} records/s)\n`,
      );
    },
  };
}

/**
 * The plain-line spacing from `--progress-interval <s>` (wins) or `MDSS_PROGRESS_INTERVAL`
 * (seconds, decimals allowed); undefined when neither is given. A value that is not a number of
 * seconds from 0 to 3600 is a configuration error (exit 2).
 */
export function progressIntervalMs(
  option: string | undefined,
  env: string | undefined,
): number | undefined {
  const value = option ?? env;
  if (value === undefined || value === '') return undefined;
  const s = /^\d{1,4}(\.\d{1,3})?$/.test(value) ? Number(value) : NaN;
  if (!(s >= 0 && s <= 3600))
    throw new ConfigError(
      'cli.bad-progress-interval',
      `${option !== undefined ? '--progress-interval' : 'MDSS_PROGRESS_INTERVAL'} ${value}: expected a number of seconds from 0 to 3600`,
    );
  return Math.round(s * 1000);
}
