/**
 * `mdss validate <files | dirs | globs>`: validates FHIR resources, Bundles, NDJSON and the
 * framework's social-care feeds; writes one or more output formats; exit code as a contract
 * (0 ok, 1 issues at or above --fail-on, 2 usage/configuration, 3 internal error).
 * @module
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { createChecker, type Checker, type FeedName } from '../check/create-checker.js';
import { resolveWithTerminologyServer } from '../check/resolve-with-terminology-server.js';
import { createRemoteTerminology } from '../fhir/terminology/remote-terminology.js';
import { ConfigError } from '../errors.js';
import { validateFeedStream } from '../feeds/index.js';
import { detectFeed, type FeedFormat } from '../feeds/detect-feed.js';
import { createValidator } from '../fhir/validator/create-validator.js';
import { NdjsonAccumulator } from '../fhir/validator/validate-ndjson.js';
import { ndjsonLines } from '../input/ndjson-lines.js';
import { IssueCollector } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { applyFramework } from '../framework/apply-framework.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { profilesByType } from '../framework/framework-profiles.js';
import { loadPackRegistry } from '../node/load-pack-registry.js';
import { applyPolicy } from '../policy/apply-policy.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { ValidationResult } from '../validation-result.js';
import { compareToBaseline, createBaseline, failOn, parseBaseline, renderValidation, type BaselineComparison, type FileResult, type ValidationFormat } from '../reports/validation/index.js';
import { version } from '../version.js';
import { loadFrameworkResources } from './framework-files.js';
import { expandInputs } from './inputs.js';
import { checkInWorkers, defaultThreads } from './worker-pool.js';
import { loadSupportingSync, readSupportingPackages, type SupportingPackages } from './load-supporting.js';
import type { CliIo } from './cli-io.js';

/** Parsed options of `mdss validate`. */
export interface ValidateArgs {
  readonly inputs: readonly string[];
  readonly profiles: readonly string[];
  readonly supporting: readonly string[];
  readonly formats: readonly ValidationFormat[];
  /** Output file of the format at the same index; undefined = standard output. */
  readonly outputs: readonly (string | undefined)[];
  readonly failOn: 'error' | 'warning' | 'never';
  readonly baseline?: string;
  readonly updateBaseline: boolean;
  readonly maxIssues?: number;
  readonly quiet: boolean;
  readonly feed?: FeedName;
  readonly policy?: string;
  /** Partner id: applies `policies/<id>.json` (or the file given by --policy) and checks its partner field. */
  readonly partner?: string;
  readonly framework?: string;
  readonly allowTestNumbers: boolean;
  /** FHIR terminology server for codes that cannot be checked offline (SNOMED CT, dm+d, …). */
  readonly txServer?: string;
  /** Worker threads (0 or 1: none); default: by the number of files (see worker-pool.ts). */
  readonly threads?: number;
}

/**
 * Files above this size are streamed (NDJSON line by line, CSV by chunks) in bounded memory; a FHIR
 * JSON document is read whole at any size. `MDSS_STREAM_THRESHOLD_BYTES` lowers it (tests).
 */
function streamThreshold(): number {
  const env = process.env['MDSS_STREAM_THRESHOLD_BYTES'];
  return env !== undefined && /^\d{1,15}$/.test(env) ? Number(env) : 32 * 1024 * 1024;
}

/** Builds the pipeline: base R4 + the framework's profiles + supporting resources. */
export function buildChecker(args: Pick<ValidateArgs, 'supporting' | 'framework' | 'allowTestNumbers' | 'profiles'>, cwd: string, packages: SupportingPackages = new Map()): Checker {
  const registry = loadPackRegistry().registry;
  const framework = args.framework === 'none' ? [] : loadFrameworkResources(frameworkDir(args.framework, cwd));
  registry.addAll(framework);
  for (const s of args.supporting) registry.addAll(packages.get(resolve(cwd, s)) ?? loadSupportingSync(resolve(cwd, s)));
  for (const p of args.profiles) {
    if (p.endsWith('.json') && existsSync(resolve(cwd, p))) registry.addAll(loadSupportingSync(resolve(cwd, p)));
  }
  const validator = createValidator({ registry, engine: { allowTestNumbers: args.allowTestNumbers, profilesByType: profilesByType(framework) } });
  return createChecker({ validator, catalogue: builtinCatalogue, allowTestNumbers: args.allowTestNumbers });
}

