/**
 * The CLI as a whole process: `mdss validate --framework none` (bin/mdss.js over dist/, as users run
 * it) on a folder of N corpus Bundles, one file each, against a plain Node script doing the same
 * with @medplum/core (bench/medplum-validate-files.mjs), and a bare `node -e 0` (process start, the
 * floor), and the library script (bench/mdss-validate-files.mjs: the engine's part alone, on the same
 * files, whose own set-up + validation time is the engine's work); also `mdss` with `--threads` set to the machine's cores (the default uses threads only
 * from 32 MB: this row shows whether more would pay at this size). Interleaved rounds, fresh
 * processes, wall clock from spawn to exit; medians. Each child
 * also reports its own CPU time (user + system, `process.cpuUsage()` at exit, written to fd 3 by a
 * one-line `--import` hook): on a shared machine the wall clock measures the neighbours too, the
 * CPU time only the process.
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

/** Medians of one CLI run set. */
export interface CliFigures {
  readonly bundles: number;
  readonly resources: number;
  readonly bytes: number;
  readonly rounds: number;
  /** `mdss validate --framework none --format json --output FILE DIR`, spawn to exit (ms). */
  readonly mdssMs: number;
  /** The same with the framework on (default), test numbers allowed (ms). */
  readonly mdssFrameworkMs: number;
  /** `mdss` with `--threads` = {@link CliFigures.threads} (ms): whether the cores pay at this size. */
  readonly mdssThreadsMs?: number;
  /** The thread count of that row (the machine's available parallelism, at least 2). */
  readonly threads?: number;
  /** The @medplum/core script on the same folder (ms). */
  readonly medplumMs: number;
  /**
   * The library script on the same folder (bench/mdss-validate-files.mjs: `createNodeValidator`,
   * read, validate; no report), spawn to exit (ms).
   */
  readonly libraryMs: number;
  /** That script's own measure of the engine's work on these files: set-up + validation (ms). */
  readonly engineMs: number;
  /** `node -e 0` (ms). */
  readonly nodeMs: number;
  /** CPU time (user + system) of the same processes, medians (ms). */
  readonly cpuMs: {
    readonly mdss: number;
    readonly mdssFramework: number;
    readonly mdssThreads?: number;
    readonly medplum: number;
    readonly library: number;
    readonly node: number;
  };
  /** Exit codes and error counts seen (the clean corpus gives exit 0). */
  readonly notes: readonly string[];
}

const root = fileURLToPath(new URL('../', import.meta.url));

/** Writes the first `bundles` Bundles of the NDJSON corpus as one JSON file each (once per corpus). */
function writeFolder(
  corpus: string,
  bundles: number,
): { dir: string; resources: number; bytes: number } {
  const lines = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .slice(0, bundles);
  const dir = join(
    tmpdir(),
    `mdss-bench-cli-${lines.length}-${Buffer.from(corpus).toString('hex').slice(-16)}`,
  );
  let resources = 0;
  let bytes = 0;
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  lines.forEach((text, i) => {
    const file = join(dir, `bundle-${String(i).padStart(4, '0')}.json`);
    if (!existsSync(file)) writeFileSync(file, text);
    resources += (text.match(/"fullUrl":/g) ?? []).length;
    bytes += Buffer.byteLength(text);
  });
  return { dir, resources, bytes };
}

/**
 * A hook every child loads first: at exit it writes its CPU time (ms, user + system, the whole
 * process's: worker threads included) to fd 3; worker threads load it too, and write nothing.
 */
const cpuHook = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; import { isMainThread } from 'node:worker_threads'; if (isMainThread) process.on('exit', () => { const u = process.cpuUsage(); try { writeSync(3, String((u.user + u.system) / 1000)); } catch {} });",
)}`;

function timeProcess(
  args: readonly string[],
): Promise<{ ms: number; cpuMs: number; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', cpuHook, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let cpu = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
    const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
    fd3?.setEncoding('utf8');
    fd3?.on('data', (d: string) => (cpu += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ ms: performance.now() - t0, cpuMs: Number(cpu) || Number.NaN, code, out }),
    );
  });
}

/** Runs the CLI rows; `bundles` files from the corpus file, `rounds` interleaved rounds. */
export async function runCliBench(
  corpus: string,
  bundles: number,
  rounds: number,
  log: (line: string) => void,
): Promise<CliFigures> {
  const folder = writeFolder(corpus, bundles);
  const report = join(folder.dir, '..', `mdss-bench-cli-report-${process.pid}.json`);
  const bin = join(root, 'bin', 'mdss.js');
  // the same output options on every mdss command: JSON report to a file, the folder as input
  const output = ['--quiet', '--format', 'json', '--output', report, folder.dir];
  const mdssArgs = [bin, 'validate', '--framework', 'none', ...output];
  const threads = Math.max(2, availableParallelism());
  const commands: Record<string, string[]> = {
    mdss: mdssArgs,
    mdssFramework: [bin, 'validate', '--allow-test-numbers', ...output],
    mdssThreads: [...mdssArgs, '--threads', String(threads)],
    medplum: [join(root, 'bench', 'medplum-validate-files.mjs'), folder.dir],
    library: [join(root, 'bench', 'mdss-validate-files.mjs'), folder.dir],
    node: ['-e', '0'],
  };
  const names = Object.keys(commands);
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const cpu = new Map<string, number[]>(names.map((n) => [n, []]));
  const notes = new Set<string>();
  const engine: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length] as string;
      const r = await timeProcess(commands[name] as string[]);
      if (r.code !== 0) notes.add(`${name}: exit ${r.code} ${r.out.slice(0, 300)}`);
      if (name === 'medplum') notes.add(`medplum script: ${r.out.trim()}`);
      if (name === 'library') {
        const own = JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as {
          setupMs?: number;
          validateMs?: number;
        };
        engine.push((own.setupMs ?? Number.NaN) + (own.validateMs ?? Number.NaN));
      }
      times.get(name)?.push(r.ms);
      cpu.get(name)?.push(r.cpuMs);
      log(
        `cli round ${round + 1}/${rounds} ${name}: ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)} ms)`,
      );
    }
  }
  const m = (n: string): number => median(times.get(n) ?? []);
  return {
    bundles,
    resources: folder.resources,
    bytes: folder.bytes,
    rounds,
    mdssMs: m('mdss'),
    mdssFrameworkMs: m('mdssFramework'),
    mdssThreadsMs: m('mdssThreads'),
    threads,
    medplumMs: m('medplum'),
    libraryMs: m('library'),
    engineMs: median(engine),
    nodeMs: m('node'),
    cpuMs: {
      mdss: median(cpu.get('mdss') ?? []),
      mdssFramework: median(cpu.get('mdssFramework') ?? []),
      mdssThreads: median(cpu.get('mdssThreads') ?? []),
      medplum: median(cpu.get('medplum') ?? []),
      library: median(cpu.get('library') ?? []),
      node: median(cpu.get('node') ?? []),
    },
    notes: [...notes],
  };
}
