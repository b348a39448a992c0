/**
 * Entry points of the feed engine: validate a whole social-care feed given as text, or stream one
 * from text or UTF-8 byte chunks in bounded memory (CSV and NDJSON; a JSON document is read whole).
 * @module
 */
import { IssueCollector } from '../issues/collector.js';
import type { ValidationResult } from '../validation-result.js';
import { cinFeed } from './cin-feed.js';
import { cldFeed } from './cld-feed.js';
import { cldRelease2Feed } from './cld-release-2-feed.js';
import type { CldRelease, CldReleaseChoice } from './detect-cld-release.js';
import { detectCldRelease } from './detect-cld-release.js';
import { CsvFeedReader } from './csv-feed-reader.js';
import { detectFeed } from './detect-feed.js';
import type { FeedFormat } from './detect-feed.js';
import type { FeedDefinition, FeedKind } from './feed-definition.js';
import { FeedSession } from './feed-session.js';
import { readJsonFeed } from './json-feed-reader.js';
import { NdjsonFeedReader } from './ndjson-feed-reader.js';
import { columnKey } from './map-csv-header.js';

/** Options of {@link validateFeed} and {@link validateFeedStream}. */
export interface FeedValidateOptions {
  /** The feed kind; detected from the header or keys when absent (`--feed` on the CLI). */
  readonly feed?: FeedKind;
  /** The input format; detected when absent. */
  readonly format?: FeedFormat;
  /** The file name, used only for detection by extension. */
  readonly filename?: string;
  /** Accept NHS numbers in the 999 test range (the framework's test-data setting). Default false. */
  readonly allowTestNumbers?: boolean;
  /** Stop recording after this many issues. Default 10,000. */
  readonly maxIssues?: number;
  /**
   * Stop reading after this many milliseconds: `engine.limit-reached` (`timeBudgetMs`) and a partial
   * result, as for FHIR. Default: no budget.
   */
  readonly timeBudgetMs?: number;
  /** Monotonic milliseconds for the time budget and yielding; default `performance.now()`. */
  readonly clock?: () => number;
  /**
   * `validateFeedStream` and `validateFeedText` only: give the event loop a turn (a macrotask)
   * whenever this many milliseconds of reading have passed, so that a long feed does not hold up a
   * service's other requests. Default: never yield.
   */
  readonly yieldEveryMs?: number;
  /** The clock (injected; the core reads none). When given, birth and death dates after its UTC date are reported. */
  readonly now?: () => Date;
  /** Quote payload values (cells, column names, parser errors) in messages and params. Default false. */
  readonly showValues?: boolean;
  /** The CLD specification release (`--cld-release`); detected from values, header and period when absent. */
  readonly cldRelease?: CldRelease;
}

const definitions: Readonly<Record<FeedKind, FeedDefinition>> = { cld: cldFeed, cin: cinFeed };

interface Plan {
  readonly def?: FeedDefinition;
  readonly format: FeedFormat;
  readonly reason?: string;
  /** For an unrecognised CSV: the CSV feed whose columns the header matches best. */
  readonly closest?: ClosestFeed;
  readonly release?: CldReleaseChoice;
}

/** The CSV feed a header comes nearest to: its label and how many of its columns the header has. */
interface ClosestFeed {
  readonly feed: string;
  readonly matched: number;
  readonly columns: number;
}

/** The CSV feeds, by the label an unrecognised header is compared with. */
const csvFeeds: readonly (readonly [string, FeedDefinition])[] = [
  ['CLD', cldRelease2Feed],
  ['CLD Release 1', cldFeed],
];

