/**
 * The job input spool (Node): a request body streamed to a temp file in the spool directory, counted
 * (bytes, lines) and hashed as it is written, so the web process never holds the whole body. Workers
 * on the same machine (or sharing the directory) read it back as a stream; the file is deleted when
 * the job ends, whatever its outcome. File names are random ids. Files orphaned by a crash between
 * spooling and queueing, or by a Redis that lost its jobs, are swept: older than a configurable age
 * and held by no live job. See jobs.md.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobInputTooLarge } from './job-queue.js';

/** The spool directory: `MDSS_SPOOL_DIR`, else `<tmp>/mdss-spool`. Created when absent. */
export function spoolDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.MDSS_SPOOL_DIR || join(tmpdir(), 'mdss-spool');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A spooled body. */
export interface Spooled {
  readonly name: string;
  readonly bytes: number;
  readonly lines: number;
  readonly payloadHash: string;
}

/** Streams `body` to a new spool file under `dir`; past `maxBytes` deletes it and throws {@link JobInputTooLarge}. */
export async function spoolBody(
  dir: string,
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Spooled> {
  const name = `${randomUUID()}.spool`;
  const path = join(dir, name);
  const out = createWriteStream(path, { mode: 0o600 });
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let last = 10;
  try {
    if (body) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new JobInputTooLarge(maxBytes);
        }
        hash.update(value);
        for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) newlines++;
        if (value.byteLength) last = value[value.byteLength - 1]!;
        if (!out.write(value)) await new Promise((resolve) => out.once('drain', resolve));
      }
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    // the file is opened asynchronously: wait until the stream has closed (opened first, if the
    // open was still pending), or the removal below could run before the file exists and leave it
    if (!out.closed)
      await new Promise<void>((resolve) => {
        out.once('close', () => resolve());
        out.destroy();
      });
    await removeSpool(dir, name);
    throw error;
  }
  return { name, bytes, lines: newlines + (last === 10 ? 0 : 1), payloadHash: hash.digest('hex') };
}

/** Reads a spool file as a stream of byte chunks; `onChunk` sees each chunk (progress). */
export async function* readSpool(
  dir: string,
  name: string,
  onChunk?: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(join(dir, checkName(name)), {
    highWaterMark: 256 * 1024,
  })) {
    const bytes = chunk as Buffer;
    onChunk?.(bytes);
    yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/** Deletes a spool file (no error when already gone). */
export async function removeSpool(dir: string, name: string): Promise<void> {
  await rm(join(dir, checkName(name)), { force: true });
}

const spoolName = /^[0-9a-f-]{36}\.spool$/;

function checkName(name: string): string {
  if (!spoolName.test(name)) throw new Error('invalid spool name');
  return name;
}

/** Default age past which a spool file held by no live job is deleted (`MDSS_SPOOL_MAX_AGE_MS`): one hour. */
export const defaultSpoolMaxAgeMs = 3_600_000;

/** `MDSS_SPOOL_MAX_AGE_MS`, else {@link defaultSpoolMaxAgeMs}. */
export function spoolMaxAgeMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.MDSS_SPOOL_MAX_AGE_MS;
  return v !== undefined && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : defaultSpoolMaxAgeMs;
}

/**
 * Deletes the spool files of `dir` last written more than `maxAgeMs` ago and not in `live` (spools of
 * jobs not yet ended); returns how many. `live` is asked only when there are candidates; when it
 * fails (Redis down), nothing is deleted.
 */
export async function sweepSpool(
  dir: string,
  maxAgeMs: number,
  live: () => Promise<ReadonlySet<string>>,
  now: number = Date.now(),
): Promise<number> {
  const old: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!spoolName.test(name)) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && now - info.mtimeMs > maxAgeMs) old.push(name);
  }
  if (!old.length) return 0;
  const held = await live();
  let removed = 0;
  for (const name of old)
    if (!held.has(name)) {
      await removeSpool(dir, name);
      removed++;
    }
  return removed;
}

/** A running sweeper. */
export interface SpoolSweeper {
  /** Sweeps now (also done at start and every interval). */
  sweep(): Promise<number>;
  stop(): void;
}

/**
 * Sweeps `dir` at start and then every `everyMs` (default: half the age, at most ten minutes);
 * `onSweep` hears how many files went, or the error code when the sweep failed.
 */
export function startSpoolSweeper(options: {
  readonly dir: string;
  readonly maxAgeMs: number;
  readonly live: () => Promise<ReadonlySet<string>>;
  readonly everyMs?: number;
  readonly onSweep?: (outcome: { removed: number } | { error: string }) => void;
}): SpoolSweeper {
  const everyMs =
    options.everyMs ?? Math.min(600_000, Math.max(1000, Math.floor(options.maxAgeMs / 2)));
  const sweep = async (): Promise<number> => {
    try {
      const removed = await sweepSpool(options.dir, options.maxAgeMs, options.live);
      options.onSweep?.({ removed });
      return removed;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      options.onSweep?.({
        error: typeof code === 'string' ? code : error instanceof Error ? error.name : 'error',
      });
      return 0;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
