/**
 * Federated pulls against a real FHIR REST server on 127.0.0.1 (Medplum's fhir-router with its
 * in-memory repository behind a small HTTP adapter): capability gaps, sampled validation,
 * pagination, 429 with Retry-After, timeouts, auth failures.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pullPartner, type PullPartnerOptions } from '../../src/federation/pull-partner.js';
import { createRateLimiter } from '../../src/federation/rate-limiter.js';
import type { PartnerFhirEndpoint } from '../../src/policy/partner-registry.js';
import {
  startFhirTestServer,
  type FhirTestServer,
  type FhirTestServerOptions,
} from './fhir-test-server.js';
import {
  exampleResources,
  frameworkSetup,
  fullCapability,
  recordingClock,
} from './pull-fixtures.js';

const servers: FhirTestServer[] = [];

afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function serve(
  options: Partial<FhirTestServerOptions> & { types?: string[] } = {},
): Promise<FhirTestServer> {
  const { profiles } = frameworkSetup();
  const server = await startFhirTestServer({
    capabilityStatement: fullCapability(profiles, options.types),
    ...options,
  });
  servers.push(server);
  return server;
}

function pull(
  server: FhirTestServer,
  endpoint: Partial<PartnerFhirEndpoint>,
  extra: Partial<PullPartnerOptions> = {},
) {
  const { checker, profiles } = frameworkSetup();
  const clock = extra.clock ?? recordingClock();
  return pullPartner({
    partnerId: 'test-partner',
    endpoint: { baseUrl: server.baseUrl, auth: 'none', timeoutMs: 5_000, ...endpoint },
    checker,
    profilesByType: profiles,
    clock,
    limiter: createRateLimiter(0, clock),
    ...extra,
  });
}

function codes(issues: readonly { code: string }[]): string[] {
  return issues.map((i) => i.code);
}

describe('capability comparison', () => {
  it('finds no capability gap when the statement declares everything required', async () => {
    const server = await serve();
    const out = await pull(server, {}, { sampleSize: 0 });
    expect(out.capabilityRead).toBe(true);
    expect(out.capabilityIssues).toEqual([]);
    expect(out.summary.requirements.find((r) => r.requirementId === 'MDS-20')).toMatchObject({
      checked: 1,
      passed: 1,
      failed: 0,
    });
    expect(out.gaps).toBe(false);
  });

  it('reports every missing capability with requirement MDS-20', async () => {
    const { profiles } = frameworkSetup();
    const cs = fullCapability(profiles) as {
      fhirVersion: string;
      format: string[];
      rest: { resource: Record<string, unknown>[] }[];
    };
    cs.fhirVersion = '3.0.2';
    cs.format = ['xml'];
    const resources = cs.rest[0]!.resource;
    cs.rest[0]!.resource = resources.filter((r) => r['type'] !== 'Consent');
    const patient = cs.rest[0]!.resource.find((r) => r['type'] === 'Patient')!;
    patient['interaction'] = [{ code: 'read' }];
    patient['searchParam'] = [];
    patient['supportedProfile'] = [];
    const server = await serve({ capabilityStatement: cs });
    const out = await pull(server, {}, { sampleSize: 0 });
    const found = out.capabilityIssues.map((i) => ({
      code: i.code,
      expression: i.expression,
      params: i.params,
      requirements: i.requirements,
    }));
    const patientIndex = cs.rest[0]!.resource.indexOf(patient);
    expect(found).toEqual(
      expect.arrayContaining([
        {
          code: 'capability.fhir-version',
          expression: 'CapabilityStatement.fhirVersion',
          params: { declared: '3.0.2', required: '4.0.1' },
          requirements: ['MDS-20'],
        },
        {
          code: 'capability.format-missing',
          expression: 'CapabilityStatement.format',
          params: { format: 'json' },
          requirements: ['MDS-20'],
        },
        {
          code: 'capability.resource-missing',
          expression: 'CapabilityStatement.rest[0].resource',
          params: { resourceType: 'Consent' },
          requirements: ['MDS-20'],
        },
        {
          code: 'capability.interaction-missing',
          expression: `CapabilityStatement.rest[0].resource[${patientIndex}].interaction`,
          params: { resourceType: 'Patient', interaction: 'search-type' },
          requirements: ['MDS-20'],
        },
        {
          code: 'capability.search-param-missing',
          expression: `CapabilityStatement.rest[0].resource[${patientIndex}].searchParam`,
          params: { resourceType: 'Patient', searchParam: 'identifier' },
          requirements: ['MDS-20'],
        },
        expect.objectContaining({
          code: 'capability.profile-not-declared',
          params: { resourceType: 'Patient', profile: profiles['Patient']![0]! },
          requirements: ['MDS-20'],
        }),
      ]),
    );
    expect(found).toHaveLength(6);
    expect(out.summary.requirements.find((r) => r.requirementId === 'MDS-20')).toMatchObject({
      checked: 1,
      passed: 0,
      failed: 1,
    });
    expect(
      out.summary.issues
        .filter((a) => a.code.startsWith('capability.'))
        .every((a) => a.requirements.includes('MDS-20')),
    ).toBe(true);
    expect(out.gaps).toBe(true);
  });

  it('only requires the resource types the registry entry narrows the partner to', async () => {
    const server = await serve({ types: ['Patient', 'Organization'] });
    const narrowed = await pull(
      server,
      { resourceTypes: ['Patient', 'Organization'] },
      { sampleSize: 0 },
    );
    expect(narrowed.capabilityIssues).toEqual([]);
    const all = await pull(server, {}, { sampleSize: 0 });
    expect(
      codes(all.capabilityIssues).filter((c) => c === 'capability.resource-missing').length,
    ).toBe(all.required.resources.length - 2);
  });

  it('reports an answer that is not a CapabilityStatement', async () => {
    const server = await serve({
      capabilityStatement: { resourceType: 'OperationOutcome', issue: [] },
    });
    const out = await pull(server, {}, { sampleSize: 0 });
    expect(codes(out.capabilityIssues)).toEqual(['capability.statement-invalid']);
    expect(out.capabilityIssues[0]?.params).toEqual({ got: 'OperationOutcome' });
  });
});

describe('sampled validation', () => {
  it('validates the sampled resources with the framework and summarises them as a pull', async () => {
    const resources = exampleResources('northvale-acute-trust/acute-feed.json');
    const server = await serve({ resources });
    const out = await pull(server, {}, { sampleSize: 20 });
    expect(out.sampled['Patient']).toBe(
      resources.filter((r) => r.resourceType === 'Patient').length,
    );
    expect(out.sampled['Observation']).toBe(
      resources.filter((r) => r.resourceType === 'Observation').length,
    );
    expect(out.sampled['Consent']).toBe(0);
    expect(out.summary.kind).toBe('pull');
    expect(out.summary.feed).toBe('fhir');
    expect(out.summary.recordCount).toBe(resources.length);
    const data = out.result.issues.filter(
      (i) => !i.code.startsWith('capability.') && !i.code.startsWith('pull.'),
    );
    // deliberate gaps of the example feed (examples/northvale-acute-trust/README.md)
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'england.postcode-format',
          requirements: expect.arrayContaining(['MDS-10']),
        }),
        expect.objectContaining({
          code: 'england.sctid-partition',
          requirements: expect.arrayContaining(['MDS-13']),
        }),
      ]),
    );
    expect(
      out.summary.requirements.find((r) => r.requirementId === 'MDS-10')?.failed,
    ).toBeGreaterThan(0);
    expect(
      out.summary.requirements.find((r) => r.requirementId === 'MDS-13')?.failed,
    ).toBeGreaterThan(0);
    expect(out.gaps).toBe(true);
  });

  it('finds no data gap in the valid example feed', async () => {
    const resources = exampleResources('riverside-gp-practice/gp-feed-valid.json');
    const server = await serve({ resources });
    const out = await pull(server, {}, { sampleSize: 20 });
    expect(out.summary.recordCount).toBe(resources.length);
    const errors = out.result.issues.filter(
      (i) => i.severity === 'error' || i.severity === 'fatal',
    );
    expect(errors.map((i) => `${i.code} ${i.expression}`)).toEqual([]);
  });
});

describe('pagination', () => {
  function patients(n: number) {
    return Array.from({ length: n }, (_, i) => ({
      resourceType: 'Patient' as const,
      id: `p${i}`,
      gender: 'unknown' as const,
    }));
  }

  it('follows Bundle.link next until the sample is full', async () => {
    const server = await serve({ resources: patients(7), types: ['Patient'] });
    const out = await pull(server, { resourceTypes: ['Patient'] }, { sampleSize: 7, pageSize: 3 });
    expect(out.sampled).toEqual({ Patient: 7 });
    const searches = server.log.filter((l) => l.startsWith('GET /fhir/Patient'));
    expect(searches).toEqual([
      'GET /fhir/Patient?_count=3',
      'GET /fhir/Patient?_count=3&_offset=3',
      'GET /fhir/Patient?_count=3&_offset=6',
    ]);
  });

  it('stops at the sample size without fetching further pages', async () => {
    const server = await serve({ resources: patients(7), types: ['Patient'] });
    const out = await pull(server, { resourceTypes: ['Patient'] }, { sampleSize: 4, pageSize: 2 });
    expect(out.sampled).toEqual({ Patient: 4 });
    expect(server.log.filter((l) => l.startsWith('GET /fhir/Patient'))).toHaveLength(2);
  });

  it('is bounded by the page limit and says so', async () => {
    const server = await serve({ resources: patients(7), types: ['Patient'] });
    const out = await pull(
      server,
      { resourceTypes: ['Patient'] },
      { sampleSize: 7, pageSize: 2, maxPages: 2 },
    );
    expect(out.sampled).toEqual({ Patient: 4 });
    expect(codes(out.transportIssues)).toEqual(['pull.paging-limit']);
  });

  it('flags a server that ignores _count, and keeps the sample bounded', async () => {
    const page = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: ['a', 'b', 'c'].map((id) => ({ resource: { resourceType: 'Patient', id } })),
    };
    const server = await serve({
      types: ['Patient'],
      fault: (r) => (r.path === '/Patient' ? { status: 200, body: page } : undefined),
    });
    const out = await pull(server, { resourceTypes: ['Patient'] }, { sampleSize: 2, pageSize: 1 });
    expect(out.sampled).toEqual({ Patient: 2 });
    expect(
      out.capabilityIssues.map((i) => [
        i.code,
        i.params['count'],
        i.params['entries'],
        i.requirements,
      ]),
    ).toEqual([['capability.count-ignored', 1, 3, ['MDS-20']]]);
  });

  it('never follows a next link to another origin', async () => {
    const server = await serve({
      types: ['Patient'],
      fault: (r) =>
        r.path === '/Patient'
          ? {
              status: 200,
              body: {
                resourceType: 'Bundle',
                type: 'searchset',
                entry: [{ resource: { resourceType: 'Patient', id: 'a' } }],
                link: [{ relation: 'next', url: 'http://127.0.0.2:9/fhir/Patient?page=2' }],
              },
            }
          : undefined,
    });
    const out = await pull(server, { resourceTypes: ['Patient'] }, { sampleSize: 5 });
    expect(out.sampled).toEqual({ Patient: 1 });
    expect(codes(out.transportIssues)).toEqual(['pull.foreign-next-link']);
  });
});

describe('resilience', () => {
  it('waits what Retry-After asks after a 429, then succeeds', async () => {
    const server = await serve({
      fault: (r) =>
        r.path === '/metadata' && r.nth === 1
          ? { status: 429, headers: { 'retry-after': '2' } }
          : undefined,
    });
    const clock = recordingClock();
    const out = await pull(server, {}, { sampleSize: 0, clock, retry: { baseDelayMs: 10 } });
    expect(out.capabilityRead).toBe(true);
    expect(out.transportIssues).toEqual([]);
    expect(server.log.filter((l) => l === 'GET /fhir/metadata')).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('gives up when Retry-After asks for more than the retry cap', async () => {
    const server = await serve({
      fault: (r) =>
        r.path === '/metadata' ? { status: 429, headers: { 'retry-after': '3600' } } : undefined,
    });
    const out = await pull(server, {}, { sampleSize: 0, retry: { maxDelayMs: 60_000 } });
    expect(codes(out.transportIssues)).toEqual(['pull.http-status']);
    expect(out.transportIssues[0]?.params).toMatchObject({ status: 429, attempts: 1 });
    expect(server.log.filter((l) => l === 'GET /fhir/metadata')).toHaveLength(1);
  });

  it('backs off exponentially on 5xx and reports the final status', async () => {
    const server = await serve({
      fault: (r) => (r.path === '/metadata' ? { status: 503 } : undefined),
    });
    const clock = recordingClock();
    const out = await pull(
      server,
      {},
      { sampleSize: 0, clock, retry: { maxAttempts: 3, baseDelayMs: 100 } },
    );
    expect(clock.sleeps).toEqual([100, 200]);
    expect(
      out.transportIssues.map((i) => [i.code, i.params['status'], i.params['attempts']]),
    ).toEqual([['pull.http-status', 503, 3]]);
    expect(codes(out.capabilityIssues)).toEqual(['capability.statement-unavailable']);
    expect(out.summary.requirements.find((r) => r.requirementId === 'MDS-20')?.failed).toBe(1);
  });

  it('reports a timeout as an issue, after retrying, without crashing', async () => {
    const server = await serve({
      types: ['Patient'],
      fault: (r) => (r.path === '/metadata' ? { delayMs: 3_000 } : undefined),
    });
    const out = await pull(
      server,
      { timeoutMs: 150, resourceTypes: ['Patient'] },
      { sampleSize: 2, retry: { maxAttempts: 2, baseDelayMs: 1 } },
    );
    expect(
      out.transportIssues.map((i) => [i.code, i.params['timeoutMs'], i.params['attempts']]),
    ).toEqual([['pull.timeout', 150, 2]]);
    expect(codes(out.capabilityIssues)).toEqual(['capability.statement-unavailable']);
    // sampling still ran: the data endpoint answered
    expect(out.sampled).toEqual({ Patient: 0 });
    expect(out.gaps).toBe(true);
    // the endpoint answered the search: reachable, so the pull is a real finding
    expect(out.unreachable).toBeUndefined();
  });

  it('reports a refused connection as a network issue', async () => {
    const server = await serve();
    const base = server.baseUrl;
    await server.close();
    servers.length = 0;
    const { checker, profiles } = frameworkSetup();
    const clock = recordingClock();
    const out = await pullPartner({
      partnerId: 'gone',
      endpoint: { baseUrl: base, auth: 'none' },
      checker,
      profilesByType: profiles,
      clock,
      limiter: createRateLimiter(0, clock),
      sampleSize: 2,
      retry: { maxAttempts: 2 },
      store: { recordSubmission: () => Promise.reject(new Error('must not record')) },
    });
    expect(out.transportIssues.map((i) => [i.code, i.params['networkCode']])).toEqual([
      ['pull.network', 'ECONNREFUSED'],
    ]);
    // unreachable: named, nothing recorded, no sampling tried after the refusal
    expect(out.unreachable).toEqual({
      cause: 'connection refused',
      host: new URL(base).host,
      errorCode: 'ECONNREFUSED',
    });
    expect(out.submissionId).toBeUndefined();
    expect(clock.sleeps).toHaveLength(1);
  });

  it('queues concurrent callers by the rate limit', async () => {
    const sleeps: number[] = [];
    const frozen = { now: () => 5_000, sleep: async (ms: number) => void sleeps.push(ms) };
    const limiter = createRateLimiter(250, frozen);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(sleeps).toEqual([250, 500]);
  });

  it('spaces the requests of a pull by the partner rate limit', async () => {
    const server = await serve({ types: ['Patient'] });
    const clock = recordingClock();
    const out = await pull(
      server,
      { resourceTypes: ['Patient'] },
      { clock, limiter: createRateLimiter(300, clock), sampleSize: 1 },
    );
    expect(out.transportIssues).toEqual([]);
    expect(server.log).toEqual(['GET /fhir/metadata', 'GET /fhir/Patient?_count=1']);
    expect(clock.sleeps).toEqual([300]);
  });
});

describe('authentication', () => {
  it('reports refused credentials and samples nothing', async () => {
    const server = await serve({ bearerToken: 'right-token' });
    const out = await pull(
      server,
      { auth: 'bearer', secretRef: 'PARTNER_TOKEN' },
      { secrets: () => 'wrong-token' },
    );
    expect(out.transportIssues.map((i) => [i.code, i.params['status']])).toEqual([
      ['pull.auth-failed', 401],
    ]);
    expect(server.log).toEqual(['GET /fhir/metadata']);
    expect(JSON.stringify(out)).not.toContain('wrong-token');
  });

  it('sends a bearer token from the secret reference', async () => {
    const server = await serve({ bearerToken: 'right-token', types: ['Patient'] });
    const out = await pull(
      server,
      { auth: 'bearer', secretRef: 'PARTNER_TOKEN', resourceTypes: ['Patient'] },
      { secrets: (ref) => (ref === 'PARTNER_TOKEN' ? 'right-token' : undefined) },
    );
    expect(out.transportIssues).toEqual([]);
    expect(server.authorizations.every((a) => a === 'Bearer right-token')).toBe(true);
  });

  it('stops sampling when a search is refused', async () => {
    const server = await serve({
      fault: (r) => (r.path === '/AllergyIntolerance' ? { status: 403 } : undefined),
    });
    const out = await pull(server, {}, { sampleSize: 1 });
    expect(
      out.transportIssues.map((i) => [i.code, i.params['request'], i.params['status']]),
    ).toEqual([['pull.auth-failed', 'search AllergyIntolerance', 403]]);
    expect(server.log).toEqual(['GET /fhir/metadata', 'GET /fhir/AllergyIntolerance?_count=1']);
    expect(out.sampled).toEqual({ AllergyIntolerance: 0 });
  });

  it('reports a missing secret without sending any request', async () => {
    const server = await serve({ bearerToken: 'right-token' });
    const out = await pull(
      server,
      { auth: 'bearer', secretRef: 'UNSET_TOKEN' },
      { secrets: () => undefined },
    );
    expect(codes(out.transportIssues)).toEqual(['pull.auth-config']);
    expect(server.log).toEqual([]);
  });

  it('gets a token with client credentials, and reports a refused client', async () => {
    const server = await serve({
      bearerToken: 'issued-token',
      client: { id: 'mdss', secret: 's3cret' },
      types: ['Patient'],
    });
    const endpoint = {
      auth: 'client-credentials' as const,
      tokenUrl: server.tokenUrl,
      clientId: 'mdss',
      secretRef: 'CLIENT_SECRET',
      resourceTypes: ['Patient'],
    };
    const ok = await pull(server, endpoint, { secrets: () => 's3cret' });
    expect(ok.transportIssues).toEqual([]);
    expect(ok.capabilityRead).toBe(true);
    const refused = await pull(server, endpoint, { secrets: () => 'wrong' });
    expect(
      refused.transportIssues.map((i) => [i.code, i.params['request'], i.params['status']]),
    ).toEqual([['pull.auth-failed', 'token', 401]]);
  });
});
