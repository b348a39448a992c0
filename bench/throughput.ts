/**
 * Throughput rounds: every round runs each engine once, each in a fresh child process, in an order
 * rotated per round (interleaved, so drift in machine load hits every engine alike). Figures are
 * medians over the rounds.
 * @module
 */
import { runChild } from './child-process.js';
import type { ChildFigures } from './engine-child.js';
import type { EngineName } from './engines.js';
import { median } from './stats.js';

/** Median figures of one engine over the rounds. */
export interface EngineSummary {
  readonly engine: EngineName;
  readonly notes: readonly string[];
  readonly rounds: number;
  readonly resourcesPerSec: number;
  readonly mbPerSec: number;
  /** Resources/s of a second pass over the corpus in the same process (steady state), if measured. */
  readonly secondPassResourcesPerSec?: number | undefined;
  readonly setupMs: number;
  readonly firstResultMs: number;
  readonly processToFirstResultMs: number;
  readonly peakRssMb: number;
  /** RSS right after set-up (MB). */
  readonly setupRssMb: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** Error counts by code in the round with the most errors. */
  readonly errorCodes: Readonly<Record<string, number>>;
  readonly resources: number;
  readonly bytes: number;
}

/** Runs `rounds` interleaved rounds over the corpus file; `log` receives progress lines. */
export async function runThroughput(
  corpus: string,
  engines: readonly EngineName[],
  rounds: number,
  log: (line: string) => void,
  extraArgs: readonly string[] = [],
): Promise<EngineSummary[]> {
  const runs = new Map<EngineName, ChildFigures[]>(engines.map((e) => [e, []]));
  for (let round = 0; round < rounds; round++) {
    const order = engines.map((_, i) => engines[(i + round) % engines.length] as EngineName);
    for (const engine of order) {
      const f = await runChild<ChildFigures>(
        './engine-child.ts',
        ['--engine', engine, '--corpus', corpus, ...extraArgs],
        { compiled: true },
      );
      runs.get(engine)?.push(f);
      log(
        `round ${round + 1}/${rounds} ${engine}: ${Math.round(f.resources / (f.validateMs / 1000))} resources/s, set-up ${Math.round(f.setupMs)} ms, peak RSS ${Math.round(f.peakRssMb)} MB`,
      );
    }
  }
  return engines.map((engine) => {
    const fs = runs.get(engine) ?? [];
    const first = fs[0] as ChildFigures;
    return {
      engine,
      notes: first.notes,
      rounds: fs.length,
      resourcesPerSec: median(fs.map((f) => f.resources / (f.validateMs / 1000))),
      mbPerSec: median(fs.map((f) => f.bytes / 1e6 / (f.validateMs / 1000))),
      secondPassResourcesPerSec: fs.every((f) => f.secondPassMs !== undefined)
        ? median(fs.map((f) => f.resources / ((f.secondPassMs ?? 0) / 1000)))
        : undefined,
      setupMs: median(fs.map((f) => f.setupMs)),
      firstResultMs: median(fs.map((f) => f.firstResultMs)),
      processToFirstResultMs: median(fs.map((f) => f.processToFirstResultMs)),
      peakRssMb: median(fs.map((f) => f.peakRssMb)),
      setupRssMb: median(fs.map((f) => f.setupRssMb)),
      errors: Math.max(...fs.map((f) => f.errors)),
      errorSamples: fs.flatMap((f) => f.errorSamples).slice(0, 5),
      errorCodes: [...fs].sort((a, b) => b.errors - a.errors)[0]?.errorCodes ?? {},
      resources: first.resources,
      bytes: first.bytes,
    };
  });
}