/**
 * `--framework`: a folder of framework profiles, or a framework version. Only the built-in version
 * ships with this release; another version is a configuration error (exit 2), never a silent fallback.
 */
function frameworkDir(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+\.\d+(\.\d+)?$/.test(value) && !existsSync(resolve(cwd, value))) {
    const builtin = builtinCatalogue.framework.version;
    if (value !== builtin && `${value}.0` !== builtin) throw new ConfigError('cli.framework-version', `framework ${value} is not available: this release carries framework ${builtin}; give a folder of profiles instead`);
    return undefined;
  }
  return resolve(cwd, value);
}

/** Profiles given as paths to StructureDefinition files become their canonical urls. */
function profileUrls(profiles: readonly string[], cwd: string): string[] {
  return profiles.map((p) => {
    const file = resolve(cwd, p);
    if (p.endsWith('.json') && existsSync(file)) {
      const url = (JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown }).url;
      if (typeof url !== 'string') throw new ConfigError('cli.profile-without-url', `--profile ${p}: the file has no canonical url`);
      return url;
    }
    return p;
  });
}

/** Runs the command; returns the exit code. */
export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const files = expandInputs(args.inputs, io.cwd);
  const packages = await readSupportingPackages(args.supporting, io.cwd);
  const profiles = profileUrls(args.profiles, io.cwd);
  const policy = partnerPolicy(args, io.cwd);
  const remote = args.txServer ? createRemoteTerminology({ baseUrl: args.txServer }) : undefined;
  const started = Date.now();
  const results: FileResult[] = [];
  const progress = io.stderrIsTTY && !args.quiet && files.length > 1;
  let records = 0;
  const showProgress = (done: number) => {
    if (!progress) return;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(records / secs) : 0;
    const eta = done < files.length && secs > 0 ? Math.round((secs / done) * (files.length - done)) : 0;
    io.stderr(`\r[${done}/${files.length}] files, ${records} records, ${rate}/s, ETA ${eta}s   `);
  };
  const threads = args.threads ?? defaultThreads(files.length, files.reduce((n, f) => n + statSync(f).size, 0));
  const checker = threads > 1 ? undefined : buildChecker(args, io.cwd, packages);
  const jobs = files.map((file) => ({ file, rel: relative(io.cwd, file).split(sep).join('/') }));
  if (threads > 1) {
    const found = await checkInWorkers(jobs, threads, { args, cwd: io.cwd, profiles, policy, now: io.now() }, (done, r) => {
      records += r.result.recordCount;
      showProgress(done);
    });
    for (const fr of found) results.push(remote ? { ...fr, result: await resolveWithTerminologyServer(fr.result, remote) } : fr);
  } else {
    for (const [i, job] of jobs.entries()) {
      let fr = await checkFile(checker!, job.file, job.rel, args, profiles, policy, io.now());
      if (remote) fr = { ...fr, result: await resolveWithTerminologyServer(fr.result, remote) };
      records += fr.result.recordCount;
      results.push(fr);
      showProgress(i + 1);
    }
  }
  if (progress) io.stderr('\n');
  const runInfo = { toolName: 'mdss' as const, toolVersion: version, frameworkVersion: builtinCatalogue.framework.version };
  const baselinePath = args.baseline ? resolve(io.cwd, args.baseline) : undefined;
  if (baselinePath && args.updateBaseline) {
    writeOutputs(args, results, runInfo, io, undefined);
    writeFileSync(baselinePath, `${JSON.stringify(createBaseline(results), null, 2)}\n`);
    if (!args.quiet) io.stderr(`mdss: baseline written to ${args.baseline}\n`);
    return 0;
  }
  const baseline = baselinePath && existsSync(baselinePath) ? parseBaseline(JSON.parse(readFileSync(baselinePath, 'utf8'))) : undefined;
  const comparison = baseline ? compareToBaseline(results, baseline) : undefined;
  writeOutputs(args, results, runInfo, io, comparison);
  if (comparison && !args.quiet) {
    io.stderr(`mdss: baseline: ${comparison.newIssues.length} new, ${comparison.known.length} known, ${comparison.fixed.length} fixed\n`);
  }
  return failOn(results, args.failOn, baseline) ? 1 : 0;
}

