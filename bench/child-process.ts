/**
 * Runs a bench script in a child Node process (with the tsx loader) and returns the JSON object on
 * the last line of its stdout. Bounded by a timeout; the child is killed when it is exceeded.
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `bench/<script>` with `args` and parses its last stdout line as JSON.
 * @throws Error when the child fails, times out or prints no JSON.
 */
export function runChild<T>(script: string, args: readonly string[], timeoutMs = 30 * 60_000): Promise<T> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${script} ${args.join(' ')} failed (code ${code}, signal ${signal}): ${err.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}
