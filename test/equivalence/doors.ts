/**
 * The door table of the equivalence tests: every way into the pipeline (src/check), each answering
 * the payload table. A door names the source files whose pipeline calls it exercises; the
 * equivalence test fails when a file outside src/check calls the pipeline and no door names it, so
 * a new door or path cannot be added without joining this table. The Worker door runs in workerd
 * (test/edge/equivalence-workerd.test.ts) and is listed here with the sources it covers.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Checker } from '../../src/check/create-checker.js';
import type { CheckOptions } from '../../src/check/check-options.js';
import {
  contentTypeOf,
  streamThresholdBytes,
  type Payload,
  type PayloadOptions,
} from './payloads.js';

/** The issue fields compared. */
export type Field = 'code' | 'severity' | 'expression' | 'pointer' | 'requirements';

/** Every field: what the pipeline's own result carries. */
export const allFields: readonly Field[] = [
  'code',
  'severity',
  'expression',
  'pointer',
  'requirements',
];

/** One issue as compared. */
export type ComparedIssue = Partial<Record<Field, string>>;

/** A door's answer for one payload. */
export interface Answer {
  readonly valid: boolean;
  /** The fields this answer carries; comparisons use the fields both answers carry. */
  readonly carries: readonly Field[];
  readonly issues: readonly ComparedIssue[];
}

/** What the doors share in one run. */
export interface DoorEnv {
  /** Folder holding every payload as a file named `payload.name`. */
  readonly dir: string;
  /** The library checker (`createNodeChecker()`). */
  readonly checker: Checker;
  /** Base URL of a running Node server (`startServer`, with a store, open mode, checking in the request thread: `threads: 0`). */
  readonly url: string;
  /** Base URL of a Node server checking on its thread pool (`startServer`, `threads: 2`, no store). */
  readonly poolUrl: string;
}

/** One door. */
export interface Door {
  readonly name: string;
  /** Source files (from the repository root) whose calls into the pipeline this door exercises. */
  readonly sources: readonly string[];
  /** Payloads this door answers (default: all). */
  accepts?(payload: Payload): boolean;
  run(payloads: readonly Payload[], env: DoorEnv): Promise<Map<string, Answer>>;
}

/** Issues as compared: the fields given, requirement ids joined. */
export function compared(
  issues: readonly {
    code: string;
    severity: string;
    expression: string;
    pointer?: string;
    requirements?: readonly string[];
  }[],
  fields: readonly Field[] = allFields,
): ComparedIssue[] {
  return issues.map((i) => {
    const all: Record<Field, string> = {
      code: i.code,
      severity: i.severity,
      expression: i.expression,
      pointer: i.pointer ?? '',
      requirements: [...(i.requirements ?? [])].sort().join(' '),
    };
    return Object.fromEntries(fields.map((f) => [f, all[f]])) as ComparedIssue;
  });
}

/**
 * The answer of an OperationOutcome (`$validate`, or a 4xx problem): the MDSS code (message-id
 * extension), severity, expression, JSON pointer (issue-pointer extension; absent for the whole
 * payload) and requirement ids (issue-requirement extensions), as docs/operation-outcome.md defines them.
 */
export function outcomeAnswer(body: unknown, status: number): Answer {
  type Extension = { url: string; valueString?: string; valueCode?: string };
  const outcome = body as {
    issue?: { severity: string; expression?: string[]; extension?: Extension[] }[];
  };
  const ext = (i: { extension?: Extension[] }, name: string) =>
    (i.extension ?? []).filter((e) => e.url.endsWith(name));
  // an OperationOutcome without findings holds one information issue without an MDSS code ("All OK")
  const found = (outcome.issue ?? []).filter(
    (i) => ext(i, 'operationoutcome-message-id').length > 0,
  );
  const issues = found.map((i) => ({
    code: ext(i, 'operationoutcome-message-id')[0]?.valueString ?? '',
    severity: i.severity,
    expression: i.expression?.[0] ?? '',
    pointer: ext(i, 'issue-pointer')[0]?.valueString ?? '',
    requirements: ext(i, 'issue-requirement').map((e) => e.valueCode ?? ''),
  }));
  const valid =
    status < 400 && !issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  return { valid, carries: allFields, issues: compared(issues) };
}