/** The policy for this run: `--policy <file>`, or `policies/<partner>.json` for `--partner <id>`. */
function partnerPolicy(args: ValidateArgs, cwd: string): PartnerPolicy | undefined {
  const path = args.policy ? resolve(cwd, args.policy) : args.partner ? resolve(cwd, 'policies', `${args.partner}.json`) : undefined;
  if (!path) return undefined;
  if (!existsSync(path)) throw new ConfigError('cli.policy-not-found', `no policy file ${relative(cwd, path)} for partner ${args.partner ?? '?'}`);
  const policy = readPolicy(path);
  if (args.partner && policy.partner !== args.partner) {
    throw new ConfigError('cli.policy-partner-mismatch', `${relative(cwd, path)} is the policy of partner '${policy.partner}', not '${args.partner}'`);
  }
  return policy;
}

function readPolicy(path: string): PartnerPolicy {
  try {
    return loadPolicy(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError('cli.policy-unreadable', `--policy ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function checkFile(checker: Checker, file: string, rel: string, args: ValidateArgs, profiles: string[], policy: PartnerPolicy | undefined, now: Date): Promise<FileResult> {
  const size = statSync(file).size;
  const opts = { filename: file, ...(args.feed ? { feed: args.feed } : {}), ...(profiles.length ? { profiles } : {}), ...(args.maxIssues !== undefined ? { maxIssues: args.maxIssues } : {}), ...(policy ? { policy } : {}), now };
  const finish = (feed: FeedName, result: ValidationResult): FileResult => {
    let out = applyFramework(result, checker.catalogue, feed);
    if (policy) out = applyPolicy(out, policy, now);
    return { file: rel, feed, result: out };
  };
  const head = size <= streamThreshold() ? undefined : readHead(file);
  const detected = head === undefined ? undefined : detectFeed(head, file);
  const feedOf = (d: { feed?: string }): FeedName => args.feed ?? (d.feed as FeedName | undefined) ?? 'fhir';
  // small files, and JSON documents of any size (a document is validated whole, not line by line)
  if (!detected || (feedOf(detected) === 'fhir' && detected.format === 'json')) {
    if (size > maxDocumentBytes) return finish(feedOf(detected ?? {}), inputProblem('input.too-large', { limit: maxDocumentBytes }));
    const bytes = readFileSync(file);
    const text = strictUtf8(bytes);
    if (text !== undefined) {
      const checked = checker.check(text, opts);
      return { file: rel, feed: checked.feed, result: checked.result };
    }
    // invalid UTF-8: NDJSON and feeds are read record by record below; a JSON document fails whole
    const d = detected ?? detectFeed(bytes.subarray(0, 65536).toString('utf8'), file);
    const feed = feedOf(d);
    if (feed === 'fhir' && d.format !== 'ndjson') return finish(feed, inputProblem('input.invalid-utf8', {}));
    return finish(feed, await checkStream(checker, [bytes], feed, d.format, args, profiles));
  }
  // large NDJSON and feeds: streamed in bounded memory
  const feed = feedOf(detected);
  return finish(feed, await checkStream(checker, createReadStream(file), feed, detected.format, args, profiles));
}

/**
 * A line of NDJSON longer than this is reported (`input.too-large`) and skipped, not read: it bounds
 * the memory of a streamed file.
 */
export const maxLineBytes = 32 * 1024 * 1024;

/** A JSON document (read whole) larger than this is reported (`input.too-large`), not read. */
export const maxDocumentBytes = 256 * 1024 * 1024;

/** Validates NDJSON or a feed from UTF-8 byte chunks (a FHIR JSON document never comes here). */
async function checkStream(checker: Checker, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, feed: FeedName, format: FeedFormat, args: ValidateArgs, profiles: string[]): Promise<ValidationResult> {
  const maxIssues = args.maxIssues ?? 10_000;
  if (feed !== 'fhir') {
    return validateFeedStream(toAsync(chunks), { feed, format, ...(args.allowTestNumbers ? { allowTestNumbers: true } : {}), ...(args.maxIssues !== undefined ? { maxIssues: args.maxIssues } : {}) });
  }
  const acc = new NdjsonAccumulator(checker.validator, { ...(profiles.length ? { profiles } : {}), ...(args.maxIssues !== undefined ? { maxIssues: args.maxIssues } : {}) });
  // lines that are never validated (invalid UTF-8, too long): one issue each, at the line
  const lineProblems = new IssueCollector({ maxIssues });
  for await (const line of ndjsonLines(toAsync(chunks), { maxLineBytes })) {
    if ('text' in line) acc.add(line.text, line.index);
    else {
      const at = { pointer: `/${line.index}`, expression: '', position: { line: line.index + 1, column: 1 } };
      lineProblems.add(line.problem === 'invalid-utf8' ? { code: 'input.invalid-utf8', ...at } : { code: 'input.too-large', params: { limit: maxLineBytes }, ...at });
    }
  }
  return withLineIssues(acc.result(), lineProblems, maxIssues);
}

/** Merges issues of unread lines into the accumulated result, in line order, under `maxIssues`. */
function withLineIssues(result: ValidationResult, problems: IssueCollector, maxIssues: number): ValidationResult {
  if (problems.size === 0) return result;
  const extra = problems.issues().filter((i) => i.code !== 'engine.limit-reached');
  const merged: Issue[] = [];
  let a = 0;
  let b = 0;
  const lineOf = (i: Issue) => i.position?.line ?? 0;
  while (a < result.issues.length || b < extra.length) {
    const take = b >= extra.length || (a < result.issues.length && lineOf(result.issues[a]!) <= lineOf(extra[b]!)) ? result.issues[a++]! : extra[b++]!;
    merged.push(take);
  }
  const truncated = result.truncated || problems.truncated || merged.length > maxIssues;
  const issues = merged.length > maxIssues ? merged.slice(0, maxIssues) : merged;
  return { ...result, issues, truncated, valid: !issues.some((i) => i.severity === 'error' || i.severity === 'fatal') };
}

/** A result with one input issue (the file as a whole could not be read). */
function inputProblem(code: 'input.invalid-utf8' | 'input.too-large', params: Record<string, number>): ValidationResult {
  const collector = new IssueCollector();
  collector.add({ code, pointer: '', expression: '', params });
  return { valid: false, issues: collector.issues(), truncated: false, profiles: [], recordCount: 0, records: [] };
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8 (never replaced silently). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

async function* toAsync(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

/** The first 64 KiB of a file, for detection (large files are never read whole). */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function writeOutputs(args: ValidateArgs, results: FileResult[], runInfo: Parameters<typeof renderValidation>[2], io: CliIo, baseline: BaselineComparison | undefined): void {
  const formats = args.formats.length ? args.formats : (['text'] as const);
  let stdoutUsed = false;
  formats.forEach((format, i) => {
    const output = args.outputs[i];
    const text = renderValidation(format, results, runInfo, { color: !output && io.stdoutIsTTY && !io.env['NO_COLOR'], ...(baseline ? { baseline } : {}) });
    if (output) writeFileSync(resolve(io.cwd, output), text);
    else {
      if (stdoutUsed) throw new ConfigError('cli.two-stdout-formats', 'only one --format may go to standard output; give --output for the others');
      stdoutUsed = true;
      if (!(args.quiet && format === 'text')) io.stdout(text);
    }
  });
}