/** The CSV feed with the most columns in `head`'s first line (ties: the first listed). */
function closestCsvFeed(head: string): ClosestFeed | undefined {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const header = new Set(
    (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => columnKey(c.replace(/"/g, ''))),
  );
  let best: ClosestFeed | undefined;
  for (const [feed, def] of csvFeeds) {
    const matched = def.fields.filter((f) => header.has(columnKey(f.name))).length;
    if (!best || matched > best.matched) best = { feed, matched, columns: def.fields.length };
  }
  return best;
}

function plan(head: string, options: FeedValidateOptions): Plan {
  const detected = detectFeed(head, options.filename);
  const format = options.format ?? detected.format;
  const feed = options.feed ?? detected.feed;
  if (!feed && detected.otherDelimiter) {
    return {
      format,
      reason: `the CSV is delimited by ${detected.otherDelimiter === '\t' ? 'tabs' : `'${detected.otherDelimiter}'`}; MDSS reads comma-separated CSV`,
    };
  }
  if (!feed && format === 'csv') {
    const closest = closestCsvFeed(head);
    return {
      format,
      reason: `the CSV header matches no known feed${closest ? ` (closest: ${closest.feed}, ${closest.matched} of ${closest.columns} columns)` : ''}`,
      ...(closest ? { closest } : {}),
    };
  }
  if (!feed) return { format, reason: 'no record keys of a known feed' };
  const def = definitions[feed];
  if (format === 'csv' && !def.csv)
    return { format, reason: `the ${feed} feed is read from JSON or NDJSON, not CSV` };
  if (feed !== 'cld') return { def, format };
  const release: CldReleaseChoice = options.cldRelease
    ? { release: options.cldRelease, basis: 'option' }
    : detectCldRelease(head, format);
  return { def: release.release === 1 ? cldFeed : cldRelease2Feed, format, release };
}

function unknownFeed(reason: string, closest?: ClosestFeed): ValidationResult {
  const collector = new IssueCollector();
  // for a CSV, the nearest feed and its column counts as parameters (codes and counts only)
  const near = closest
    ? {
        closestFeed: closest.feed,
        matchedColumns: String(closest.matched),
        feedColumns: String(closest.columns),
      }
    : {};
  collector.add({
    code: 'feed.unknown-feed',
    pointer: '',
    expression: '',
    params: { reason, ...near },
  });
  return {
    valid: false,
    issues: collector.issues(),
    truncated: false,
    profiles: [],
    recordCount: 0,
    records: [],
  };
}

function sessionOf(
  def: FeedDefinition,
  options: FeedValidateOptions,
  release?: CldReleaseChoice,
): FeedSession {
  return new FeedSession(def, {
    ...(release ? { releaseBasis: release.basis } : {}),
    ...(options.allowTestNumbers ? { allowTestNumbers: true } : {}),
    ...(options.now ? { today: options.now().toISOString().slice(0, 10) } : {}),
    ...(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues }),
    ...(options.timeBudgetMs === undefined ? {} : { timeBudgetMs: options.timeBudgetMs }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.showValues ? { showValues: true } : {}),
  });
}

/** Text is handed to the CSV and NDJSON readers in slices of this many characters. */
const sliceChars = 16_384;

/** `text` in slices (the readers stop between slices once the session is truncated). */
function* slices(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += sliceChars) yield text.slice(at, at + sliceChars);
}

/**
 * Validates a social-care feed (CLD CSV/JSON/NDJSON, CIN JSON/NDJSON) given as text. Never throws
 * for bad data: an unrecognised payload gives `feed.unknown-feed`.
 * @example validateFeed(csvText, { allowTestNumbers: true }).issues.map((i) => i.code)
 */
export function validateFeed(text: string, options: FeedValidateOptions = {}): ValidationResult {
  const p = plan(text, options);
  if (!p.def) return unknownFeed(p.reason ?? 'unknown', p.closest);
  const session = sessionOf(p.def, options, p.release);
  if (p.format === 'json') {
    readJsonFeed(text, session);
  } else {
    const reader = p.format === 'csv' ? new CsvFeedReader(session) : new NdjsonFeedReader(session);
    for (const slice of slices(text)) {
      if (session.truncated) break;
      reader.push(slice);
    }
    reader.end();
  }
  return session.finish();
}

/**
 * Validates a feed given as text without holding the event loop: as {@link validateFeedStream}
 * over slices of the text, yielding every `yieldEveryMs` (default 10 ms).
 * @example await validateFeedText(csvText, { timeBudgetMs: 10_000, maxIssues: 10_000 })
 */
export function validateFeedText(
  text: string,
  options: FeedValidateOptions = {},
): Promise<ValidationResult> {
  async function* chunks(): AsyncGenerator<string> {
    yield* slices(text);
  }
  return validateFeedStream(chunks(), { yieldEveryMs: 10, ...options });
}

/** A macrotask turn: lets timers and I/O (other requests) run. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Text needed before detection can decide: the header and up to 50 rows (the CLD release is read from values), or this much. */
const detectChars = 65_536;
const detectLines = 51;

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Decodes byte chunks as UTF-8 (strict: invalid bytes end the read with `input.invalid-utf8`). */
async function* decoded(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let bytes = false;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    bytes = true;
    yield decoder.decode(chunk, { stream: true });
  }
  if (bytes) yield decoder.decode();
}

