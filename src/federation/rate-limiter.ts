/**
 * A per-partner rate limit: requests to one partner start at least `minIntervalMs` apart, whoever
 * sends them (CLI, service route, concurrent pulls). Slots are reserved at call time, so concurrent
 * callers queue in order.
 * @module
 */
import { systemClock, type PullClock } from './pull-clock.js';

/** Waits for the next free request slot. */
export interface RateLimiter {
  readonly minIntervalMs: number;
  acquire(): Promise<void>;
}

/** A limiter spacing requests `minIntervalMs` apart. */
export function createRateLimiter(
  minIntervalMs: number,
  clock: PullClock = systemClock,
): RateLimiter {
  let nextSlot = 0;
  return {
    minIntervalMs,
    async acquire() {
      const now = clock.now();
      const at = Math.max(now, nextSlot);
      nextSlot = at + minIntervalMs;
      if (at > now) await clock.sleep(at - now);
    },
  };
}

const limiters = new Map<string, RateLimiter>();

/**
 * The shared limiter of one partner (created on first use with `minIntervalMs`), so that every pull
 * of the same partner in this process shares one budget.
 */
export function partnerRateLimiter(
  partnerId: string,
  minIntervalMs: number,
  clock: PullClock = systemClock,
): RateLimiter {
  const key = `${partnerId.toLowerCase()}|${minIntervalMs}`;
  let limiter = limiters.get(key);
  if (!limiter) limiters.set(key, (limiter = createRateLimiter(minIntervalMs, clock)));
  return limiter;
}
