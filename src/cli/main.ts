/**
 * The `mdss` command line. Exit codes are a contract: 0 ok, 1 issues at or above --fail-on (or gaps
 * found), 2 usage or configuration error, 3 internal error.
 * @module
 */
import { parseArgs } from 'node:util';
import { isExtensionDomain, isFeedName } from '../check/check-options.js';
import { ConfigError, PackError } from '../errors.js';
import { isValidationFormat, type ValidationFormat } from '../reports/validation/formats.js';
import { version } from '../version.js';
import { processIo, type CliIo } from './cli-io.js';
import { commandUsage, usage } from './usage.js';
import { describeParseError } from './did-you-mean.js';
import { progressIntervalMs } from './progress.js';

/**
 * Runs {@link main} as the process's entry: the exit code becomes `process.exitCode`, and an
 * unexpected failure is reported on stderr with exit code 3. Used by `bin/mdss.js` (and the tests'
 * launcher over the sources).
 */
export function runAsProcess(argv: readonly string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `mdss: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exitCode = 3;
    },
  );
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'pull' && asksForHelp(rest)) {
    io.stdout(commandUsage[command ?? ''] ?? usage);
    return 0;
  }
  try {
    switch (command) {
      // every command's code is loaded when it runs (--version and --help load none of it)
      case 'validate': {
        const args = parseValidate(rest);
        const { runValidate } = await import('./validate-command.js');
        return await runValidate(args, io);
      }
      case 'standards':
        return (await import('./standards-command.js')).runStandards(rest, io);
      case 'init':
        return (await import('./init-command.js')).runInit(rest, io);
      case 'serve':
      case 'worker':
      case 'report':
      case 'pull':
      case 'demo':
        return await runLazy(command, rest, io);
      case '--version':
      case 'version':
        io.stdout(`${version}\n`);
        return 0;
      case undefined:
      case '--help':
      case 'help':
      case '-h':
        io.stdout(usage);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`mdss: unknown command '${command}'\n\n${usage}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(
        `mdss: ${describeParseError(e, (command !== undefined && commandUsage[command]) || usage)}\n`,
      );
      return 2;
    }
    if (e instanceof ConfigError || e instanceof PackError) {
      io.stderr(`mdss: ${e.message}\n`);
      return 2;
    }
    io.stderr(`mdss: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}

/** `mdss <command> --help` (or `-h`) before any `--`: the usage text (`pull` has its own). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Commands with heavy dependencies (server, store) are loaded only when used. */
async function runLazy(
  command: 'serve' | 'worker' | 'report' | 'pull' | 'demo',
  rest: readonly string[],
  io: CliIo,
): Promise<number> {
  const mod = (await import(`./${command}-command.js`)) as {
    run: (args: readonly string[], io: CliIo) => Promise<number>;
  };
  return mod.run(rest, io);
}

function parseValidate(args: readonly string[]) {
  const { values, positionals, tokens } = parseArgs({
    args: [...args],
    allowPositionals: true,
    tokens: true,
    options: {
      profile: { type: 'string', multiple: true },
      supporting: { type: 'string', multiple: true },
      package: { type: 'string', multiple: true },
      format: { type: 'string', multiple: true },
      output: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean' },
      'max-issues': { type: 'string' },
      quiet: { type: 'boolean' },
      feed: { type: 'string' },
      'cld-release': { type: 'string' },
      policy: { type: 'string' },
      partner: { type: 'string' },
      framework: { type: 'string' },
      'allow-test-numbers': { type: 'boolean' },
      'extension-domain': { type: 'string', multiple: true },
      'show-values': { type: 'boolean' },
      'tx-server': { type: 'string' },
      threads: { type: 'string' },
      'progress-interval': { type: 'string' },
    },
  });
  if (positionals.length === 0)
    throw new ConfigError('cli.no-input', 'validate needs at least one file, directory or glob');
  // each --output belongs to the --format given before it
  const formats: ValidationFormat[] = [];
  const outputs: (string | undefined)[] = [];
  for (const t of tokens ?? []) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'format') {
      if (!isValidationFormat(t.value))
        throw new ConfigError(
          'cli.bad-format',
          `--format ${t.value}: expected one of text, json, operationoutcome, operationoutcome-xml, junit, sarif, github, markdown`,
        );
      formats.push(t.value);
      outputs.push(undefined);
    } else if (t.name === 'output') {
      if (formats.length === 0 || outputs[outputs.length - 1] !== undefined)
        throw new ConfigError(
          'cli.output-without-format',
          'each --output needs its own --format before it',
        );
      outputs[outputs.length - 1] = t.value;
    }
  }
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never')
    throw new ConfigError(
      'cli.bad-fail-on',
      `--fail-on ${failOn}: expected error, warning or never`,
    );
  if (values.feed !== undefined && !isFeedName(values.feed))
    throw new ConfigError('cli.bad-feed', `--feed ${values.feed}: expected fhir, cld or cin`);
  const cldRelease = values['cld-release'];
  if (cldRelease !== undefined && cldRelease !== '1' && cldRelease !== '2')
    throw new ConfigError('cli.bad-cld-release', `--cld-release ${cldRelease}: expected 1 or 2`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
    throw new ConfigError(
      'cli.bad-threads',
      `--threads ${values.threads}: expected a whole number from 1 to 64`,
    );
  const maxIssues = values['max-issues'] === undefined ? undefined : Number(values['max-issues']);
  if (maxIssues !== undefined && !(Number.isInteger(maxIssues) && maxIssues > 0))
    throw new ConfigError('cli.bad-max-issues', '--max-issues must be a positive integer');
  return {
    inputs: positionals,
    profiles: values.profile ?? [],
    supporting: [...(values.supporting ?? []), ...(values.package ?? [])],
    formats,
    outputs,
    failOn,
    ...(values.baseline ? { baseline: values.baseline } : {}),
    updateBaseline: values['update-baseline'] === true,
    ...(maxIssues !== undefined ? { maxIssues } : {}),
    quiet: values.quiet === true,
    ...(values.feed ? { feed: values.feed as 'fhir' | 'cld' | 'cin' } : {}),
    ...(cldRelease ? { cldRelease: Number(cldRelease) as 1 | 2 } : {}),
    ...(values.policy ? { policy: values.policy } : {}),
    ...(values.partner ? { partner: values.partner } : {}),
    ...(values.framework ? { framework: values.framework } : {}),
    allowTestNumbers: values['allow-test-numbers'] === true,
    ...(values['extension-domain']?.length
      ? { extensionDomains: values['extension-domain'].map(extensionDomain) }
      : {}),
    ...(values['show-values'] === true ? { showValues: true } : {}),
    ...(values['tx-server'] ? { txServer: txServerUrl(values['tx-server']) } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(values['progress-interval'] !== undefined
      ? { progressInterval: progressInterval(values['progress-interval']) }
      : {}),
  } as const;
}

/** An `--extension-domain` prefix: an absolute URL (`https://fhir.example-trust.nhs.uk/`). */
function extensionDomain(value: string): string {
  if (!isExtensionDomain(value))
    throw new ConfigError(
      'cli.bad-extension-domain',
      `--extension-domain ${value}: expected an absolute URL prefix such as https://fhir.example.org/`,
    );
  return value;
}

/** Checked here so that a bad value stops the run before any file is read. */
function progressInterval(value: string): string {
  progressIntervalMs(value, undefined);
  return value;
}

function txServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('cli.bad-tx-server', `--tx-server ${value}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('cli.bad-tx-server', '--tx-server must be an http(s) URL');
  return value;
}
