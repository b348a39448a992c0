/**
 * One federated pull: read the partner's CapabilityStatement and compare it with what the
 * framework requires, sample up to N resources of each required type, validate them with the
 * shared check pipeline, and summarise everything as a submission of kind `pull` (counts per
 * requirement, code and element path; no values), recorded in the store when one is given.
 * Never throws on what the partner's endpoint does: timeouts, TLS, HTTP and auth failures are issues.
 * An endpoint that answers no request at all (refused, DNS, TLS, timeout) is not recorded: the
 * outcome says `unreachable`, and the partner's requirements are left as they were.
 * @module
 */
import { isValid } from '../issues/validity.js';
import { createHash } from 'node:crypto';
import type { Checker } from '../check/create-checker.js';
import { createRequirementTracer } from '../framework/requirement-tracer.js';
import { summarizeSubmission, type SubmissionSummary } from '../framework/submission-summary.js';
import { sortIssues } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { applyPolicy } from '../policy/apply-policy.js';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { PartnerFhirEndpoint } from '../policy/partner-registry.js';
import type { Store } from '../store/store.js';
import type { ValidationResult } from '../validation-result.js';
import { version } from '../version.js';
import { compareCapabilities } from './compare-capabilities.js';
import { resolveEndpointAuth, type SecretLookup } from './endpoint-auth.js';
import { federationIssue } from './federation-issue.js';
import type { RequestFailure } from './classify-failure.js';
import { createFhirPullClient, type FhirPullClient, type RetryPolicy } from './fhir-pull-client.js';
import { systemClock, type PullClock } from './pull-clock.js';
import { partnerRateLimiter, type RateLimiter } from './rate-limiter.js';
import { deriveRequiredCapabilities, type RequiredCapabilities } from './required-capabilities.js';
import { sampleType } from './sample-resources.js';

/** Default resources sampled per required type. */
export const DEFAULT_SAMPLE_SIZE = 20;
/** Default per-request timeout when the registry gives none. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default spacing of requests to one partner (at most 10 per second). */
export const DEFAULT_MIN_INTERVAL_MS = 100;

/** Options of {@link pullPartner}. */
export interface PullPartnerOptions {
  readonly partnerId: string;
  readonly endpoint: PartnerFhirEndpoint;
  /** The shared check pipeline (base R4, the framework's profiles by resource type). */
  readonly checker: Checker;
  /** Resource type → framework profile canonicals (`profilesByType` over the framework's resources). */
  readonly profilesByType: Readonly<Record<string, readonly string[]>>;
  /** Resources sampled per required type (default 20; 0 reads the CapabilityStatement only). */
  readonly sampleSize?: number;
  /** `_count` of each search page (default `min(sampleSize, 50)`). */
  readonly pageSize?: number;
  /** Search pages followed per type (default 10). */
  readonly maxPages?: number;
  /** Looks up `secretRef` (default: the process environment). */
  readonly secrets?: SecretLookup;
  readonly retry?: RetryPolicy;
  /** Minimum spacing of requests to this partner (default 100 ms); ignored when `limiter` is given. */
  readonly minIntervalMs?: number;
  readonly limiter?: RateLimiter;
  readonly clock?: PullClock;
  readonly policy?: PartnerPolicy;
  /** Requirement ids waived by the partner's policy now (see `activeWaivers`). */
  readonly waivedRequirements?: readonly string[];
  /** Clock for `receivedAt` and policy expiry. */
  readonly now?: () => Date;
  /** FHIR packages applied by the checker, `name#version`, for the summary. */
  readonly packages?: readonly string[];
  /** Records the summary when given. */
  readonly store?: Pick<Store, 'recordSubmission'>;
  /** Create the partner in the store when it does not exist. */
  readonly createPartner?: boolean;
  /** The recorded submission's id (a pull job's); a submission already recorded under it is kept. */
  readonly recordId?: string;
}

/** What a pull found. */
export interface PullOutcome {
  readonly partnerId: string;
  readonly required: RequiredCapabilities;
  /** Whether the CapabilityStatement was read. */
  readonly capabilityRead: boolean;
  /** `capability.*` issues, with requirement ids. */
  readonly capabilityIssues: readonly Issue[];
  /** `pull.*` issues (transport, auth, paging). */
  readonly transportIssues: readonly Issue[];
  /** Resources sampled per type. */
  readonly sampled: Readonly<Record<string, number>>;
  /**
   * The full result: capability, transport and data issues. Data issues' messages may quote
   * sampled values: show them to the operator at most, never store or log them.
   */
  readonly result: ValidationResult;
  /** The value-free summary (kind `pull`), as recorded. */
  readonly summary: SubmissionSummary;
  /** The store's id of the recorded submission, when a store was given. */
  readonly submissionId?: string;
  /** True when any requirement failed or any error was found: the CLI's exit code 1. */
  readonly gaps: boolean;
  /**
   * Set when the endpoint could not be reached at all (connection refused, DNS, TLS, timeout):
   * nothing is recorded (no submission, no requirement turned "Not met" by our own network), and
   * the CLI exits with its network-error code.
   */
  readonly unreachable?: Unreachable;
}

