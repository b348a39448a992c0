/**
 * Issue 21: with Redis, failed authentications are counted for every instance: a client that fails
 * on instance A and then on instance B is blocked on both once the shared count passes the limit;
 * another client is not; and Redis holds neither the client address nor any key tried (the address
 * is hashed). Real Redis (REDIS_URL, default 127.0.0.1:6379); skipped with a message when absent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRateCounter } from '../../src/jobs/redis-rate-counter.js';
import { createApp } from '../../src/server/app.js';
import { createStaticKeyStore } from '../../src/server/auth/key-store.js';
import { sha256Hex } from '../../src/server/auth/sha256-hex.js';
import { baseValidator, codesOf, outcomeOf, post, validPatient } from '../server/helpers.js';
import { dropPrefix, redisAnswers, redisUrl, secretsUnder, testPrefix } from './redis-support.js';

const available = await redisAnswers();
if (!available)
  console.warn(
    `redis-auth-failures: skipped, no Redis answers at ${redisUrl} (start redis-server, or set REDIS_URL)`,
  );

describe.skipIf(!available)('failed authentication shared through Redis: two app instances', () => {
  const prefix = testPrefix();
  const counters = [
    createRedisRateCounter(redisUrl, prefix),
    createRedisRateCounter(redisUrl, prefix),
  ];
  afterAll(async () => {
    for (const c of counters) c.close();
    await dropPrefix(prefix);
  });

  it('blocks a client on both instances once its failures on A and B pass the limit', async () => {
    const goodKey = 'lead-key-0123456789abcdef';
    const keys = createStaticKeyStore([{ hash: await sha256Hex(goodKey), role: 'lead' }]);
    const validator = baseValidator();
    let address = '198.51.100.23';
    const [a, b] = counters.map((counter) =>
      createApp({
        validator,
        keys,
        authFailures: {
          maxFailures: 4,
          windowMs: 60_000,
          clientAddress: () => address,
          shared: counter.authFailures,
        },
      }),
    );
    const send = (app: typeof a, key: string) =>
      app!.request(
        '/fhir/$validate',
        post(JSON.stringify(validPatient), 'application/fhir+json', {
          Authorization: `Bearer ${key}`,
        }),
      );
    // Within one fixed window (its number is in the key); try again if the minute turns.
    for (let attempt = 0; attempt < 2; attempt++) {
      address = `198.51.100.${23 + attempt}`;
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (const app of [a, b, a, b]) statuses.push((await send(app!, 'guessed-key-xyz')).status);
      const onA = await send(a!, goodKey);
      const onB = await send(b!, goodKey);
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      expect(statuses).toEqual([401, 401, 401, 401]);
      expect(onA.status).toBe(429);
      expect(onB.status).toBe(429);
      expect(codesOf(await outcomeOf(onB))).toEqual(['http.rate-limited']);
      expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
      // another client is not affected, on either instance
      address = '203.0.113.9';
      expect((await send(b!, goodKey)).status).toBe(200);
      expect((await send(a!, goodKey)).status).toBe(200);
      expect(
        await secretsUnder(prefix, ['198.51.100', '203.0.113', 'guessed-key', goodKey]),
      ).toEqual([]);
      return;
    }
    throw new Error('the minute turned twice');
  });
});
