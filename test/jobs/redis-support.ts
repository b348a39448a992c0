/**
 * Helpers of the Redis tests: whether Redis answers (the tests skip with a message when not), every
 * key and value under a prefix as text (for the no-patient-data scans), and cleaning a prefix up.
 */
import { Redis } from 'ioredis';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when Redis answers PING at {@link redisUrl}. */
export async function redisAnswers(): Promise<boolean> {
  const r = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** A unique key prefix for one test file. */
export function testPrefix(): string {
  return `mdss-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Every key under `prefix` with its values as text. */
export async function dumpPrefix(prefix: string): Promise<Map<string, string[]>> {
  const r = new Redis(redisUrl);
  const out = new Map<string, string[]>();
  try {
    let cursor = '0';
    do {
      const [next, batch] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) {
        const type = await r.type(key);
        const values =
          type === 'string'
            ? [(await r.get(key)) ?? '']
            : type === 'hash'
              ? Object.entries(await r.hgetall(key)).flat()
              : type === 'list'
                ? await r.lrange(key, 0, -1)
                : type === 'set'
                  ? await r.smembers(key)
                  : type === 'zset'
                    ? await r.zrange(key, 0, -1)
                    : type === 'stream'
                      ? [JSON.stringify(await r.xrange(key, '-', '+'))]
                      : [];
        out.set(key, values);
      }
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return out;
}

/** `key: secret` for every secret found in a key or value under `prefix`. */
export async function secretsUnder(prefix: string, secrets: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [key, values] of await dumpPrefix(prefix))
    for (const text of [key, ...values])
      for (const secret of secrets) if (text.includes(secret)) found.push(`${key}: ${secret}`);
  return found;
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
