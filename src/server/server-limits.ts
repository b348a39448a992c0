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
}

/** The default limits. */
export const defaultLimits: ServerLimits = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  maxDepth: 200,
  maxIssues: 10_000,
  timeBudgetMs: 10_000,
  requestsPerMinute: 0,
});

/** Fills unset limits with the defaults. */
export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  return { ...defaultLimits, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
}
