/**
 * The validation pipeline shared by `POST /v1/validate` and partner submissions: reads the body
 * under the limits, decides feed and format (`?feed=`, `?format=`, content type, detection), runs
 * the FHIR or feed engine, and traces issues to the framework's requirements.
 * @module
 */
import type { Context } from 'hono';
import { detectFeed, type FeedFormat } from '../feeds/detect-feed.js';
import { validateFeed } from '../feeds/validate-feed.js';
import { createRecordIndex } from '../framework/record-index.js';
import { countRequirementOutcomes } from '../framework/requirement-outcomes.js';
import { createRequirementTracer, traceResult } from '../framework/requirement-tracer.js';
import type { ValidationResult } from '../validation-result.js';
import type { AppEnv } from './app-env.js';
import { HttpProblem, httpProblem } from './http-problem.js';
import { findTooDeep } from './json-depth.js';
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
  readonly bytes: Uint8Array;
  readonly durationMs: number;
}

/**
 * Reads and validates the request body. Request problems throw {@link HttpProblem}: 415, 413, 400
 * (too deep, malformed JSON document, bad parameter), 422 (unknown or undetectable feed).
 */
export async function validateUpload(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Upload> {
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
  const raw = run(deps, text, feed, format, c.req.query('allowTestNumbers') === 'true');
  const result = traceResult(raw, createRequirementTracer(deps.catalogue), feed ?? 'unknown');
  Object.assign(fields, { recordCount: result.recordCount, issueCount: result.issues.length, issueCodes: countCodes(result.issues), truncated: result.truncated });
  if (result.issues.some((i) => i.code === 'feed.unknown-feed')) throw new HttpProblem(422, result.issues);
  if (format === 'json' && result.issues.some((i) => i.code === 'input.invalid-json' && i.pointer === '')) throw new HttpProblem(400, result.issues);
  return { feed: feed ?? 'unknown', format, result, bytes, durationMs: deps.now() - started };
}

function run(deps: ResolvedDeps, text: string, feed: UploadFeed | undefined, format: FeedFormat, allowTestNumbers: boolean): ValidationResult {
  const { validator, limits } = deps;
  const options = { maxIssues: limits.maxIssues, maxDepth: limits.maxDepth, timeBudgetMs: limits.timeBudgetMs };
  if (feed === 'fhir') {
    if (format === 'ndjson') return validateFhirNdjson(validator, text, options);
    const result = validator.validate(text, options);
    return { ...result, issues: withPositions(result.issues, text) };
  }
  return validateFeed(text, { ...(feed ? { feed } : {}), format, allowTestNumbers, maxIssues: limits.maxIssues });
}

/** The JSON report of an upload: issues, requirement ids affected, and a summary. */
export function uploadReport(deps: ResolvedDeps, upload: Upload): Record<string, unknown> {
  const { result, feed } = upload;
  const records = result.records ?? [];
  const recordTypes: Record<string, number> = {};
  for (const r of records) recordTypes[r.type] = (recordTypes[r.type] ?? 0) + 1;
  const outcomes = countRequirementOutcomes({ catalogue: deps.catalogue, feed, kind: 'upload', records, owner: createRecordIndex(records), issues: result.issues });
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
    requirements: [...new Set(result.issues.flatMap((i) => (i.severity === 'information' ? [] : (i.requirements ?? []))))].sort(),
    summary: { ...bySeverity, issueCodes: countCodes(result.issues), recordTypes, requirements: outcomes, durationMs: Math.round(upload.durationMs) },
    issues: result.issues,
  };
}
