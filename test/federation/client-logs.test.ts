/**
 * With `DEBUG=fhir-kit-client:*`, fhir-kit-client would print response bodies (patient data) and
 * the Authorization header to stderr; a pull switches that logging off.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFhirPullClient } from '../../src/federation/fhir-pull-client.js';
import { createRateLimiter } from '../../src/federation/rate-limiter.js';
import { clientDebug } from '../../src/federation/silence-client-logs.js';
import { startFhirTestServer, type FhirTestServer } from './fhir-test-server.js';

let server: FhirTestServer | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  clientDebug()?.disable();
});

describe('fhir-kit-client debug logs', () => {
  it('are off during pulls even when DEBUG enables them', async () => {
    const debug = clientDebug();
    expect(debug, 'the debug package fhir-kit-client depends on').toBeDefined();
    debug!.enable('fhir-kit-client:*');
    expect(debug!.enabled('fhir-kit-client:error')).toBe(true);
    server = await startFhirTestServer({
      capabilityStatement: {},
      fault: () => ({
        status: 500,
        body: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'exception', diagnostics: 'Patient SENSITIVE-NAME' }],
        },
      }),
    });
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const client = createFhirPullClient({
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      headers: { authorization: 'Bearer SECRET-TOKEN' },
      limiter: createRateLimiter(0),
      retry: { maxAttempts: 1 },
    });
    const res = await client.get('metadata', 'metadata', 'CapabilityStatement');
    expect(res.ok).toBe(false);
    expect(debug!.enabled('fhir-kit-client:error')).toBe(false);
    const text = written.join('');
    expect(text).not.toContain('SENSITIVE-NAME');
    expect(text).not.toContain('SECRET-TOKEN');
  });
});