function envSecrets(ref: string): string | undefined {
  return process.env[ref];
}

function emptyResult(): ValidationResult {
  return { valid: true, issues: [], truncated: false, profiles: [], recordCount: 0, records: [] };
}

/** What was read from the endpoint, before validation. */
interface Gathered {
  capabilityRead: boolean;
  /** Set when no request reached the endpoint (refused, DNS, TLS, timeout). */
  unreachable?: Unreachable;
  readonly capabilityIssues: Issue[];
  readonly transportIssues: Issue[];
  readonly samples: Record<string, unknown>[];
  readonly sampled: Record<string, number>;
}

/** Why the endpoint could not be reached at all (no HTTP answer to any request). */
export interface Unreachable {
  readonly cause: 'connection refused' | 'DNS' | 'TLS' | 'timeout' | 'network';
  /** The endpoint's host (and port when given). */
  readonly host: string;
  /** System or TLS error code (`ECONNREFUSED`, `ENOTFOUND`, `DEPTH_ZERO_SELF_SIGNED_CERT`), when known. */
  readonly errorCode?: string;
}

const unreachableCodes = new Set(['pull.timeout', 'pull.tls', 'pull.network']);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** The failure as "the endpoint cannot be reached", or undefined when it answered (HTTP status, bad body). */
function unreachable(f: RequestFailure, baseUrl: string): Unreachable | undefined {
  const host = new URL(baseUrl).host;
  const code = f.errorCode ? { errorCode: f.errorCode } : {};
  switch (f.kind) {
    case 'timeout':
      return { cause: 'timeout', host };
    case 'tls':
      return { cause: 'TLS', host, ...code };
    case 'network':
      if (f.errorCode === 'ECONNREFUSED') return { cause: 'connection refused', host, ...code };
      if (f.errorCode && dnsCodes.has(f.errorCode)) return { cause: 'DNS', host, ...code };
      return { cause: 'network', host, ...code };
    default:
      return undefined;
  }
}

/**
 * Samples each required type into `g`. `lost`: the CapabilityStatement request timed out; when the
 * first search gets no answer either, the endpoint is unreachable and sampling stops.
 */
async function sampleAll(
  options: PullPartnerOptions,
  required: RequiredCapabilities,
  client: FhirPullClient,
  g: Gathered,
  lost: Unreachable | undefined,
): Promise<void> {
  const sampleSize = Math.max(0, Math.floor(options.sampleSize ?? DEFAULT_SAMPLE_SIZE));
  if (sampleSize === 0 || required.resources.length === 0) {
    if (lost) g.unreachable = lost;
    return;
  }
  let probe = lost;
  for (const need of required.resources) {
    const s = await sampleType({
      client,
      type: need.type,
      limit: sampleSize,
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    });
    if (probe && s.pages === 0 && s.issues.some((i) => unreachableCodes.has(i.code))) {
      g.unreachable = probe;
      return;
    }
    probe = undefined;
    g.sampled[need.type] = s.resources.length;
    g.samples.push(...s.resources);
    for (const i of s.issues)
      (i.code.startsWith('capability.') ? g.capabilityIssues : g.transportIssues).push(i);
    // credentials refused (e.g. a token that expired mid-pull): stop rather than hammer the endpoint
    if (s.issues.some((i) => i.code === 'pull.auth-failed')) break;
  }
}