/** The library options of a payload (the file name drives detection, as on the CLI). */
export function libraryOptions(p: Payload): CheckOptions {
  return { filename: p.name, ...p.options };
}

function query(options: PayloadOptions): string {
  const q = new URLSearchParams();
  if (options.allowTestNumbers) q.set('allowTestNumbers', 'true');
  if (options.framework !== undefined) q.set('framework', options.framework);
  for (const d of options.extensionDomains ?? []) q.append('extensionDomain', d);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Splits bytes into chunks of `size` (the streamed door cuts records and characters anywhere). */
function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function perPayload(
  payloads: readonly Payload[],
  one: (p: Payload) => Promise<Answer>,
): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  for (const p of payloads) out.set(p.name, await one(p));
  return out;
}

const root = join(import.meta.dirname, '..', '..');
/** tsx's loader by URL: the CLI processes run in a temporary folder, where `--import tsx` would not resolve. */
const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs `mdss validate` as a process over the sources (tsx), one process per option set. */
async function cliDoor(
  payloads: readonly Payload[],
  env: DoorEnv,
  extraArgs: string[],
  threshold: number,
  moreEnv: Record<string, string> = {},
): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  const groups = new Map<string, Payload[]>();
  for (const p of payloads) {
    const key = JSON.stringify(p.options);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const [key, group] of groups) {
    const options = JSON.parse(key) as PayloadOptions;
    const args = [
      'validate',
      ...group.map((p) => p.name),
      '--format',
      'json',
      '--fail-on',
      'never',
      ...extraArgs,
    ];
    if (options.allowTestNumbers) args.push('--allow-test-numbers');
    if (options.framework !== undefined) args.push('--framework', options.framework);
    for (const d of options.extensionDomains ?? []) args.push('--extension-domain', d);
    const stdout = await run(
      [
        process.execPath,
        '--import',
        tsxLoader,
        join(root, 'test', 'support', 'run-cli.ts'),
        ...args,
      ],
      env.dir,
      { MDSS_STREAM_THRESHOLD_BYTES: String(threshold), ...moreEnv },
    );
    const report = JSON.parse(stdout) as {
      files: { file: string; valid: boolean; issues: Parameters<typeof compared>[0] }[];
    };
    for (const f of report.files)
      out.set(f.file, { valid: f.valid, carries: allFields, issues: compared(f.issues) });
  }
  return out;
}

function run(command: string[], cwd: string, extraEnv: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`mdss exited ${code}: ${stderr.slice(0, 2000)}`)),
    );
  });
}

/** The answers of an upload route (`/v1/validate`, submissions) at `base` + `path`. */
export function uploadAnswers(
  payloads: readonly Payload[],
  base: string,
  path: string,
): Promise<Map<string, Answer>> {
  return perPayload(payloads, (p) => httpUpload(p, `${base}${path}${query(p.options)}`));
}

/** The answers of `POST /fhir/$validate` at `base`. */
export function fhirValidateAnswers(
  payloads: readonly Payload[],
  base: string,
): Promise<Map<string, Answer>> {
  return perPayload(payloads, async (p) => {
    const headers = {
      'content-type': p.name.endsWith('.xml') ? 'application/fhir+xml' : 'application/fhir+json',
      accept: 'application/fhir+json',
    };
    const res = await fetch(`${base}/fhir/$validate${query(p.options)}`, {
      method: 'POST',
      headers,
      body: p.bytes as unknown as BodyInit,
    });
    return outcomeAnswer(await res.json(), res.status);
  });
}

async function httpUpload(p: Payload, url: string): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentTypeOf(p.name), accept: 'application/fhir+json' },
    body: p.bytes as unknown as BodyInit,
  });
  const body = (await res.json()) as {
    valid?: boolean;
    issues?: Parameters<typeof compared>[0];
    resourceType?: string;
  };
  if (body.resourceType === 'OperationOutcome') return outcomeAnswer(body, res.status);
  return { valid: body.valid === true, carries: allFields, issues: compared(body.issues ?? []) };
}

