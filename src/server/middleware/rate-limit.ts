/**
 * Per-caller rate limit: a token bucket per API key principal (partner id or lead; one shared bucket
 * for open mode), refilled continuously at `perMinute` requests a minute, bursting to `perMinute`.
 * Over the limit: 429 `http.rate-limited` with `Retry-After`. State lives in the app instance (per
 * process, or per isolate at the edge), bounded to `maxKeys` buckets; or, with a shared
 * {@link RateCounter} (Node with `REDIS_URL`: src/jobs/redis-rate-counter.ts), across instances.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../app-env.js';
import { httpProblem } from '../http-problem.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A rate counter shared by every instance of the service: counts one request for `key` and says
 * whether it is within `perMinute`, else how many seconds until it would be.
 */
export interface RateCounter {
  hit(
    key: string,
    perMinute: number,
  ): Promise<{ readonly allowed: boolean; readonly retryAfter: number }>;
}

/** Creates the rate-limit middleware; `perMinute` 0 turns it off. With `shared`, the count is the shared counter's. */
export function rateLimit(
  perMinute: number,
  now: () => number,
  maxKeys = 10_000,
  shared?: RateCounter,
): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  return async (c, next) => {
    if (perMinute > 0 && shared) {
      const { allowed, retryAfter } = await shared.hit(keyOf(c.get('principal')), perMinute);
      if (!allowed)
        throw httpProblem(
          429,
          'http.rate-limited',
          { retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
    } else if (perMinute > 0) {
      const key = keyOf(c.get('principal'));
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens < 1) {
        const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
        throw httpProblem(
          429,
          'http.rate-limited',
          { retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
      bucket.tokens -= 1;
    }
    await next();
  };
}

function keyOf(principal: Principal): string {
  return principal.kind === 'partner' ? `partner:${principal.partnerId}` : principal.kind;
}