/** Authenticates, reads the CapabilityStatement and samples each required type. */
async function gather(
  options: PullPartnerOptions,
  required: RequiredCapabilities,
  clock: PullClock,
): Promise<Gathered> {
  const g: Gathered = {
    capabilityRead: false,
    capabilityIssues: [],
    transportIssues: [],
    samples: [],
    sampled: {},
  };
  const endpoint = options.endpoint;
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limiter =
    options.limiter ??
    partnerRateLimiter(options.partnerId, options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS, clock);
  const auth = await resolveEndpointAuth(endpoint, {
    secrets: options.secrets ?? envSecrets,
    timeoutMs,
    limiter,
    clock,
  });
  if (!auth.ok) {
    g.transportIssues.push(auth.issue);
    return g;
  }
  const client = createFhirPullClient({
    baseUrl: endpoint.baseUrl,
    timeoutMs,
    headers: auth.headers,
    limiter,
    clock,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const metadata = await client.get('metadata', 'metadata', 'CapabilityStatement');
  // no answer at all: refused, DNS, TLS stop here (another path on the same host fares no better);
  // after a timeout, the first type's search decides (a partner may serve data while /metadata hangs)
  const lost = metadata.ok ? undefined : unreachable(metadata.failure, endpoint.baseUrl);
  if (!metadata.ok && lost && lost.cause !== 'timeout') {
    g.unreachable = lost;
    g.transportIssues.push(metadata.issue);
    return g;
  }
  if (metadata.ok) {
    g.capabilityRead = true;
    g.capabilityIssues.push(...compareCapabilities(metadata.body, required));
  } else {
    g.transportIssues.push(metadata.issue);
    // Sampling goes on without a CapabilityStatement (a partner may serve data while its metadata
    // is broken), but not when the endpoint refused the credentials.
    if (
      metadata.failure.kind === 'http' &&
      (metadata.failure.status === 401 || metadata.failure.status === 403)
    )
      return g;
  }
  await sampleAll(options, required, client, g, lost);
  return g;
}

/** Validates the samples as NDJSON (one record per resource) and merges the endpoint's issues in, traced. */
async function combine(
  options: PullPartnerOptions,
  g: Gathered,
  text: string,
  receivedAt: Date,
): Promise<ValidationResult> {
  const checked =
    g.samples.length > 0
      ? (await options.checker.checkText(text, { feed: 'fhir', format: 'ndjson', now: receivedAt }))
          .result
      : emptyResult();
  const tracer = createRequirementTracer(options.checker.catalogue);
  const traced = [...g.capabilityIssues, ...g.transportIssues].map((i) => {
    const requirements = tracer(i, 'fhir');
    return requirements.length ? { ...i, requirements } : i;
  });
  const issues = sortIssues([...traced, ...checked.issues]);
  const result: ValidationResult = { ...checked, issues, valid: isValid(issues) };
  return options.policy ? applyPolicy(result, options.policy, receivedAt) : result;
}

/** Runs one pull. Throws only on broken setup (e.g. an unregistered issue code), never on the partner's answers. */
export async function pullPartner(options: PullPartnerOptions): Promise<PullOutcome> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const receivedAt = (options.now ?? (() => new Date()))();
  const required = deriveRequiredCapabilities({
    profilesByType: options.profilesByType,
    ...(options.endpoint.resourceTypes ? { resourceTypes: options.endpoint.resourceTypes } : {}),
  });
  const g = await gather(options, required, clock);
  if (!g.capabilityRead) {
    const reason = g.transportIssues[0]?.code ?? 'not requested';
    g.capabilityIssues.unshift(
      federationIssue('capability.statement-unavailable', { reason }, 'CapabilityStatement'),
    );
  }
  const text = g.samples.map((r) => JSON.stringify(r)).join('\n');
  const result = await combine(options, g, text, receivedAt);
  const summary = summarizeSubmission(result, {
    partnerId: options.partnerId,
    feed: 'fhir',
    kind: 'pull',
    catalogue: options.checker.catalogue,
    validatorVersion: version,
    packages: options.packages ?? [],
    payloadHash: createHash('sha256').update(text).digest('hex'),
    payloadSize: Buffer.byteLength(text),
    receivedAt: receivedAt.toISOString(),
    durationMs: Math.max(0, clock.now() - started),
    recordType: 'CapabilityStatement',
    ...(options.waivedRequirements ? { waivedRequirements: options.waivedRequirements } : {}),
  });
  const gaps = summary.requirements.some((r) => r.failed > 0) || !result.valid;
  const recorded =
    options.store && !g.unreachable
      ? await options.store.recordSubmission(summary, {
          ...(options.createPartner ? { createPartner: true } : {}),
          ...(options.recordId !== undefined ? { id: options.recordId } : {}),
        })
      : undefined;
  return {
    partnerId: options.partnerId,
    required,
    capabilityRead: g.capabilityRead,
    capabilityIssues: result.issues.filter((i) => i.code.startsWith('capability.')),
    transportIssues: result.issues.filter((i) => i.code.startsWith('pull.')),
    sampled: g.sampled,
    result,
    summary,
    ...(recorded ? { submissionId: recorded.id } : {}),
    gaps,
    ...(g.unreachable ? { unreachable: g.unreachable } : {}),
  };
}
