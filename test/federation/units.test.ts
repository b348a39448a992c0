/** Small pure parts of federation: Retry-After parsing, failure classification, capability edge cases. */
import { describe, expect, it } from 'vitest';
import { classifyFailure, isRetryable } from '../../src/federation/classify-failure.js';
import { compareCapabilities } from '../../src/federation/compare-capabilities.js';
import { deriveRequiredCapabilities } from '../../src/federation/required-capabilities.js';
import { parseRetryAfter } from '../../src/federation/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T02:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it('keeps the status and Retry-After of HTTP errors, never the body', () => {
    const err = Object.assign(new Error('HTTP 429'), {
      response: { status: 429, data: { secret: 'x' } },
      config: { headers: new Headers({ 'retry-after': '3' }) },
    });
    const f = classifyFailure(err, 0);
    expect(f).toEqual({ kind: 'http', status: 429, retryAfterMs: 3000 });
    expect(isRetryable(f)).toBe(true);
    expect(isRetryable({ kind: 'http', status: 401 })).toBe(false);
    expect(isRetryable({ kind: 'tls', errorCode: 'CERT_HAS_EXPIRED' })).toBe(false);
  });

  it('recognises timeouts, TLS and network errors through causes', () => {
    expect(classifyFailure(new DOMException('t', 'TimeoutError'), 0).kind).toBe('timeout');
    expect(
      classifyFailure(
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'CERT_HAS_EXPIRED' } }),
        0,
      ),
    ).toEqual({ kind: 'tls', errorCode: 'CERT_HAS_EXPIRED' });
    expect(
      classifyFailure(
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }),
        0,
      ),
    ).toEqual({ kind: 'network', errorCode: 'ENOTFOUND' });
  });
});

describe('compareCapabilities', () => {
  const required = deriveRequiredCapabilities({
    profilesByType: { Patient: ['https://example.org/p'], Bundle: ['https://example.org/b'] },
  });

  it('derives the table from the profiles, without Bundle', () => {
    expect(required.resources).toEqual([
      {
        type: 'Patient',
        interactions: ['read', 'search-type'],
        searchParams: ['identifier'],
        profiles: ['https://example.org/p'],
      },
    ]);
  });

  it('needs a server-mode rest entry', () => {
    const issues = compareCapabilities(
      {
        resourceType: 'CapabilityStatement',
        fhirVersion: '4.0.1',
        format: ['application/fhir+json'],
        rest: [{ mode: 'client' }],
      },
      required,
    );
    expect(issues.map((i) => i.code)).toEqual(['capability.server-rest-missing']);
  });

  it('accepts a versioned supportedProfile and the base profile', () => {
    const cs = (profile: Record<string, unknown>) => ({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          resource: [
            {
              type: 'Patient',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [{ name: 'identifier' }],
              ...profile,
            },
          ],
        },
      ],
    });
    expect(
      compareCapabilities(cs({ supportedProfile: ['https://example.org/p|1.0.0'] }), required),
    ).toEqual([]);
    expect(compareCapabilities(cs({ profile: 'https://example.org/p' }), required)).toEqual([]);
    expect(compareCapabilities(cs({}), required).map((i) => i.code)).toEqual([
      'capability.profile-not-declared',
    ]);
  });

  it('never echoes an odd fhirVersion', () => {
    const issues = compareCapabilities(
      { resourceType: 'CapabilityStatement', fhirVersion: '<script>', format: ['json'], rest: [] },
      required,
    );
    expect(issues[0]?.params).toEqual({ declared: 'none', required: '4.0.1' });
  });
});
