/**
 * Runs a bench script in a child Node process and returns the JSON object on the last line of its
 * stdout. Bounded by a timeout; the child is killed when it is exceeded. By default the child runs
 * under the tsx loader; with `compiled`, the script is first bundled to plain JavaScript with
 * esbuild (dependencies left as imports, like the compiled package) and run by Node alone, so the
 * child's time and memory are MDSS's and not the TypeScript loader's (tsx keeps its module hooks
 * on a second thread with its own heap: ≈40 MB of RSS in every child).
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Options of {@link runChild}. */
export interface ChildOptions {
  readonly timeoutMs?: number;
  /** Bundle the script to JavaScript and run it without the tsx loader. */
  readonly compiled?: boolean;
}

const compiledDir = fileURLToPath(new URL('../.scratch/', import.meta.url));
const compiled = new Map<string, Promise<string>>();

/**
 * Bundles `bench/<script>` once per process into `.scratch/bench-<name>.mjs` (gitignored). The
 * bundle sits one folder below the repository root, like bench/, so the bench's own
 * `new URL('../…', import.meta.url)` paths resolve as they do from the sources.
 */
export function compileBenchScript(script: string): Promise<string> {
  let out = compiled.get(script);
  if (!out) {
    const entry = fileURLToPath(new URL(script, import.meta.url));
    const outfile = `${compiledDir}bench-${basename(entry).replace(/\.ts$/, '')}.mjs`;
    mkdirSync(compiledDir, { recursive: true });
    out = build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'error',
    }).then(() => outfile);
    compiled.set(script, out);
  }
  return out;
}

/**
 * Runs `bench/<script>` with `args` (under tsx, or bundled: see the module note) and parses its last stdout line as JSON.
 * @throws Error when the child fails, times out or prints no JSON.
 */
export async function runChild<T>(
  script: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const nodeArgs = options.compiled
    ? [await compileBenchScript(script)]
    : ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))];
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(
          new Error(
            `${script} ${args.join(' ')} failed (code ${code}, signal ${signal}): ${err.slice(-2000)}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}
