import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteTerminology } from './remote-terminology.js';
import type { FetchLike } from './remote-terminology.js';
import { LruCache } from './lru-cache.js';
import { TokenBucket } from './token-bucket.js';

// A tiny FHIR terminology endpoint on 127.0.0.1: behaviour chosen by the code sent.
let server: Server;
let baseUrl: string;
const seen: {
  path: string;
  body: {
    parameter: {
      name: string;
      valueUri?: string;
      valueCode?: string;
      valueCoding?: { code?: string };
    }[];
  };
}[] = [];

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  let raw = '';
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => {
    const body = JSON.parse(raw) as (typeof seen)[number]['body'];
    seen.push({ path: req.url ?? '', body });
    const code =
      body.parameter.find((p) => p.name === 'coding')?.valueCoding?.code ??
      body.parameter.find((p) => p.name === 'code')?.valueCode;
    const params = (extra: unknown[]): unknown => ({
      resourceType: 'Parameters',
      parameter: extra,
    });
    if (req.url !== '/fhir/ValueSet/$validate-code' || req.method !== 'POST')
      return answer(res, 404, {});
    switch (code) {
      case 'good':
        return answer(
          res,
          200,
          params([
            { name: 'result', valueBoolean: true },
            { name: 'display', valueString: 'Good thing' },
          ]),
        );
      case 'bad':
        return answer(
          res,
          200,
          params([
            { name: 'result', valueBoolean: false },
            { name: 'message', valueString: 'not in vs' },
          ]),
        );
      case 'nosys':
        return answer(
          res,
          200,
          params([
            { name: 'result', valueBoolean: false },
            { name: 'x-caused-by-unknown-system', valueCanonical: 'http://x' },
          ]),
        );
      case 'boom':
        return answer(res, 500, { resourceType: 'OperationOutcome' });
      case 'garbage':
        return answer(res, 200, { resourceType: 'OperationOutcome' });
      case 'slow':
        return; // never answers: the client must time out
      default:
        return answer(res, 404, {});
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const VS = 'http://example.org/ValueSet/things';
const SYS = 'http://example.org/CodeSystem/things';

describe('createRemoteTerminology against a local $validate-code endpoint', () => {
  it('maps result true/false, sends url and coding, and checks the display', async () => {
    const tx = createRemoteTerminology({ baseUrl, timeoutMs: 5_000 });
    expect(await tx.validateCode(VS, { system: SYS, code: 'good' })).toEqual({
      outcome: 'valid',
      display: 'Good thing',
    });
    expect(await tx.validateCode(VS, { system: SYS, code: 'good', display: 'Other' })).toEqual({
      outcome: 'valid',
      display: 'Good thing',
      displayMismatch: true,
    });
    expect(await tx.validateCode(VS, { system: SYS, code: 'bad' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
    const last = seen.at(-1)!;
    expect(last.path).toBe('/fhir/ValueSet/$validate-code');
    expect(last.body.parameter.find((p) => p.name === 'url')?.valueUri).toBe(VS);
  });

  it('a code element is sent as code', async () => {
    const tx = createRemoteTerminology({ baseUrl });
    expect((await tx.validateCode(VS, { code: 'good' })).outcome).toBe('valid');
    expect(
      seen.at(-1)!.body.parameter.some((p) => p.name === 'code' && p.valueCode === 'good'),
    ).toBe(true);
  });

  it('an unknown system on the server, an HTTP error, a 404 or an unusable body is not-checked', async () => {
    const tx = createRemoteTerminology({ baseUrl });
    expect(await tx.validateCode(VS, { system: SYS, code: 'nosys' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    expect(await tx.validateCode(VS, { system: SYS, code: 'boom' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    expect(await tx.validateCode(VS, { system: SYS, code: 'missing' })).toEqual({
      outcome: 'not-checked',
      reason: 'value-set-not-found',
    });
    expect(await tx.validateCode(VS, { system: SYS, code: 'garbage' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
  });

  it('a request that never answers times out as not-checked', async () => {
    const tx = createRemoteTerminology({ baseUrl, timeoutMs: 100 });
    expect(await tx.validateCode(VS, { system: SYS, code: 'slow' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
  });

  it('a server that cannot be reached is not-checked', async () => {
    const failing: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    const tx = createRemoteTerminology({ baseUrl, fetch: failing });
    expect(await tx.validateCode(VS, { system: SYS, code: 'good' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
  });

  it('caches answers and shares concurrent identical calls; failures are not cached', async () => {
    const tx = createRemoteTerminology({ baseUrl });
    const before = seen.length;
    const [a, b] = await Promise.all([
      tx.validateCode(VS, { system: SYS, code: 'good' }),
      tx.validateCode(VS, { system: SYS, code: 'good' }),
    ]);
    expect(a).toEqual(b);
    await tx.validateCode(VS, { system: SYS, code: 'good' });
    expect(seen.length - before).toBe(1);
    await tx.validateCode(VS, { system: SYS, code: 'boom' });
    await tx.validateCode(VS, { system: SYS, code: 'boom' });
    expect(seen.length - before).toBe(3);
  });

  it('rate limit: the third call in a 2-per-second window waits for a token (fake clock)', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const tx = createRemoteTerminology({
      baseUrl,
      rateLimit: { requests: 2, perMs: 1_000 },
      now: () => clock,
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    for (const code of ['good', 'bad']) await tx.validateCode(VS, { system: SYS, code });
    expect(sleeps).toEqual([]);
    expect((await tx.validateCode(VS, { system: SYS, code: 'good', display: 'x' })).outcome).toBe(
      'valid',
    );
    expect(sleeps).toEqual([500]);
  });

  it('rate limit: a wait longer than maxWaitMs gives not-checked without a request', async () => {
    const clock = 0;
    const tx = createRemoteTerminology({
      baseUrl,
      rateLimit: { requests: 1, perMs: 60_000 },
      maxWaitMs: 1_000,
      now: () => clock,
      sleep: () => Promise.resolve(),
    });
    await tx.validateCode(VS, { system: SYS, code: 'good' });
    const before = seen.length;
    expect(await tx.validateCode(VS, { system: SYS, code: 'bad' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    expect(seen.length).toBe(before);
  });
});

describe('LruCache and TokenBucket', () => {
  it('LruCache evicts the least recently used entry', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.has('b')).toBe(false);
    expect(c.has('a')).toBe(true);
    expect(c.size).toBe(2);
  });

  it('TokenBucket refills continuously up to its capacity', () => {
    let now = 0;
    const b = new TokenBucket(5_000, 300_000, () => now);
    for (let i = 0; i < 5_000; i++) expect(b.take()).toBe(0);
    expect(b.take()).toBe(60);
    now += 60;
    expect(b.take()).toBe(0);
    now += 10_000_000;
    for (let i = 0; i < 5_000; i++) b.take();
    expect(b.take()).toBeGreaterThan(0);
    expect(() => new TokenBucket(0, 1, () => 0)).toThrow(RangeError);
  });
});
