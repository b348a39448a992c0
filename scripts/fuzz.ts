/**
 * `npm run fuzz`: feeds seeded random and mutated payloads to the validator (and to the HTTP app
 * through `app.request()` with `--http`) in a child process, and reports crashes (throws, malformed
 * results, 5xx, prototype pollution, a dead child) and hangs (one payload over `--hang-ms`). Both
 * must be 0; the exit code is 1 otherwise. Every finding prints the command that reproduces it.
 *
 * `--target feeds` fuzzes the social-care feeds instead (CLD CSV, CLD/CIN NDJSON and JSON: the feed
 * engine on whole text and on byte chunks, and with `--http` `/v1/validate` and partner submissions
 * into a temporary SQLite store, checking that no payload key reaches a stored summary); `--target
 * all` mixes them all. `--target xml` fuzzes the FHIR XML reader (engine only; scripts/fuzz-xml-payloads.ts).
 *
 * Usage: npm run fuzz -- [--count 100000 | --seconds 600] [--seed 1] [--from 0] [--http] [--target fhir|feeds|xml|all] [--hang-ms 30000]
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string', default: '1' },
    from: { type: 'string', default: '0' },
    http: { type: 'boolean' },
    target: { type: 'string', default: 'fhir' },
    'hang-ms': { type: 'string', default: '30000' },
  },
});

interface Finding {
  readonly type: 'crash' | 'hang';
  readonly index: number;
  readonly kind: string;
  readonly where: string;
  readonly error: string;
}

type Message =
  | { type: 'start'; index: number; kind: string }
  | { type: 'crash'; index: number; kind: string; where: string; error: string }
  | { type: 'done' }
  | { type: 'fatal'; error: string };

const seed = Number(values.seed);
const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
const count =
  values.count === undefined
    ? seconds === undefined
      ? 10_000
      : Number.MAX_SAFE_INTEGER
    : Number(values.count);
const from = Number(values.from);
const end = from + count;
const hangMs = Number(values['hang-ms']);
const deadline = seconds === undefined ? Infinity : Date.now() + seconds * 1000;
const workerFile = fileURLToPath(new URL('./fuzz-worker.ts', import.meta.url));
if (!['fhir', 'feeds', 'xml', 'all'].includes(values.target ?? ''))
  throw new Error('--target must be fhir, feeds, xml or all');
const reproduce = (index: number): string =>
  `npm run fuzz -- --seed ${seed} --from ${index} --count 1${values.http ? ' --http' : ''} --target ${values.target}`;

const findings: Finding[] = [];
const kinds = new Map<string, number>();
let done = 0;

/** Runs the worker from `start`; resolves with the index to resume from, or undefined when finished. */
function runWorker(start: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const args = [
      '--seed',
      String(seed),
      '--from',
      String(start),
      '--to',
      String(end),
      '--target',
      values.target ?? 'fhir',
      ...(values.http ? ['--http'] : []),
    ];
    const child: ChildProcess = fork(workerFile, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let current: { index: number; kind: string; at: number } | undefined;
    let stderr = '';
    let settled = false;
    child.stderr
      ?.setEncoding('utf8')
      .on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    const finish = (next: number | undefined): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(next);
    };
    const watchdog = setInterval(() => {
      if (Date.now() >= deadline) return finish(undefined);
      if (current && Date.now() - current.at > hangMs) {
        findings.push({
          type: 'hang',
          index: current.index,
          kind: current.kind,
          where: 'engine/http',
          error: `no result after ${hangMs} ms`,
        });
        finish(current.index + 1);
      }
    }, 250);
    child.on('message', (msg: Message) => {
      if (msg.type === 'start') {
        if (current) done++;
        current = { index: msg.index, kind: msg.kind, at: Date.now() };
        kinds.set(msg.kind, (kinds.get(msg.kind) ?? 0) + 1);
        if (msg.index % 5_000 === 0 && msg.index > from)
          process.stderr.write(
            `[fuzz] ${msg.index - from} payloads, ${findings.length} findings\n`,
          );
      } else if (msg.type === 'crash') {
        findings.push({
          type: 'crash',
          index: msg.index,
          kind: msg.kind,
          where: msg.where,
          error: msg.error,
        });
      } else if (msg.type === 'done') {
        if (current) done++;
        current = undefined;
        finish(undefined);
      } else if (msg.type === 'fatal') {
        findings.push({
          type: 'crash',
          index: current?.index ?? start,
          kind: current?.kind ?? 'setup',
          where: 'worker',
          error: msg.error,
        });
        finish(undefined);
      }
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      const at = current?.index ?? start;
      findings.push({
        type: 'crash',
        index: at,
        kind: current?.kind ?? '?',
        where: 'process',
        error: `worker exited (code ${code}, signal ${signal}): ${stderr.slice(-600)}`,
      });
      finish(current ? at + 1 : undefined);
    });
  });
}

async function main(): Promise<void> {
  const t0 = Date.now();
  let next: number | undefined = from;
  while (next !== undefined && next < end && Date.now() < deadline) next = await runWorker(next);
  const secs = (Date.now() - t0) / 1000;
  const crashes = findings.filter((f) => f.type === 'crash');
  const hangs = findings.filter((f) => f.type === 'hang');
  const lines = [
    `fuzz: seed ${seed}, target ${values.target}, payloads ${done} (from ${from}), ${values.http ? 'engine + HTTP app' : 'engine'}, ${secs.toFixed(1)} s`,
    `kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `crashes: ${crashes.length}, hangs: ${hangs.length} (hang = one payload over ${hangMs} ms)`,
    ...findings
      .slice(0, 50)
      .map(
        (f) =>
          `- ${f.type} at payload ${f.index} (${f.kind}, ${f.where}): ${f.error.split('\n')[0]}\n  reproduce: ${reproduce(f.index)}`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (findings.length > 0) process.exitCode = 1;
}

void main();
