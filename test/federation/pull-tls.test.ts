/**
 * TLS failures are issues, not crashes: an HTTPS endpoint on 127.0.0.1 with a self-signed
 * certificate (generated with the `openssl` CLI at test time; skipped with a message when openssl
 * is absent) gives `pull.tls` with the TLS error code and no retry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPartner } from '../../src/federation/pull-partner.js';
import { createRateLimiter } from '../../src/federation/rate-limiter.js';
import { frameworkSetup, fullCapability, recordingClock } from './pull-fixtures.js';

const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasOpenssl)
  console.warn(
    'pull-tls.test.ts skipped: the openssl CLI is not installed (needed to make a self-signed certificate)',
  );

describe.skipIf(!hasOpenssl)('TLS failures', () => {
  let dir: string;
  let server: Server;
  let baseUrl: string;
  let requests = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-tls-'));
    const gen = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (gen.status !== 0) throw new Error(`openssl failed: ${gen.stderr}`);
    const { profiles } = frameworkSetup();
    const body = JSON.stringify(fullCapability(profiles));
    server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => {
        requests++;
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(body);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an untrusted certificate as pull.tls without retrying', async () => {
    const { checker, profiles } = frameworkSetup();
    const clock = recordingClock();
    const out = await pullPartner({
      partnerId: 'tls',
      endpoint: { baseUrl, auth: 'none', timeoutMs: 5_000 },
      checker,
      profilesByType: profiles,
      clock,
      limiter: createRateLimiter(0, clock),
      sampleSize: 0,
    });
    expect(out.transportIssues.map((i) => [i.code, i.params['tlsCode']])).toEqual([
      ['pull.tls', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ]);
    expect(clock.sleeps).toEqual([]);
    expect(requests).toBe(0);
    expect(out.capabilityIssues.map((i) => i.code)).toEqual(['capability.statement-unavailable']);
    expect(out.unreachable).toMatchObject({
      cause: 'TLS',
      errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });
});
