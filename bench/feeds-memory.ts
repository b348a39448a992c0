/**
 * Peak memory of validating a large CLD CSV (default 100,000 rows, from scripts/gen-cld-large.ts)
 * with the streaming API (`validateFeedStream` over 64 KiB chunks of the file), or, for contrast,
 * with the whole-text API (`--mode whole`). Prints rows, issues, time and peak RSS (the process's
 * `maxRSS`, so run one mode per process). For the closing note and the benchmark record, not a test.
 *
 * Usage: `node --import tsx bench/feeds-memory.ts [--rows N] [--mode stream|whole] [--file path]`
 * @module
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateFeed, validateFeedStream } from '../src/feeds/index.js';
import { writeLargeCld } from '../scripts/gen-cld-large.js';

function argValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const rows = Number(argValue(args, '--rows') ?? 100_000);
const mode = argValue(args, '--mode') ?? 'stream';
const file = resolve(argValue(args, '--file') ?? join(tmpdir(), `mdss-cld-${rows}.csv`));
if (!existsSync(file)) writeLargeCld(file, rows);

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const before = process.memoryUsage().rss;
const started = performance.now();
const options = { allowTestNumbers: true, maxIssues: 100_000 } as const;
const result =
  mode === 'whole'
    ? validateFeed(readFileSync(file, 'utf8'), options)
    : await validateFeedStream(
        createReadStream(file, {
          encoding: 'utf8',
          highWaterMark: 64 * 1024,
        }) as AsyncIterable<string>,
        options,
      );
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;

console.log(
  JSON.stringify(
    {
      bench: 'feeds-memory',
      mode,
      file: `${mb(statSync(file).size)} CSV`,
      records: result.recordCount,
      issues: result.issues.length,
      truncated: result.truncated,
      seconds: +(ms / 1000).toFixed(2),
      rowsPerSecond: Math.round(result.recordCount / (ms / 1000)),
      rssBefore: mb(before),
      peakRss: mb(peak),
    },
    null,
    2,
  ),
);
