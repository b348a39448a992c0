/**
 * Cold start to the first validation result, as a CLI run or a fresh server sees it: the MDSS
 * entry is bundled once with esbuild (no tsx at run time), then started `runs` times as a new Node
 * process; reports the medians of in-process set-up + first result and of spawn-to-exit wall time.
 * Each run is paired with a bare Node process (`performance.now()` at its first statement), so the
 * share of the figure that is Node's own bootstrap on this machine is measured in the same run.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from './stats.js';

/** Cold-start figures. */
export interface ColdStartFigures {
  readonly runs: number;
  /** Median ms from process start to the first result (performance.now() at that point). */
  readonly processToFirstResultMs: number;
  /** Median ms of validator set-up plus the first validation (after module loading). */
  readonly setupAndFirstMs: number;
  /** Median ms from process start to the entry's first statement (Node bootstrap + MDSS module evaluation). */
  readonly moduleLoadMs: number;
  /** Median ms from process start to the first statement of an empty script (Node's own bootstrap). */
  readonly nodeBootstrapMs: number;
  /** Whether fhirpath.js was loaded by the first result (it is loaded on the first FHIRPath expression only). */
  readonly fhirpathLoaded: boolean;
  /** Median wall-clock ms from spawn to exit of the whole process. */
  readonly wallMs: number;
  readonly notes: readonly string[];
}

/** Bundles the entry and measures `runs` fresh processes. */
export async function measureColdStart(runs = 5): Promise<ColdStartFigures> {
  const dir = fileURLToPath(new URL('../node_modules/.cache/mdss-bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}cold-start.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./cold-start-entry.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  const packDir = fileURLToPath(new URL('../dist/pack/', import.meta.url));
  const profilesDir = fileURLToPath(new URL('../profiles/fhir/', import.meta.url));
  const samples: {
    processToFirstResultMs: number;
    setupMs: number;
    importedMs: number;
    bootstrapMs: number;
    wallMs: number;
    fhirpath: boolean;
    notes: string[];
  }[] = [];
  for (let i = 0; i < runs; i++) {
    const bare = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(performance.now()))'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [outfile, packDir, profilesDir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`cold-start run failed: ${r.stderr}`);
    const f = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
      importedMs: number;
      firstResultMs: number;
      setupMs: number;
      fhirpathLoaded: boolean;
      notes: string[];
    };
    samples.push({
      processToFirstResultMs: f.firstResultMs,
      setupMs: f.setupMs,
      importedMs: f.importedMs,
      bootstrapMs: Number(bare.stdout),
      wallMs,
      fhirpath: f.fhirpathLoaded,
      notes: f.notes,
    });
  }
  return {
    runs,
    processToFirstResultMs: median(samples.map((s) => s.processToFirstResultMs)),
    setupAndFirstMs: median(samples.map((s) => s.setupMs)),
    moduleLoadMs: median(samples.map((s) => s.importedMs)),
    nodeBootstrapMs: median(samples.map((s) => s.bootstrapMs)),
    fhirpathLoaded: samples.some((s) => s.fhirpath),
    wallMs: median(samples.map((s) => s.wallMs)),
    notes: samples[0]?.notes ?? [],
  };
}
