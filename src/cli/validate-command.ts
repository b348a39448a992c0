/**
 * `mdss validate <files | dirs | globs>`: validates FHIR resources, Bundles, NDJSON and the
 * framework's social-care feeds; writes one or more output formats; exit code as a contract
 * (0 ok, 1 issues at or above --fail-on, 2 usage/configuration, 3 internal error).
 * @module
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { noFramework, type CheckOptions, type FeedName } from '../check/check-options.js';
import type { Checker } from '../check/create-checker.js';
import { createNodeChecker } from '../node/create-node-checker.js';
import { createRemoteTerminology } from '../fhir/terminology/remote-terminology.js';
import { ConfigError } from '../errors.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { profilesByType } from '../framework/framework-profiles.js';
import { loadPackRegistry } from '../node/load-pack-registry.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import {
  compareToBaseline,
  createBaseline,
  failOn,
  parseBaseline,
  renderValidation,
  type BaselineComparison,
  type FileResult,
  type ValidationFormat,
} from '../reports/validation/index.js';
import { version } from '../version.js';
import { loadFrameworkResources } from './framework-files.js';
import { expandInputs } from './inputs.js';
import { skippedFiles } from './skipped-files.js';
import { createProgress, defaultProgressIntervalMs, progressIntervalMs } from './progress.js';
import { checkInWorkers, defaultThreads } from './worker-pool.js';
import { createFhirXmlReader, readFhirXmlResource } from '../fhir/xml/validate-fhir-xml.js';
import {
  loadSupportingSync,
  readSupportingPackages,
  type SupportingPackages,
} from './load-supporting.js';
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
  /** `--quiet`: no progress on standard error (results are printed as ever). */
  readonly quiet: boolean;
  readonly feed?: FeedName;
  readonly policy?: string;
  /** Partner id: applies `policies/<id>.json` (or the file given by --policy) and checks its partner field. */
  readonly partner?: string;
  readonly framework?: string;
  readonly allowTestNumbers: boolean;
  /** `--extension-domain` (repeatable): extension url prefixes accepted without a definition. */
  readonly extensionDomains?: readonly string[];
  /** `--show-values`: quote payload values and names in messages (default `[value]`). */
  readonly showValues?: boolean;
  /** CLD specification release (`--cld-release`); else the partner policy's, else detected. */
  readonly cldRelease?: 1 | 2;
  /** FHIR terminology server for codes that cannot be checked offline (SNOMED CT, dm+d, …). */
  readonly txServer?: string;
  /** Threads that validate, this one included (1: no worker threads); default: by the input (see worker-pool.ts). */
  readonly threads?: number;
  /** `--progress-interval <s>`: seconds between plain progress lines when stderr is not a terminal. */
  readonly progressInterval?: string;
}

/**
 * Files above this size are streamed (NDJSON line by line, CSV by chunks) in bounded memory; a FHIR
 * JSON document is read whole at any size. `MDSS_STREAM_THRESHOLD_BYTES` lowers it (tests).
 */
function streamThreshold(): number {
  const env = process.env['MDSS_STREAM_THRESHOLD_BYTES'];
  return env !== undefined && /^\d{1,15}$/.test(env) ? Number(env) : 32 * 1024 * 1024;
}

/** The definitions a run validates with: base R4, the framework's profiles and the supporting resources. */
function buildRegistry(
  args: Pick<ValidateArgs, 'supporting' | 'framework' | 'profiles'>,
  cwd: string,
  packages: SupportingPackages,
) {
  const registry = loadPackRegistry().registry;
  const folder = args.framework === noFramework ? undefined : frameworkDir(args.framework, cwd);
  const frameworkResources = folder === undefined ? undefined : loadFrameworkResources(folder);
  if (frameworkResources) registry.addAll(frameworkResources);
  // FHIR XML conformance resources are read with the base definitions' XML mapping
  // (the reader is built on the first XML file only: most runs have none)
  let xmlReader: ReturnType<typeof createFhirXmlReader> | undefined;
  const readXml = (text: string) =>
    readFhirXmlResource((xmlReader ??= createFhirXmlReader(registry)), text);
  for (const s of args.supporting)
    registry.addAll(packages.get(resolve(cwd, s)) ?? loadSupportingSync(resolve(cwd, s), readXml));
  for (const p of args.profiles) {
    if ((p.endsWith('.json') || p.endsWith('.xml')) && existsSync(resolve(cwd, p)))
      registry.addAll(loadSupportingSync(resolve(cwd, p), readXml));
  }
  return { registry, frameworkResources };
}

/**
 * Builds the pipeline with the one factory: base R4 + the framework's profiles (on unless
 * `--framework none`) + supporting resources, and the terminology server when given. A profile
 * in `profiles` that no definition resolves is a configuration error (exit 2), not an issue in every file.
 */
