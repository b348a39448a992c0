/**
 * `mdss pull <partner> [--endpoint <base-url>] [--format text|json|markdown|html|csv] [--count N] …`:
 * a federated check of one partner's FHIR endpoint (CapabilityStatement against the framework's
 * required capabilities, up to N sampled resources per required type validated with the framework),
 * recorded in the store as a submission of kind `pull`. Exit code 1 when gaps are found, as
 * `validate` does; 2 for usage or configuration errors; 4 when the endpoint cannot be reached
 * (nothing recorded).
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { endpointFromStored, endpointToStored } from '../federation/stored-endpoint.js';
import { DEFAULT_TIMEOUT_MS, pullPartner, type Unreachable } from '../federation/pull-partner.js';
import { renderPullText, toPullReport } from '../federation/pull-report.js';
import {
  findPartner,
  loadPartnerRegistry,
  type PartnerFhirEndpoint,
  type RegistryPartner,
} from '../policy/partner-registry.js';
import {
  aggregatePeriod,
  buildScorecard,
  renderScorecardCsv,
  renderScorecardHtml,
  renderScorecardJson,
  renderScorecardMarkdown,
} from '../reports/conformance/index.js';
import type { Partner } from '../reports/conformance/partner.js';
import { openStore, readNhsukCss, type Store } from '../store/index.js';
import type { CliIo } from './cli-io.js';
import { buildChecker } from './validate-command.js';

const formats = ['text', 'json', 'markdown', 'html', 'csv'] as const;
type PullFormat = (typeof formats)[number];
const auths = ['none', 'bearer', 'client-credentials'] as const;

/** Usage of `mdss pull`. */
export const pullUsage = `Usage: mdss pull <partner> [options]

Reads the partner's FHIR endpoint: compares its CapabilityStatement with what the framework requires
and validates up to --count resources of each required type; records the result as a pull.

  --endpoint <base-url>        FHIR base URL (registers or overrides the partner's endpoint)
  --auth none|bearer|client-credentials   with --endpoint (default none)
  --secret-ref <NAME>          environment variable holding the bearer token or client secret
  --token-url <url>  --client-id <id>  --scope <scope>   for client credentials
  --timeout-ms <n>             per-request timeout (default 10000)
  --registry <file>            partner registry (schemas/partner-registry.schema.json)
  --count <n>                  resources sampled per type (default 20)
  --format text|json|markdown|html|csv   (default text; markdown/html/csv: the partner scorecard of this pull)
  --output <file>              write the report to a file
  --db <file>                  SQLite store (default ./data/mdss.sqlite, or DATABASE_URL)
  --no-record                  do not record the pull in the store
  --framework <dir>            framework profiles folder (default: the built-in framework)
  --allow-test-numbers         accept NHS numbers from the 999 test range (test data)
Exit codes: 0 no gaps, 1 gaps found, 2 usage or configuration error, 3 internal error, 4 the
endpoint could not be reached (connection refused, DNS, TLS, timeout: one line on standard error
naming the cause and the host; nothing is recorded).
`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new ConfigError('cli.bad-number', `--${name} ${value}: expected a whole number`);
  return Number(value);
}

function checkUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('cli.bad-url', `--${name} ${value}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('cli.bad-url', `--${name}: only http and https URLs`);
  return value;
}

function parse(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      auth: { type: 'string' },
      'secret-ref': { type: 'string' },
      'token-url': { type: 'string' },
      'client-id': { type: 'string' },
      scope: { type: 'string' },
      'timeout-ms': { type: 'string' },
      registry: { type: 'string' },
      count: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      db: { type: 'string' },
      'no-record': { type: 'boolean' },
      framework: { type: 'string' },
      'allow-test-numbers': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const format = (values.format ?? 'text') as PullFormat;
  if (!formats.includes(format))
    throw new ConfigError(
      'cli.bad-format',
      `--format ${format}: expected text, json, markdown, html or csv`,
    );
  const auth = values.auth ?? 'none';
  if (!(auths as readonly string[]).includes(auth))
    throw new ConfigError(
      'cli.bad-auth',
      `--auth ${auth}: expected none, bearer or client-credentials`,
    );
  if (values.auth !== undefined && values.endpoint === undefined)
    throw new ConfigError('cli.auth-without-endpoint', '--auth goes with --endpoint');
  return { values, positionals, format, auth: auth as PartnerFhirEndpoint['auth'] };
}

type Parsed = ReturnType<typeof parse>;

function endpointFromArgs(p: Parsed): PartnerFhirEndpoint | undefined {
  const v = p.values;
  if (v.endpoint === undefined) return undefined;
  const timeoutMs = positiveInt('timeout-ms', v['timeout-ms']);
  return {
    baseUrl: checkUrl('endpoint', v.endpoint),
    auth: p.auth,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(v['secret-ref'] ? { secretRef: v['secret-ref'] } : {}),
    ...(v['token-url'] ? { tokenUrl: checkUrl('token-url', v['token-url']) } : {}),
    ...(v['client-id'] ? { clientId: v['client-id'] } : {}),
    ...(v.scope ? { scope: v.scope } : {}),
  };
}

function readRegistryPartner(
  file: string | undefined,
  id: string,
  cwd: string,
): RegistryPartner | undefined {
  if (file === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (e) {
    throw new ConfigError(
      'cli.registry-unreadable',
      `--registry ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return findPartner(loadPartnerRegistry(json), id);
}

