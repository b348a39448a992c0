/**
 * The service's log sink on Node: one JSON line per entry on stdout. A log line that cannot be
 * written (stdout a closed pipe: EPIPE; a log file that cannot grow: EFBIG, ENOSPC) never stops the
 * service: the sink notes the failure once on stderr (class and code only), stops writing to the
 * broken stream, and counts the lines it drops.
 * @module
 */
import type { Writable } from 'node:stream';
import type { LogEntry } from './log-entry.js';

/** A JSON-lines log sink; `dropped` counts lines not written since the stream broke. */
export interface JsonLineLog {
  (entry: LogEntry): void;
  readonly dropped: number;
}

/**
 * Creates a sink writing to `out` (default stdout), telling `err` (default stderr) once when `out`
 * breaks. Both streams get an `'error'` listener, so a broken pipe is never an uncaught exception.
 */
export function createJsonLineLog(
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): JsonLineLog {
  let broken = false;
  let errBroken = false;
  let dropped = 0;
  const fail = (error: unknown): void => {
    if (broken) return;
    broken = true;
    const code = (error as { code?: unknown } | undefined)?.code;
    if (errBroken) return;
    try {
      err.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'log-write-failed', errorName: error instanceof Error ? error.name : typeof error, ...(typeof code === 'string' ? { errorCode: code } : {}) })}\n`,
      );
    } catch {
      errBroken = true;
    }
  };
  if (!listening.has(out)) {
    out.on('error', fail);
    listening.add(out);
  }
  if (!listening.has(err)) {
    err.on('error', () => (errBroken = true));
    listening.add(err);
  }
  const log = ((entry: LogEntry): void => {
    if (broken || out.destroyed || !out.writable) {
      broken = true;
      dropped++;
      return;
    }
    try {
      out.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`, (error) => {
        if (error) fail(error);
      });
    } catch (error) {
      fail(error);
      dropped++;
    }
  }) as JsonLineLog;
  Object.defineProperty(log, 'dropped', { get: () => dropped });
  return log;
}

/** Streams that already carry one of our error listeners (a sink made twice adds none twice). */
const listening = new WeakSet<Writable>();
