/**
 * A submission as a job: when a job queue is configured and the declared body passes
 * `asyncAboveBytes` (or the client sends `Prefer: respond-async`, or a body sent without
 * `Content-Length`, chunked, turns out larger than the synchronous limit), the body is streamed to the job's
 * spool under `maxJobBytes` and the answer is `202 Accepted` with `Location: /v1/jobs/{jobId}`. The
 * options are checked here, before anything is spooled; the pipeline runs in a worker.
 * @module
 */
import type { Context } from 'hono';
import {
  JobInputTooLarge,
  type JobQueue,
  type SubmissionJobOptions,
} from '../../jobs/job-queue.js';
import type { AppEnv } from '../app-env.js';
import { readCheckOptions } from '../check-request.js';
import { httpProblem } from '../http-problem.js';
import { requireMediaType } from '../read-body.js';
import type { ResolvedDeps } from '../route-context.js';
import { uploadFeeds, uploadFormats, uploadMediaTypes } from '../validate-upload.js';

/** True when the client asks for an asynchronous answer (`Prefer: respond-async`). */
export function prefersAsync(prefer: string | undefined): boolean {
  return prefer !== undefined && /(^|[,;\s])respond-async([,;\s]|$)/i.test(prefer);
}

/** True when a submission should run as a job. */
export function runsAsJob(
  contentLength: string | undefined,
  prefer: string | undefined,
  asyncAboveBytes: number,
): boolean {
  if (prefersAsync(prefer)) return true;
  return (
    contentLength !== undefined &&
    /^\d+$/.test(contentLength) &&
    Number(contentLength) > asyncAboveBytes
  );
}

/** Spools the body (the request's, or `body` when part of it was read already) and queues the job; answers 202 with its location. */
export async function submitJob(
  c: Context<AppEnv>,
  deps: ResolvedDeps,
  jobs: JobQueue,
  partnerId: string,
  createPartner: boolean,
  body: ReadableStream<Uint8Array> | null = c.req.raw.body,
): Promise<Response> {
  const type = requireMediaType(c.req.header('content-type'), Object.keys(uploadMediaTypes));
  const feed = c.req.query('feed');
  if (feed !== undefined && !(uploadFeeds as readonly string[]).includes(feed)) {
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
  const checks = readCheckOptions(c, deps);
  const format = formatParam ?? uploadMediaTypes[type];
  const options: SubmissionJobOptions = {
    ...(feed !== undefined ? { feed: feed as NonNullable<SubmissionJobOptions['feed']> } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(checks.framework !== undefined ? { framework: checks.framework } : {}),
    ...(checks.allowTestNumbers ? { allowTestNumbers: true } : {}),
    ...(checks.cldRelease !== undefined ? { cldRelease: checks.cldRelease } : {}),
    ...(checks.profiles?.length ? { profiles: checks.profiles } : {}),
    ...(checks.extensionDomains?.length ? { extensionDomains: checks.extensionDomains } : {}),
  };
  const max = deps.limits.maxJobBytes;
  const declared = c.req.header('content-length');
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > max)
    throw httpProblem(413, 'input.too-large', { limit: max }, { Connection: 'close' });
  let jobId: string;
  try {
    jobId = await jobs.submit({
      partnerId,
      createPartner,
      body,
      maxBytes: max,
      options,
      receivedAt: deps.clock().toISOString(),
    });
  } catch (error) {
    if (error instanceof JobInputTooLarge)
      throw httpProblem(413, 'input.too-large', { limit: max }, { Connection: 'close' });
    throw error;
  }
  c.get('logFields').jobId = jobId;
  const location = `/v1/jobs/${jobId}`;
  return c.json({ jobId, state: 'queued', partnerId, location }, 202, { Location: location });
}
