/**
 * The corpus on disk: one Bundle per line (NDJSON) in the OS temp folder, written once per seed and
 * count, then streamed by each engine's child process in batches so memory stays bounded.
 * @module
 */
import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateCorpus } from './generate-bundles.js';

/** What was written. */
export interface CorpusSummary {
  readonly path: string;
  readonly bundles: number;
  readonly resources: number;
  readonly bytes: number;
}

/** Path of the corpus file for a seed and Bundle count. */
export function corpusPath(seed: number, bundles: number): string {
  return join(tmpdir(), `mdss-bench-corpus-${seed}-${bundles}.ndjson`);
}

/** Writes the corpus (or reuses an existing file) and counts it. */
export async function writeCorpus(seed: number, bundles: number): Promise<CorpusSummary> {
  const path = corpusPath(seed, bundles);
  let resources = 0;
  let bytes = 0;
  const reuse = existsSync(path);
  const out = reuse ? undefined : createWriteStream(`${path}.tmp`);
  for (const item of generateCorpus(seed, bundles)) {
    resources += item.resources;
    bytes += Buffer.byteLength(item.text);
    if (out && !out.write(`${item.text}\n`)) await new Promise((r) => out.once('drain', r));
  }
  if (out) {
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    renameSync(`${path}.tmp`, path);
  }
  return { path, bundles, resources, bytes };
}

/** Streams the corpus in batches of about `batchBytes` of text. */
export async function* readCorpusBatches(
  path: string,
  batchBytes = 8 * 1024 * 1024,
): AsyncGenerator<string[]> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let batch: string[] = [];
  let size = 0;
  for await (const line of lines) {
    if (line.length === 0) continue;
    batch.push(line);
    size += line.length;
    if (size >= batchBytes) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}