/** What a partner submission recorded, as answered by the service (201 body, or a job's result). */
export interface RecordedSubmission {
  readonly valid: boolean;
  readonly recordCount: number;
  readonly requirements: readonly unknown[];
  readonly issues: readonly {
    code: string;
    severity: string;
    path: string;
    count: number;
    requirements: readonly string[];
  }[];
  readonly [key: string]: unknown;
}

/**
 * Submits a payload for `partnerId` at `base`: synchronously (201, the body's `submission`) or as a
 * job (`Prefer: respond-async`: 202, then `GET /v1/jobs/{id}` until done, the result's
 * `submission`). Undefined when the synchronous route records nothing (4xx: no record, unreadable).
 */
export async function recordedSubmission(
  p: Payload,
  base: string,
  partnerId: string,
  asJob: boolean,
): Promise<RecordedSubmission | undefined> {
  const res = await fetch(`${base}/v1/partners/${partnerId}/submissions${query(p.options)}`, {
    method: 'POST',
    headers: {
      'content-type': contentTypeOf(p.name),
      accept: 'application/json',
      ...(asJob ? { prefer: 'respond-async' } : {}),
    },
    body: p.bytes as unknown as BodyInit,
  });
  if (!asJob && res.status !== 201) {
    await res.body?.cancel();
    return undefined;
  }
  const body = (await res.json()) as { submission?: RecordedSubmission; location?: string };
  if (!asJob) return body.submission;
  if (res.status !== 202) throw new Error(`${p.name}: job answered ${res.status}`);
  for (;;) {
    const view = (await (await fetch(`${base}${body.location!}`)).json()) as {
      state: string;
      error?: string;
      result?: { submission: RecordedSubmission };
    };
    if (view.state === 'succeeded') return view.result!.submission;
    if (view.state === 'failed') throw new Error(`${p.name}: job failed ${view.error}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The door table. The first door is the reference the others are compared with. */
export const doors: readonly Door[] = [
  {
    name: 'library: checkBytes',
    sources: [
      'src/index.ts',
      'src/node/create-node-checker.ts',
      'src/node/create-node-validator.ts',
      'src/cli/demo-command.ts',
    ],
    run: (payloads, env) =>
      perPayload(payloads, async (p) => {
        const { result } = await env.checker.checkBytes(p.bytes, libraryOptions(p));
        return { valid: result.valid, carries: allFields, issues: compared(result.issues) };
      }),
  },
  {
    name: 'library: check (whole text, synchronous)',
    sources: ['src/federation/pull-partner.ts'],
    accepts: (p) => safeDecode(p.bytes) !== undefined,
    run: (payloads, env) =>
      perPayload(payloads, async (p) => {
        const { result } = env.checker.check(safeDecode(p.bytes)!, libraryOptions(p));
        return { valid: result.valid, carries: allFields, issues: compared(result.issues) };
      }),
  },
  {
    name: 'library: checkStream (7-byte chunks for small payloads, 64 KiB for large)',
    sources: [],
    run: (payloads, env) =>
      perPayload(payloads, async (p) => {
        const { result } = await env.checker.checkStream(
          chunksOf(p.bytes, p.bytes.length > 100_000 ? 65_536 : 7),
          libraryOptions(p),
        );
        return { valid: result.valid, carries: allFields, issues: compared(result.issues) };
      }),
  },
  {
    name: 'CLI process (small files whole, large files streamed)',
    sources: ['src/cli/validate-command.ts', 'src/cli/main.ts'],
    run: (payloads, env) => cliDoor(payloads, env, [], streamThresholdBytes),
  },
  {
    name: 'CLI process, every file streamed',
    sources: ['src/cli/validate-command.ts'],
    run: (payloads, env) => cliDoor(payloads, env, [], 1),
  },
  {
    name: 'CLI process, worker threads',
    sources: ['src/cli/worker-pool.ts', 'src/cli/check-worker.ts'],
    // every file on the workers (this thread would otherwise take the small files first)
    run: (payloads, env) =>
      cliDoor(payloads, env, ['--threads', '2'], streamThresholdBytes, {
        MDSS_MAIN_THREAD_VALIDATES: '0',
      }),
  },
  {
    name: 'Node HTTP: POST /v1/validate',
    sources: [
      'src/server/node.ts',
      'src/server/node-build-checker.ts',
      'src/server/app.ts',
      'src/server/routes/feed-validate.ts',
      'src/server/validate-upload.ts',
    ],
    run: (payloads, env) => uploadAnswers(payloads, env.url, '/v1/validate'),
  },
  {
    name: 'Node HTTP, check pool (worker threads): POST /v1/validate',
    sources: [
      'src/server/node-check-pool.ts',
      'src/server/node-check-pool-thread.ts',
      'src/server/validate-upload.ts',
    ],
    run: (payloads, env) => uploadAnswers(payloads, env.poolUrl, '/v1/validate'),
  },
  {
    name: 'Node HTTP: POST /v1/partners/{id}/submissions',
    sources: ['src/server/routes/partners.ts', 'src/server/validate-upload.ts'],
    run: (payloads, env) =>
      uploadAnswers(payloads, env.url, '/v1/partners/equivalence-partner/submissions'),
  },
  {
    name: 'Node HTTP: POST /fhir/$validate',
    sources: ['src/server/routes/fhir-validate.ts', 'src/server/fhir-validate-check.ts'],
    accepts: (p) => p.fhirResource,
    run: (payloads, env) => fhirValidateAnswers(payloads, env.url),
  },
  {
    name: 'Node HTTP, check pool (worker threads): POST /fhir/$validate',
    sources: [
      'src/server/node-check-pool.ts',
      'src/server/node-check-pool-thread.ts',
      'src/server/fhir-validate-check.ts',
    ],
    accepts: (p) => p.fhirResource,
    run: (payloads, env) => fhirValidateAnswers(payloads, env.poolUrl),
  },
  {
    // The job records aggregates, not issues: each aggregate stands for `count` issues of its code and
    // severity (the fields this door carries; an aggregate's requirement ids are the union of its
    // issues', compared with the synchronous route's aggregates in equivalence.test.ts).
    name: 'Node HTTP: submissions as jobs (Prefer: respond-async, in-process queue, recorded aggregates)',
    sources: [
      'src/server/routes/submit-job.ts',
      'src/jobs/node-jobs.ts',
      'src/jobs/memory-queue.ts',
      'src/jobs/run-job.ts',
      'src/jobs/run-submission-job.ts',
    ],
    run: (payloads, env) =>
      perPayload(payloads, async (p) => {
        const s = (await recordedSubmission(p, env.url, 'equivalence-jobs', true))!;
        const issues = s.issues.flatMap((a) =>
          Array.from({ length: a.count }, () => ({ code: a.code, severity: a.severity })),
        );
        return { valid: s.valid, carries: ['code', 'severity'], issues };
      }),
  },
];

/**
 * Doors that run elsewhere (they need another runtime) and the sources they cover; they answer the
 * same payload table against the same reference.
 */
export const remoteDoors: readonly Pick<Door, 'name' | 'sources'>[] = [
  {
    name: 'Worker in workerd: /v1/validate and /fhir/$validate (test/edge/equivalence-workerd.test.ts)',
    sources: ['src/server/worker.ts'],
  },
  {
    name: 'federated pull (test/federation/pull-route.test.ts, through the server pipeline)',
    sources: ['src/server/node-pull-service.ts', 'src/cli/pull-command.ts'],
  },
  {
    name: 'submission and pull jobs on Redis, `mdss worker` (test/jobs/redis-scale-out.test.ts: the same runJob as the in-process door above)',
    sources: ['src/cli/worker-command.ts'],
  },
];

function safeDecode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
