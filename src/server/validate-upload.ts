/**
 * The validation pipeline shared by `POST /v1/validate` and partner submissions: reads the body
 * under the limits, decides feed and format (`?feed=`, `?format=`, content type, detection), runs
 * the FHIR or feed engine, and traces issues to the framework's requirements.
 * @module
 */
import type { Context } from 'hono';
import { detectFeed, type FeedFormat } from '../feeds/detect-feed.js';
import { validateFeedText } from '../feeds/validate-feed.js';
import { createRequirementTracer, traceResult } from '../framework/requirement-tracer.js';
import { summarizeSubmission, type SubmissionSummary } from '../framework/submission-summary.js';
import type { ValidationResult } from '../validation-result.js';
import type { AppEnv } from './app-env.js';
import { sha256Hex } from './auth/sha256-hex.js';
import { HttpProblem, httpProblem } from './http-problem.js';
import { findTooDeep } from './find-too-deep.js';
import { countCodes } from './log-entry.js';
import { readBody, requireMediaType } from './read-body.js';
import type { ResolvedDeps } from './route-context.js';
import { validateFhirNdjson } from './validate-fhir-ndjson.js';
import { withPositions } from './with-positions.js';

/** Feeds `/v1/validate` knows. */
export const uploadFeeds = ['fhir', 'cld', 'cin'] as const;
/** A feed name. */
export type UploadFeed = (typeof uploadFeeds)[number];
/** Input formats. */
export const uploadFormats = ['csv', 'json', 'ndjson'] as const;

/** Media types accepted for uploads, with the format each implies (undefined: detect). */
export const uploadMediaTypes: Readonly<Record<string, FeedFormat | undefined>> = {
  'application/json': undefined,
  'application/fhir+json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/fhir+ndjson': 'ndjson',
  'text/csv': 'csv',
  'text/plain': undefined,
};

/** A validated upload. */
export interface Upload {
  readonly feed: string;
  readonly format: FeedFormat;
  /** Traced: issues carry their requirement ids. */
  readonly result: ValidationResult;
  /** What a submission stores: counts per requirement, code and path; hashes and versions. */
  readonly summary: SubmissionSummary;
}

/**
 * Reads and validates the request body, and summarises it for `partnerId` (empty for a plain
 * validation). Request problems throw {@link HttpProblem}: 415, 413, 400 (too deep, malformed JSON
 * document, bad parameter), 422 (unknown or undetectable feed).
 */
export async function validateUpload(c: Context<AppEnv>, deps: ResolvedDeps, partnerId = ''): Promise<Upload> {
  const type = requireMediaType(c.req.header('content-type'), Object.keys(uploadMediaTypes));
  const feedParam = c.req.query('feed');
  if (feedParam !== undefined && !(uploadFeeds as readonly string[]).includes(feedParam)) {
    throw httpProblem(422, 'feed.unknown-feed', { reason: 'the feed parameter names no known feed (fhir, cld, cin)' });
  }
  const formatParam = c.req.query('format');
  if (formatParam !== undefined && !(uploadFormats as readonly string[]).includes(formatParam)) {
    throw httpProblem(400, 'http.invalid-parameter', { name: 'format', reason: 'csv, json or ndjson' });
  }
  const { text, bytes } = await readBody(c.req.raw, deps.limits.maxBodyBytes);
  const fields = c.get('logFields');
  fields.bytes = bytes.byteLength;
  const detected = detectFeed(text);
  const format: FeedFormat = (formatParam as FeedFormat | undefined) ?? uploadMediaTypes[type] ?? detected.format;
  const feed = (feedParam as UploadFeed | undefined) ?? detected.feed ?? (format !== 'csv' ? 'fhir' : undefined);
  if (format !== 'csv') {
    const deep = findTooDeep(text, deps.limits.maxDepth);
    if (deep) throw new HttpProblem(400, [{ code: 'input.too-deep', expression: '', pointer: '', params: { limit: deps.limits.maxDepth }, position: deep }]);
  }
  const started = deps.now();
  const raw = await run(deps, text, feed, format, c.req.query('allowTestNumbers') === 'true');
  const result = traceResult(raw, createRequirementTracer(deps.catalogue), feed ?? 'unknown');
  Object.assign(fields, { recordCount: result.recordCount, issueCount: result.issues.length, issueCodes: countCodes(result.issues), truncated: result.truncated });
  if (result.issues.some((i) => i.code === 'feed.unknown-feed')) throw new HttpProblem(422, result.issues);
  if (format === 'json' && result.issues.some((i) => i.code === 'input.invalid-json' && i.pointer === '')) throw new HttpProblem(400, result.issues);
  const durationMs = deps.now() - started;
  const summary = summarizeSubmission(result, {
    partnerId,
    feed: feed ?? 'unknown',
    kind: 'upload',
    catalogue: deps.catalogue,
    validatorVersion: deps.version,
    packages: deps.packages,
    payloadHash: await sha256Hex(bytes),
    payloadSize: bytes.byteLength,
    receivedAt: deps.clock().toISOString(),
    durationMs,
  });
  return { feed: feed ?? 'unknown', format, result, summary };
}

async function run(deps: ResolvedDeps, text: string, feed: UploadFeed | undefined, format: FeedFormat, allowTestNumbers: boolean): Promise<ValidationResult> {
  const { validator, limits } = deps;
  const options = { maxIssues: limits.maxIssues, maxDepth: limits.maxDepth, timeBudgetMs: limits.timeBudgetMs };
  if (feed === 'fhir') {
    if (format === 'ndjson') return validateFhirNdjson(validator, text, options);
    const result = validator.validate(text, options);
    return { ...result, issues: withPositions(result.issues, text) };
  }
  // Read in slices with the time budget and issue cap, yielding to the event loop between them.
  return validateFeedText(text, { ...(feed ? { feed } : {}), format, allowTestNumbers, maxIssues: limits.maxIssues, timeBudgetMs: limits.timeBudgetMs });
}

/** The JSON report of an upload: issues (with requirement ids), requirement ids affected, and a summary. */
export function uploadReport(deps: ResolvedDeps, upload: Upload): Record<string, unknown> {
  const { result, feed, summary } = upload;
  const bySeverity = { fatal: 0, error: 0, warning: 0, information: 0 };
  for (const i of result.issues) bySeverity[i.severity]++;
  return {
    feed,
    format: upload.format,
    valid: result.valid,
    truncated: result.truncated,
    recordCount: result.recordCount,
    framework: { id: deps.catalogue.framework.id, version: deps.catalogue.framework.version },
    profiles: result.profiles,
    requirements: summary.requirements.filter((r) => r.failed > 0).map((r) => r.requirementId),
    summary: {
      ...bySeverity,
      issueCodes: countCodes(result.issues),
      recordTypes: summary.recordTypes,
      requirements: summary.requirements,
      durationMs: Math.round(summary.durationMs),
    },
    issues: result.issues,
  };
}
