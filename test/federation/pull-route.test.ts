/**
 * `POST /v1/partners/{id}/pull` on the Node service: a registered partner's endpoint (a real FHIR
 * server on 127.0.0.1) is pulled, the report comes back, and the pull is recorded in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFhirTestServer, type FhirTestServer } from './fhir-test-server.js';
import { exampleResources, frameworkSetup, fullCapability } from './pull-fixtures.js';

let fhir: FhirTestServer;
let store: Store;
let service: RunningServer;

beforeAll(async () => {
  const { profiles, checker } = frameworkSetup();
  fhir = await startFhirTestServer({
    capabilityStatement: fullCapability(profiles),
    resources: exampleResources('northvale-acute-trust/acute-feed.json'),
  });
  store = await openStore({ sqlitePath: ':memory:' });
  await store.upsertPartner({
    id: 'northvale-acute-trust',
    name: 'Northvale Hospitals (synthetic)',
    kind: 'acute-trust',
    fhirEndpoint: { url: fhir.baseUrl, auth: 'none' },
  });
  await store.upsertPartner({ id: 'no-endpoint', name: 'No endpoint (synthetic)', kind: 'vcfse' });
  service = await startServer({
    port: 0,
    storeInstance: store,
    validator: checker.validator,
    log: () => undefined,
  });
});

afterAll(async () => {
  await service?.close();
  await fhir?.close();
  await store?.close();
});

const post = (path: string) => fetch(`${service.url}${path}`, { method: 'POST' });

describe('POST /v1/partners/{id}/pull', () => {
  it('pulls the partner endpoint, answers the report and records a pull submission', async () => {
    const res = await post('/v1/partners/northvale-acute-trust/pull?count=5');
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      partnerId: string;
      capabilityRead: boolean;
      gaps: boolean;
      submissionId?: string;
    };
    expect(report.partnerId).toBe('northvale-acute-trust');
    expect(report.capabilityRead).toBe(true);
    expect(report.gaps).toBe(true);
    expect(typeof report.submissionId).toBe('string');
    const submissions = await store.listSubmissions('northvale-acute-trust');
    expect(submissions.map((s) => s.kind)).toContain('pull');
  });

  it('answers 404 for an unknown partner and 422 for a partner without an endpoint', async () => {
    expect((await post('/v1/partners/nobody/pull')).status).toBe(404);
    expect((await post('/v1/partners/no-endpoint/pull')).status).toBe(422);
    expect((await post('/v1/partners/northvale-acute-trust/pull?count=-1')).status).toBe(400);
  });
});
