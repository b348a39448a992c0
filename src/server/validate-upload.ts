/**
 * `POST /v1/validate` and partner submissions: reads the body under the byte limit, takes the
 * pipeline options from the query (`?feed=`, `?format=` or the content type, `?framework=`,
 * `?profile=`, `?allowTestNumbers=`) and runs the one pipeline (src/check) on the bytes; then
 * summarises the result for the store.
 * @module
 */
import type { Context } from 'hono';
import type { FeedName } from '../check/check-options.js';
import type { FeedFormat } from '../feeds/detect-feed.js';
import { summarizeSubmission, type SubmissionSummary } from '../framework/submission-summary.js';
import type { ValidationResult } from '../validation-result.js';
import type { AppEnv } from './app-env.js';
import { sha256Hex } from './auth/sha256-hex.js';
import { readCheckOptions } from './check-request.js';
import { HttpProblem, httpProblem } from './http-problem.js';
import { countCodes } from './log-entry.js';
import { readBodyBytes, requireMediaType } from './read-body.js';
import type { ResolvedDeps } from './route-context.js';

/** Feeds `/v1/validate` knows. */
export const uploadFeeds = ['fhir', 'cld', 'cin'] as const;
/** A feed name. */
export type UploadFeed = (typeof uploadFeeds)[number];
/** Input formats. */
export const uploadFormats = ['csv', 'json', 'ndjson', 'xml'] as const;

/** Media types accepted for uploads, with the format each implies (undefined: detect). */
export const uploadMediaTypes: Readonly<Record<string, FeedFormat | 'xml' | undefined>> = {
  'application/json': undefined,
  'application/fhir+json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/fhir+ndjson': 'ndjson',
  'application/fhir+xml': 'xml',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/csv': 'csv',
  'text/plain': undefined,
};

/** A validated upload. */
export interface Upload {
  readonly feed: string;
  readonly format: FeedFormat | 'xml';
  /** The pipeline's result: traced (issues carry their requirement ids) unless `?framework=none`. */
  readonly result: ValidationResult;
  /** What a submission stores: counts per requirement, code and path; hashes and versions. */
  readonly summary: SubmissionSummary;
}

/**
 * Reads and validates the request body, and summarises it for `partnerId` (empty for a plain
 * validation), or the body already read (`read`). Request problems throw {@link HttpProblem}: 415, 413, 400 (too deep, malformed JSON
 * document, bad parameter), 422 (unknown or undetectable feed).
 */
export async function validateUpload(
  c: Context<AppEnv>,
  deps: ResolvedDeps,
  partnerId = '',
  read?: Uint8Array,
): Promise<Upload> {
  const type = requireMediaType(c.req.header('content-type'), Object.keys(uploadMediaTypes));
  const feedParam = c.req.query('feed');
  if (feedParam !== undefined && !(uploadFeeds as readonly string[]).includes(feedParam)) {
    throw httpProblem(422, 'feed.unknown-feed', {
      reason: 'the feed parameter names no known feed (fhir, cld, cin)',
    });
  }
  const formatParam = c.req.query('format');
  if (formatParam !== undefined && !(uploadFormats as readonly string[]).includes(formatParam)) {
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'format',
      reason: 'csv, json, ndjson or xml',
    });
  }
  const options = readCheckOptions(c, deps);
  if (read && read.byteLength > deps.limits.maxBodyBytes)
    throw httpProblem(
      413,
      'input.too-large',
      { limit: deps.limits.maxBodyBytes },
      { Connection: 'close' },
    );
  const bytes = read ?? (await readBodyBytes(c.req.raw, deps.limits.maxBodyBytes));
  const fields = c.get('logFields');
  fields.bytes = bytes.byteLength;
  const format = (formatParam as FeedFormat | 'xml' | undefined) ?? uploadMediaTypes[type];
  const started = deps.now();
  const checkOptions = {
    ...options,
    ...(feedParam ? { feed: feedParam as FeedName } : {}),
    ...(format ? { format } : {}),
    maxBytes: deps.limits.maxBodyBytes,
  };
  // the hash first: a pool thread (Node) takes the bytes over
  const payloadSize = bytes.byteLength;
  const payloadHash = await sha256Hex(bytes);
  const checked = deps.offload
    ? await deps.offload.checkBytes(bytes, checkOptions)
    : await deps.checker.checkBytes(bytes, checkOptions);
  const { result, feed } = checked;
  Object.assign(fields, {
    recordCount: result.recordCount,
    issueCount: result.issues.length,
    issueCodes: countCodes(result.issues),
    truncated: result.truncated,
  });
  if (result.issues.some((i) => i.code === 'feed.unknown-feed'))
    throw new HttpProblem(422, result.issues);
  if (result.issues.some((i) => unreadableCodes.has(i.code) && i.pointer === ''))
    throw new HttpProblem(400, result.issues);
  const durationMs = deps.now() - started;
  const summary = summarizeSubmission(result, {
    partnerId,
    feed,
    kind: 'upload',
    catalogue: deps.catalogue,
    validatorVersion: deps.version,
    packages: deps.packages,
    payloadHash,
    payloadSize,
    receivedAt: deps.clock().toISOString(),
    durationMs,
  });
  return { feed, format: checked.format as FeedFormat | 'xml', result, summary };
}

/** Issues that mean the payload as a whole could not be read (400), when they sit at its root. */
const unreadableCodes = new Set([
  'input.invalid-json',
  'input.too-deep',
  'input.invalid-utf8',
  'input.too-large',
  'xml.invalid-xml',
  'xml.dtd-not-allowed',
  'xml.entity-not-allowed',
]);

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
    framework:
      result.frameworkVersion !== undefined
        ? { id: deps.catalogue.framework.id, version: result.frameworkVersion }
        : null,
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
    ...(result.dataQuality ? { dataQuality: result.dataQuality } : {}),
  };
}
