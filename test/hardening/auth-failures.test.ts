/**
 * Issue 14, item 12: failed authentication is rate-limited per client address: past the limit the
 * client gets 429 with Retry-After before any key is looked up (even a right one), other clients
 * are not affected, and the window passes.
 */
import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createStaticKeyStore } from '../../src/server/auth/key-store.js';
import { sha256Hex } from '../../src/server/auth/sha256-hex.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { baseValidator, codesOf, outcomeOf, post, validPatient } from '../server/helpers.js';

const validator = baseValidator();
const goodKey = 'lead-key-0123456789abcdef';
const body = JSON.stringify(validPatient);

describe('failed authentication over a real socket', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({
      port: 0,
      host: '0.0.0.0',
      validator,
      store: false,
      apiKeys: `lead::${await sha256Hex(goodKey)}`,
      log: () => undefined,
    });
  });
  afterAll(() => running.close());

  async function attempt(
    key: string,
    from = '127.0.0.1',
  ): Promise<{ status: number; retryAfter?: string; codes: string[] }> {
    // node:http, which binds the client socket to `from` (another loopback address is another client)
    const res = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      text: string;
    }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: running.port,
          path: '/fhir/$validate',
          method: 'POST',
          localAddress: from,
          headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${key}` },
        },
        (r) => {
          let text = '';
          r.setEncoding('utf8').on('data', (d: string) => (text += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const retryAfter = res.headers['retry-after'];
    return {
      status: res.status,
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      codes: codesOf(JSON.parse(res.text) as { issue: [] }),
    };
  }

  it('answers 429 + Retry-After after 20 failures from one address, and only to that address', async () => {
    expect((await attempt(goodKey)).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const limited = await attempt('guess-20');
    expect(limited.status).toBe(429);
    expect(limited.codes).toEqual(['http.rate-limited']);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // even the right key waits: a guess must not be told apart from a hit
    expect((await attempt(goodKey)).status).toBe(429);
    // another client is not affected
    expect((await attempt(goodKey, '127.0.0.2')).status).toBe(200);
    const health = await request(`http://127.0.0.1:${running.port}/health`);
    await health.body.dump();
    expect(health.statusCode).toBe(200);
  });
});

describe('failed authentication window (app, injected clock)', () => {
  it('lets the client in again once the window has passed', async () => {
    let t = 0;
    const keys = createStaticKeyStore([{ hash: await sha256Hex(goodKey), role: 'lead' }]);
    const app = createApp({
      validator,
      keys,
      now: () => t,
      authFailures: { maxFailures: 3, windowMs: 60_000, clientAddress: () => '198.51.100.7' },
    });
    const send = (key: string) =>
      app.request(
        '/fhir/$validate',
        post(body, 'application/fhir+json', { Authorization: `Bearer ${key}` }),
      );
    for (let i = 0; i < 3; i++) expect((await send('wrong')).status).toBe(401);
    const limited = await send(goodKey);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(codesOf(await outcomeOf(limited))).toEqual(['http.rate-limited']);
    t = 60_001;
    expect((await send(goodKey)).status).toBe(200);
  });
});