export function buildChecker(
  args: Pick<
    ValidateArgs,
    'supporting' | 'framework' | 'allowTestNumbers' | 'profiles' | 'txServer' | 'extensionDomains'
  >,
  cwd: string,
  packages: SupportingPackages = new Map(),
  profiles: readonly string[] = [],
): Checker {
  const { registry, frameworkResources } = buildRegistry(args, cwd, packages);
  for (const url of profiles) {
    if (!registry.structureDefinition(url.split('|')[0]!))
      throw new ConfigError(
        'cli.unknown-profile',
        `--profile ${url}: no such profile in FHIR R4, the framework or --supporting`,
      );
  }
  return createNodeChecker({
    registry,
    ...(frameworkResources ? { frameworkProfiles: profilesByType(frameworkResources) } : {}),
    ...(args.txServer ? { terminology: createRemoteTerminology({ baseUrl: args.txServer }) } : {}),
    defaults: {
      ...(args.framework === noFramework ? { framework: noFramework } : {}),
      ...(args.allowTestNumbers ? { allowTestNumbers: true } : {}),
      ...(args.extensionDomains?.length ? { extensionDomains: args.extensionDomains } : {}),
    },
  });
}

/**
 * `--framework`: a folder of framework profiles, or a framework version. Only the built-in version
 * ships with this release; another version is a configuration error (exit 2), never a silent fallback.
 */
function frameworkDir(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+\.\d+(\.\d+)?$/.test(value) && !existsSync(resolve(cwd, value))) {
    const builtin = builtinCatalogue.framework.version;
    if (value !== builtin && `${value}.0` !== builtin)
      throw new ConfigError(
        'cli.framework-version',
        `framework ${value} is not available: this release carries framework ${builtin}; give a folder of profiles instead`,
      );
    return undefined;
  }
  return resolve(cwd, value);
}

/** Profiles given as paths to StructureDefinition files become their canonical urls. */
function profileUrls(profiles: readonly string[], cwd: string): string[] {
  return profiles.map((p) => {
    const file = resolve(cwd, p);
    if (p.endsWith('.xml') && existsSync(file)) {
      // the <url value="…"/> of a StructureDefinition in FHIR XML (its first url element)
      const url = /<url\s+value="([^"]*)"/.exec(readFileSync(file, 'utf8'))?.[1];
      if (url === undefined)
        throw new ConfigError(
          'cli.profile-without-url',
          `--profile ${p}: the file has no canonical url`,
        );
      return url;
    }
    if (p.endsWith('.json') && existsSync(file)) {
      const url = (JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown }).url;
      if (typeof url !== 'string')
        throw new ConfigError(
          'cli.profile-without-url',
          `--profile ${p}: the file has no canonical url`,
        );
      return url;
    }
    return p;
  });
}

/** Runs the command; returns the exit code. */
export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const files = expandInputs(args.inputs, io.cwd);
  if (files.length === 0)
    throw new ConfigError(
      'cli.no-input-files',
      `no files to validate in ${args.inputs.join(' ')} (looked for *.json, *.ndjson, *.jsonl, *.csv, *.xml)`,
    );
  const baselinePath = args.baseline ? resolve(io.cwd, args.baseline) : undefined;
  if (baselinePath && !args.updateBaseline && !existsSync(baselinePath))
    throw new ConfigError(
      'cli.baseline-not-found',
      `--baseline ${args.baseline}: no such file (create it with --update-baseline)`,
    );
  const packages = await readSupportingPackages(args.supporting, io.cwd);
  const profiles = profileUrls(args.profiles, io.cwd);
  const policy = partnerPolicy(args, io.cwd);
  const started = Date.now();
  const results: FileResult[] = [];
  let records = 0;
  let issues = 0;
  const threads =
    args.threads ??
    defaultThreads(
      files.length,
      files.reduce((n, f) => n + statSync(f).size, 0),
    );
  const checker = () => buildChecker(args, io.cwd, packages, profiles);
  const jobs = files.map((file) => ({ file, rel: relative(io.cwd, file).split(sep).join('/') }));
  const progress = args.quiet
    ? undefined
    : createProgress({
        total: files.length,
        tty: io.stderrIsTTY,
        intervalMs:
          progressIntervalMs(args.progressInterval, io.env['MDSS_PROGRESS_INTERVAL']) ??
          defaultProgressIntervalMs,
        write: (text) => io.stderr(text),
        now: () => performance.now(),
      });
  if (threads > 1 && jobs.length > 1) {
    const found = await checkInWorkers(
      jobs,
      threads,
      checker,
      { args, cwd: io.cwd, profiles, policy, now: io.now(), packages, env: io.env },
      (done, r) => {
        records += r.result.recordCount;
        issues += r.result.issues.length;
        progress?.update(done, records, issues);
      },
    );
    results.push(...found);
  } else {
    const pipeline = checker();
    for (const [i, job] of jobs.entries()) {
      const fr = await checkFile(pipeline, job.file, job.rel, args, profiles, policy, io.now());
      records += fr.result.recordCount;
      issues += fr.result.issues.length;
      results.push(fr);
      progress?.update(i + 1, records, issues);
    }
  }
  progress?.finish(files.length, records, issues);
  // files in the given folders that are not read: named in every report, with the reason
  const skipped = skippedFiles(args.inputs, io.cwd);
  results.push(...skipped);
  if (skipped.length)
    io.stderr(
      `mdss: ${skipped.length} file${skipped.length === 1 ? '' : 's'} not read: ${skipped.map((s) => s.file).join(', ')}\n`,
    );
  const runInfo = {
    toolName: 'mdss' as const,
    toolVersion: version,
    frameworkVersion: builtinCatalogue.framework.version,
    // the run's measured time goes to JUnit only: every other format stays byte-identical for the same input
    durationMs: Date.now() - started,
  };
  if (baselinePath && args.updateBaseline) {
    writeOutputs(args, results, runInfo, io, undefined);
    writeFileSync(baselinePath, `${JSON.stringify(createBaseline(results), null, 2)}\n`);
    io.stderr(`mdss: baseline written to ${args.baseline}\n`);
    return 0;
  }
  const baseline = baselinePath ? readBaseline(baselinePath, args.baseline!) : undefined;
  const comparison = baseline ? compareToBaseline(results, baseline) : undefined;
  writeOutputs(args, results, runInfo, io, comparison);
  if (comparison) {
    io.stderr(
      `mdss: baseline: ${comparison.newIssues.length} new, ${comparison.known.length} known, ${comparison.fixed.length} fixed\n`,
    );
  }
  return failOn(results, args.failOn, baseline) ? 1 : 0;
}