/** The partner as the store should hold it, with the endpoint used. */
function partnerRecord(
  id: string,
  stored: Partner | undefined,
  listed: RegistryPartner | undefined,
  endpoint: PartnerFhirEndpoint,
): Omit<Partner, 'createdAt'> {
  const base =
    stored ??
    (listed
      ? {
          id: listed.id,
          name: listed.name,
          kind: listed.kind,
          ...(listed.odsCode ? { odsCode: listed.odsCode } : {}),
          ...(listed.cqcLocationId ? { cqcLocationId: listed.cqcLocationId } : {}),
          ...(listed.gssCode ? { gssCode: listed.gssCode } : {}),
        }
      : { id, name: id, kind: 'other' as const });
  const { createdAt: _createdAt, ...rest } = base as Partner;
  return { ...rest, fhirEndpoint: endpointToStored(endpoint) };
}

function render(
  format: PullFormat,
  text: () => string,
  json: () => string,
  partner: Omit<Partner, 'createdAt'>,
  outcome: Awaited<ReturnType<typeof pullPartner>>,
  now: Date,
  css: string | undefined,
): string {
  if (format === 'text') return text();
  if (format === 'json') return json();
  const at = outcome.summary.receivedAt;
  const current = aggregatePeriod(
    partner.id,
    at,
    new Date(new Date(at).getTime() + 1).toISOString(),
    [outcome.summary],
  );
  const card = buildScorecard({ partner, catalogue: builtinCatalogue, current, waivers: [], now });
  if (format === 'markdown') return renderScorecardMarkdown(card);
  if (format === 'csv') return renderScorecardCsv(card);
  if (format === 'html') return renderScorecardHtml(card, css !== undefined ? { styles: css } : {});
  return renderScorecardJson(card);
}

/** The endpoint: the command line's, else the registry's, else the one stored with the partner. */
function resolveEndpoint(
  p: Parsed,
  id: string,
  listed: RegistryPartner | undefined,
  stored: Partner | undefined,
): PartnerFhirEndpoint {
  const endpoint =
    endpointFromArgs(p) ??
    listed?.fhirEndpoint ??
    (stored?.fhirEndpoint ? endpointFromStored(stored.fhirEndpoint) : undefined);
  if (!endpoint)
    throw new ConfigError(
      'cli.no-endpoint',
      `no FHIR endpoint for partner '${id}': give --endpoint <base-url>, or a --registry entry with fhirEndpoint`,
    );
  return endpoint;
}

/** Exit code of a pull whose endpoint could not be reached (nothing recorded). */
export const networkErrorExit = 4;

/** One line: which host, and why it could not be reached. */
function describeUnreachable(u: Unreachable, endpoint: PartnerFhirEndpoint): string {
  const code = u.errorCode ? ` (${u.errorCode})` : '';
  const why =
    u.cause === 'connection refused'
      ? `connection refused${code}`
      : u.cause === 'DNS'
        ? `DNS lookup failed${code}`
        : u.cause === 'TLS'
          ? `TLS handshake failed${code}`
          : u.cause === 'timeout'
            ? `timeout: no answer within ${endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
            : `network error${code}`;
  return `cannot reach the endpoint host ${u.host}: ${why}`;
}

/** Runs the command; returns the exit code. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const p = parse(args);
  if (p.values.help) {
    io.stdout(pullUsage);
    return 0;
  }
  const id = p.positionals[0];
  if (id === undefined || p.positionals.length > 1)
    throw new ConfigError('cli.no-partner', `pull needs exactly one partner id\n\n${pullUsage}`);
  const listed = readRegistryPartner(p.values.registry, id, io.cwd);
  const record = p.values['no-record'] !== true;
  const store: Store | undefined = record
    ? await openStore(p.values.db ? { sqlitePath: resolve(io.cwd, p.values.db) } : { env: io.env })
    : undefined;
  try {
    const stored = store ? await store.getPartner(listed?.id ?? id) : undefined;
    const endpoint = resolveEndpoint(p, id, listed, stored);
    const partner = partnerRecord(listed?.id ?? id, stored, listed, endpoint);
    // the partner (and the endpoint given) is written with the pull's submission, never without:
    // an endpoint that cannot be reached leaves the store as it was
    const recorder: Pick<Store, 'recordSubmission'> | undefined = store
      ? {
          recordSubmission: async (summary, options) => {
            await store.upsertPartner(partner);
            return store.recordSubmission(summary, options);
          },
        }
      : undefined;
    const framework = p.values.framework ? resolve(io.cwd, p.values.framework) : undefined;
    const checker = buildChecker(
      {
        supporting: [],
        profiles: [],
        allowTestNumbers: p.values['allow-test-numbers'] === true,
        ...(framework ? { framework } : {}),
      },
      io.cwd,
    );
    const sampleSize = positiveInt('count', p.values.count);
    const outcome = await pullPartner({
      partnerId: partner.id,
      endpoint,
      checker,
      profilesByType: checker.frameworkProfiles,
      secrets: (ref) => io.env[ref],
      now: () => io.now(),
      ...(sampleSize !== undefined ? { sampleSize } : {}),
      ...(recorder ? { store: recorder } : {}),
    });
    if (outcome.unreachable) {
      io.stderr(`mdss: ${describeUnreachable(outcome.unreachable, endpoint)}; nothing recorded\n`);
      return networkErrorExit;
    }
    const report = toPullReport(outcome);
    const css = p.format === 'html' ? await readNhsukCss() : undefined;
    const out = render(
      p.format,
      () => renderPullText(report, endpoint.baseUrl),
      () => `${JSON.stringify(report, null, 2)}\n`,
      partner,
      outcome,
      io.now(),
      css,
    );
    if (p.values.output) writeFileSync(resolve(io.cwd, p.values.output), out);
    else io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return outcome.gaps ? 1 : 0;
  } finally {
    await store?.close();
  }
}
