/**
 * Server configuration from flags and environment (flags win), key bindings, and limits.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseKeyBindings } from '../../src/server/auth/key-store.js';
import { constantTimeEqual, sha256Hex } from '../../src/server/auth/sha256-hex.js';
import { parseServerOptions } from '../../src/server/server-options.js';
import { defaultLimits, resolveLimits } from '../../src/server/server-limits.js';

describe('parseServerOptions', () => {
  it('has defaults: port 3000 on 127.0.0.1, store on, no limits overridden', () => {
    expect(parseServerOptions([], {})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      limits: {},
      requestTimeoutMs: 60_000,
      store: true,
      packages: [],
      processes: 1,
      threads: 'auto',
    });
  });

  it('--threads / MDSS_THREADS: 0 to 256 or auto; --thread-queue / MDSS_THREAD_QUEUE: a count', () => {
    expect(parseServerOptions(['--threads', '0'], {}).threads).toBe(0);
    expect(parseServerOptions([], { MDSS_THREADS: '3' }).threads).toBe(3);
    expect(parseServerOptions(['--threads=auto'], { MDSS_THREADS: '8' }).threads).toBe('auto');
    for (const bad of ['257', 'two', '-1', '1.5'])
      expect(() => parseServerOptions(['--threads', bad], {})).toThrow(ConfigError);
    expect(parseServerOptions(['--thread-queue', '5'], {}).threadQueue).toBe(5);
    expect(parseServerOptions([], { MDSS_THREAD_QUEUE: '0' }).threadQueue).toBe(0);
    expect(() => parseServerOptions(['--thread-queue', 'x'], {})).toThrow(ConfigError);
  });

  it('--processes / MDSS_PROCESSES: 1 to 64 or auto, anything else a ConfigError', () => {
    expect(parseServerOptions(['--processes', '4'], {}).processes).toBe(4);
    expect(parseServerOptions([], { MDSS_PROCESSES: 'auto' }).processes).toBe('auto');
    expect(parseServerOptions(['--processes=2'], { MDSS_PROCESSES: '8' }).processes).toBe(2);
    for (const bad of ['0', '65', 'two', '-1', '1.5'])
      expect(() => parseServerOptions(['--processes', bad], {})).toThrow(ConfigError);
  });

  it('reads the environment', () => {
    const o = parseServerOptions([], {
      PORT: '8080',
      MDSS_MAX_BODY_BYTES: '1000',
      MDSS_MAX_DEPTH: '50',
      DATABASE_URL: 'postgres://x',
      MDSS_PACKAGES: 'a.json, b',
      MDSS_STORE: 'off',
    });
    expect(o).toMatchObject({
      port: 8080,
      limits: { maxBodyBytes: 1000, maxDepth: 50 },
      databaseUrl: 'postgres://x',
      packages: ['a.json', 'b'],
      store: false,
    });
  });

  it('flags win over the environment; --flag=value and repeated --package work', () => {
    const o = parseServerOptions(
      [
        '--port=9090',
        '--time-budget-ms',
        '500',
        '--package',
        'uk-core',
        '--package=ig.json',
        '--sqlite',
        'x.db',
      ],
      { PORT: '8080' },
    );
    expect(o).toMatchObject({
      port: 9090,
      limits: { timeBudgetMs: 500 },
      packages: ['uk-core', 'ig.json'],
      sqlitePath: 'x.db',
    });
  });

  it('rejects unknown flags and bad numbers with ConfigError', () => {
    expect(() => parseServerOptions(['--colour', 'red'], {})).toThrow(ConfigError);
    expect(() => parseServerOptions(['--port', 'eighty'], {})).toThrow(ConfigError);
    expect(() => parseServerOptions(['--port'], {})).toThrow(ConfigError);
  });
});

describe('limits', () => {
  it('default to 10 MB, depth 200; unset values keep the defaults', () => {
    expect(defaultLimits.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(resolveLimits({ maxDepth: 10 })).toEqual({ ...defaultLimits, maxDepth: 10 });
  });
});

describe('API keys', () => {
  it('parses partner and lead bindings of SHA-256 hashes', async () => {
    const h = await sha256Hex('k');
    expect(parseKeyBindings(`partner:alpha:${h}\nlead::${h.toUpperCase()}`)).toEqual({
      records: [
        { hash: h, role: 'partner', partnerId: 'alpha' },
        { hash: h, role: 'lead' },
      ],
    });
    expect('error' in parseKeyBindings('partner:alpha:not-a-hash')).toBe(true);
    expect('error' in parseKeyBindings(`lead:alpha:${h}`)).toBe(true);
    expect('error' in parseKeyBindings(`partner::${h}`)).toBe(true);
  });

  it('hashes with SHA-256 (known vector) and compares equal strings only', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('rate limit', () => {
  it('answers 429 http.rate-limited with Retry-After once a key spends its bucket, per key, and refills', async () => {
    const { createApp } = await import('../../src/server/app.js');
    const { createStaticKeyStore } = await import('../../src/server/auth/key-store.js');
    const { baseValidator } = await import('./helpers.js');
    let t = 0;
    const keys = createStaticKeyStore([
      { hash: await sha256Hex('a-key'), role: 'partner', partnerId: 'a' },
      { hash: await sha256Hex('b-key'), role: 'partner', partnerId: 'b' },
    ]);
    const app = createApp({
      validator: baseValidator(),
      keys,
      now: () => t,
      limits: { requestsPerMinute: 2 },
    });
    const get = (key: string) =>
      app.request('/v1/standards', { headers: { Authorization: `Bearer ${key}` } });
    expect((await get('a-key')).status).toBe(200);
    expect((await get('a-key')).status).toBe(200);
    const limited = await get('a-key');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(
      (
        (await limited.json()) as { issue: { extension: { valueString?: string }[] }[] }
      ).issue[0]!.extension.at(-1)?.valueString,
    ).toBe('http.rate-limited');
    expect((await get('b-key')).status).toBe(200);
    expect((await app.request('/health')).status).toBe(200);
    t += 30_000;
    expect((await get('a-key')).status).toBe(200);
  });
});