/** The baseline file; unreadable or not a baseline: a configuration error. */
function readBaseline(path: string, name: string): ReturnType<typeof parseBaseline> {
  try {
    return parseBaseline(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(
      'cli.baseline-unreadable',
      `--baseline ${name}: not a baseline file written by --update-baseline`,
    );
  }
}

/** The policy for this run: `--policy <file>`, or `policies/<partner>.json` for `--partner <id>`. */
function partnerPolicy(args: ValidateArgs, cwd: string): PartnerPolicy | undefined {
  const path = args.policy
    ? resolve(cwd, args.policy)
    : args.partner
      ? resolve(cwd, 'policies', `${args.partner}.json`)
      : undefined;
  if (!path) return undefined;
  if (!existsSync(path))
    throw new ConfigError(
      'cli.policy-not-found',
      `no policy file ${relative(cwd, path)} for partner ${args.partner ?? '?'}`,
    );
  const policy = readPolicy(path);
  if (args.partner && policy.partner !== args.partner) {
    throw new ConfigError(
      'cli.policy-partner-mismatch',
      `${relative(cwd, path)} is the policy of partner '${policy.partner}', not '${args.partner}'`,
    );
  }
  return policy;
}

function readPolicy(path: string): PartnerPolicy {
  try {
    return loadPolicy(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(
      'cli.policy-unreadable',
      `--policy ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * Checks one file through the pipeline: read whole (as bytes) up to the stream threshold, streamed
 * above it (NDJSON by line, CSV by rows; a JSON document is collected under its limit). The same
 * issues either way.
 */
export async function checkFile(
  checker: Checker,
  file: string,
  rel: string,
  args: ValidateArgs,
  profiles: string[],
  policy: PartnerPolicy | undefined,
  now: Date,
): Promise<FileResult> {
  const opts: CheckOptions = {
    filename: file,
    ...(args.feed ? { feed: args.feed } : {}),
    ...(args.cldRelease ? { cldRelease: args.cldRelease } : {}),
    ...(profiles.length ? { profiles } : {}),
    ...(args.maxIssues !== undefined ? { maxIssues: args.maxIssues } : {}),
    ...(args.showValues ? { showValues: true } : {}),
    ...(policy ? { policy } : {}),
    now,
  };
  const started = performance.now();
  const size = statSync(file).size;
  const checked =
    size <= streamThreshold()
      ? await checker.checkBytes(readFileSync(file), opts)
      : await checker.checkStream(createReadStream(file), opts);
  // reading included: the file's time in the JUnit report
  const durationMs = performance.now() - started;
  return { file: rel, feed: checked.feed, result: checked.result, durationMs };
}

function writeOutputs(
  args: ValidateArgs,
  results: FileResult[],
  runInfo: Parameters<typeof renderValidation>[2],
  io: CliIo,
  baseline: BaselineComparison | undefined,
): void {
  const formats = args.formats.length ? args.formats : (['text'] as const);
  let stdoutUsed = false;
  formats.forEach((format, i) => {
    const output = args.outputs[i];
    const { durationMs: _durationMs, ...untimed } = runInfo;
    const text = renderValidation(format, results, format === 'junit' ? runInfo : untimed, {
      color: !output && io.stdoutIsTTY && !io.env['NO_COLOR'],
      ...(baseline ? { baseline } : {}),
    });
    if (output) writeFileSync(resolve(io.cwd, output), text);
    else {
      if (stdoutUsed)
        throw new ConfigError(
          'cli.two-stdout-formats',
          'only one --format may go to standard output; give --output for the others',
        );
      stdoutUsed = true;
      io.stdout(text);
    }
  });
}
