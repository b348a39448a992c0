/**
 * Child process of the benchmark: sets up ONE engine, streams the corpus through it and prints one
 * JSON line with its figures. Running each engine in its own process makes peak RSS per engine.
 * Usage: node --import tsx bench/engine-child.ts --engine mdss --corpus FILE [--no-pack] [--second-pass]
 * (the benchmark runs it bundled, without tsx: see bench/child-process.ts)
 * @module
 */
import { parseArgs } from 'node:util';
import { readCorpusBatches } from './corpus-file.js';
import { createBenchEngine, type EngineName } from './engines.js';
import { loadFrameworkProfiles, withFrameworkProfiles } from './framework-profiles.js';

/** What a child reports. */
export interface ChildFigures {
  readonly engine: EngineName;
  readonly notes: readonly string[];
  /** Engine set-up: module import and definitions loading (ms). */
  readonly setupMs: number;
  /**
   * Set-up plus the first Bundle's validation (ms): the in-process cold start. Reading and preparing
   * the corpus's first batch (≈ 8 MB, I/O and counting) between the two is not part of it.
   */
  readonly firstResultMs: number;
  /** From process start (performance.timeOrigin) to the first result (ms). */
  readonly processToFirstResultMs: number;
  /** Time spent validating the corpus (ms), I/O excluded. */
  readonly validateMs: number;
  /**
   * With `--second-pass`: time spent validating the corpus a second time in the same process (ms),
   * I/O excluded: the engine with its code optimised and its first-use work done (steady state).
   */
  readonly secondPassMs?: number | undefined;
  readonly bundles: number;
  readonly resources: number;
  readonly bytes: number;
  /** Error issues reported on the (clean) corpus, and a sample of them. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** Error counts by issue code (or medplum message). */
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Resident set size right after set-up, before any input (MB). */
  readonly setupRssMb: number;
  /** Peak resident set size of this process (MB). */
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      corpus: { type: 'string' },
      'no-pack': { type: 'boolean' },
      'second-pass': { type: 'boolean' },
    },
  });
  const engineName = values.engine as EngineName;
  if (!values.corpus) throw new Error('--corpus is required');
  const t0 = performance.now();
  const engine = await createBenchEngine(engineName, values['no-pack'] !== true);
  const setupMs = performance.now() - t0;
  const setupRssMb = process.memoryUsage.rss() / 1048576;
  const framework = engineName === 'mdss-framework' ? loadFrameworkProfiles() : undefined;
  let firstResultMs = -1;
  let processToFirstResultMs = -1;
  let validateMs = 0;
  let bundles = 0;
  let resources = 0;
  let bytes = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const errorCodes: Record<string, number> = {};
  for await (const raw of readCorpusBatches(values.corpus)) {
    const jsonBatch = framework ? raw.map((t) => withFrameworkProfiles(t, framework)) : raw;
    for (const text of jsonBatch) resources += (text.match(/"fullUrl":/g) ?? []).length;
    // engines that read another format convert the batch before timing
    const batch = engine.prepare ? jsonBatch.map((t) => engine.prepare!(t)) : jsonBatch;
    for (const text of batch) bytes += Buffer.byteLength(text);
    const start = performance.now();
    for (const text of batch) {
      const v = engine.validateBundleText(text);
      if (firstResultMs < 0) {
        firstResultMs = setupMs + (performance.now() - start);
        processToFirstResultMs = performance.now();
      }
      errors += v.errors;
      for (const d of v.details) {
        const code = d.split(' @ ')[0] ?? d;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
      if (errorSamples.length < 10)
        errorSamples.push(...v.details.slice(0, 10 - errorSamples.length));
    }
    validateMs += performance.now() - start;
    bundles += batch.length;
  }
  let secondPassMs: number | undefined;
  if (values['second-pass']) {
    secondPassMs = 0;
    for await (const raw of readCorpusBatches(values.corpus)) {
      const jsonBatch = framework ? raw.map((t) => withFrameworkProfiles(t, framework)) : raw;
      const batch = engine.prepare ? jsonBatch.map((t) => engine.prepare!(t)) : jsonBatch;
      const start = performance.now();
      for (const text of batch) engine.validateBundleText(text);
      secondPassMs += performance.now() - start;
    }
  }
  const figures: ChildFigures = {
    engine: engineName,
    notes: engine.notes,
    setupMs,
    firstResultMs,
    processToFirstResultMs,
    validateMs,
    secondPassMs,
    bundles,
    resources,
    bytes,
    errors,
    errorSamples,
    errorCodes,
    setupRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
