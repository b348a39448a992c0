/**
 * The shared rate counter (Node, Redis): a fixed one-minute window per key, counted atomically by a
 * small Lua script (INCR, and PEXPIRE on the first hit), so every instance behind a load balancer
 * enforces one limit. Keys hold the principal (partner id, `lead`, `open`) and the window number only.
 * @module
 */
import type { Redis } from 'ioredis';
import type { RateCounter } from '../server/middleware/rate-limit.js';
import { redisConnection } from './bullmq-queue.js';

const script = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }
`;

/** A rate counter on Redis with its connection. */
export interface RedisRateCounter extends RateCounter {
  close(): void;
}

/** Creates the counter; keys are `<prefix>:rate:<principal>:<window>`. */
export function createRedisRateCounter(
  redisUrl: string,
  prefix = 'mdss',
  clock: () => number = Date.now,
): RedisRateCounter {
  const redis: Redis = redisConnection(redisUrl);
  const windowMs = 60_000;
  return {
    async hit(key: string, perMinute: number) {
      const window = Math.floor(clock() / windowMs);
      const [count, ttl] = (await redis.eval(
        script,
        1,
        `${prefix}:rate:${key}:${window}`,
        String(windowMs),
      )) as [number, number];
      if (count <= perMinute) return { allowed: true, retryAfter: 0 };
      return {
        allowed: false,
        retryAfter: Math.max(1, Math.ceil((ttl > 0 ? ttl : windowMs) / 1000)),
      };
    },
    close() {
      redis.disconnect();
    },
  };
}
