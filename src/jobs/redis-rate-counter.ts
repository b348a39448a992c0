/**
 * The shared counters (Node, Redis): fixed windows per key, counted atomically by a small Lua script
 * (INCR, and PEXPIRE on the first hit), so every instance behind a load balancer enforces one limit.
 * Two uses: the per-key request rate (`<prefix>:rate:<principal>:<window>`, principal = partner id,
 * `lead` or `open`) and failed authentications per client (`<prefix>:authfail:<hash>:<window>`, the
 * client address hashed: no address, no key, no payload value in Redis).
 * @module
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AuthFailureCounter } from '../server/middleware/auth.js';
import type { RateCounter } from '../server/middleware/rate-limit.js';
import { redisConnection } from './bullmq-queue.js';

const script = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }
`;

/** A rate counter on Redis with its connection; also counts failed authentications. */
export interface RedisRateCounter extends RateCounter {
  /** Failed authentications per client, shared by every instance. */
  readonly authFailures: AuthFailureCounter;
  close(): void;
}

/** Creates the counters; rate keys are `<prefix>:rate:<principal>:<window>`. */
export function createRedisRateCounter(
  redisUrl: string,
  prefix = 'mdss',
  clock: () => number = Date.now,
): RedisRateCounter {
  const redis: Redis = redisConnection(redisUrl);
  const windowMs = 60_000;
  const incr = async (key: string, ms: number): Promise<[number, number]> =>
    (await redis.eval(script, 1, key, String(ms))) as [number, number];
  const failKey = (client: string, ms: number): string =>
    `${prefix}:authfail:${createHash('sha256').update(client).digest('hex').slice(0, 32)}:${Math.floor(clock() / ms)}`;
  return {
    async hit(key: string, perMinute: number) {
      const window = Math.floor(clock() / windowMs);
      const [count, ttl] = await incr(`${prefix}:rate:${key}:${window}`, windowMs);
      if (count <= perMinute) return { allowed: true, retryAfter: 0 };
      return {
        allowed: false,
        retryAfter: Math.max(1, Math.ceil((ttl > 0 ? ttl : windowMs) / 1000)),
      };
    },
    authFailures: {
      async check(client, maxFailures, ms) {
        const key = failKey(client, ms);
        const [count, ttl] = (await redis.multi().get(key).pttl(key).exec())!.map((r) => r[1]) as [
          string | null,
          number,
        ];
        const n = count === null ? 0 : Number(count);
        if (n < maxFailures) return { blocked: false, retryAfter: 0 };
        return { blocked: true, retryAfter: Math.max(1, Math.ceil((ttl > 0 ? ttl : ms) / 1000)) };
      },
      async fail(client, ms) {
        await incr(failKey(client, ms), ms);
      },
    },
    close() {
      redis.disconnect();
    },
  };
}