function isDecodeError(err: unknown): boolean {
  return err instanceof TypeError;
}

/**
 * Validates a feed arriving in chunks (text, or UTF-8 bytes such as a request body). CSV and NDJSON
 * are read incrementally: memory holds one batch of rows plus what the cross-record checks keep
 * (event references, person ids, unresolved links), never the whole file. A JSON document is
 * collected and read whole. Stops reading once `maxIssues` or `timeBudgetMs` is reached; with
 * `yieldEveryMs`, gives the event loop a turn between chunks.
 */
export async function validateFeedStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: FeedValidateOptions = {},
): Promise<ValidationResult> {
  const iterator = decoded(chunks)[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  try {
    while (!done && head.length < detectChars && lineCount(head) < detectLines) {
      const next = await iterator.next();
      if (next.done) done = true;
      else head += next.value;
    }
  } catch (err) {
    if (isDecodeError(err)) return invalidUtf8();
    throw err;
  }
  const p = plan(head, options);
  if (!p.def) return unknownFeed(p.reason ?? 'unknown', p.closest);
  const session = sessionOf(p.def, options, p.release);
  const clock = options.clock ?? (() => performance.now());
  let lastYield = clock();
  const maybeYield = async (): Promise<void> => {
    if (options.yieldEveryMs === undefined || clock() - lastYield < options.yieldEveryMs) return;
    await yieldToEventLoop();
    lastYield = clock();
  };
  try {
    if (p.format === 'json') {
      let text = head;
      for (
        let next = done ? undefined : await iterator.next();
        next && !next.done;
        next = await iterator.next()
      )
        text += next.value;
      readJsonFeed(text, session);
      return session.finish();
    }
    const reader = p.format === 'csv' ? new CsvFeedReader(session) : new NdjsonFeedReader(session);
    for (const slice of slices(head)) reader.push(slice);
    // small chunks are gathered into slices: the readers then see few, large pushes
    let gathered: string[] = [];
    let gatheredChars = 0;
    const flush = (): void => {
      for (const slice of slices(gathered.join(''))) reader.push(slice);
      gathered = [];
      gatheredChars = 0;
    };
    while (!done && !session.truncated) {
      await maybeYield();
      const next = await iterator.next();
      if (next.done) done = true;
      else {
        gathered.push(next.value);
        gatheredChars += next.value.length;
        if (gatheredChars >= sliceChars) flush();
      }
    }
    if (gatheredChars > 0 && !session.truncated) flush();
    if (!done) await iterator.return?.(undefined);
    reader.end();
  } catch (err) {
    if (!isDecodeError(err)) throw err;
    session.addIssue({ code: 'input.invalid-utf8', pointer: '', expression: '' });
  }
  return session.finish();
}

function invalidUtf8(): ValidationResult {
  const collector = new IssueCollector();
  collector.add({ code: 'input.invalid-utf8', pointer: '', expression: '' });
  return {
    valid: false,
    issues: collector.issues(),
    truncated: false,
    profiles: [],
    recordCount: 0,
    records: [],
  };
}
