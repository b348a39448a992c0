/**
 * Request limits of the service. All configurable (options, environment, flags).
 * @module
 */

/** Limits applied to every request. */
export interface ServerLimits {
  /** Largest request body in bytes; larger bodies get 413 without being read whole. Default 10 MB. */
  readonly maxBodyBytes: number;
  /** Deepest JSON nesting accepted; deeper gets 400 `input.too-deep`. Default 200. */
  readonly maxDepth: number;
  /** Issues recorded per validation before `engine.limit-reached`. Default 10,000. */
  readonly maxIssues: number;
  /** Validation time budget in ms; over it the partial result is answered. Default 10,000. */
  readonly timeBudgetMs: number;
  /** Requests a minute per API key (one bucket in open mode) on the API routes; 0 (default) is no limit. */
  readonly requestsPerMinute: number;
  /**
   * Submissions whose declared `Content-Length` passes this many bytes (or that send
   * `Prefer: respond-async`) run as jobs when a job queue is configured: 202 with `Location:
   * /v1/jobs/{jobId}`. Default: `maxBodyBytes`.
   */
  readonly asyncAboveBytes: number;
  /** Largest body a submission job accepts, streamed to the job's spool. Default 2 GiB. */
  readonly maxJobBytes: number;
}

/** The default limits. */
export const defaultLimits: ServerLimits = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  maxDepth: 200,
  maxIssues: 10_000,
  timeBudgetMs: 10_000,
  requestsPerMinute: 0,
  asyncAboveBytes: 10 * 1024 * 1024,
  maxJobBytes: 2 * 1024 * 1024 * 1024,
});

/** Fills unset limits with the defaults. */
export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const merged: ServerLimits = {
    ...defaultLimits,
    ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
  };
  return limits.asyncAboveBytes === undefined
    ? { ...merged, asyncAboveBytes: merged.maxBodyBytes }
    : merged;
}
