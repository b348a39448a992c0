/**
 * `POST /v1/partners/{id}/pull` on the Node service: every pull is a job (issue 21; the in-process
 * queue here, no Redis): 202 with `Location: /v1/jobs/{jobId}`; the job pulls the registered
 * partner's endpoint (a real FHIR server on 127.0.0.1), records the pull in the store under the job
 * id, and its result is the recorded submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, PullJobResult } from '../../src/jobs/job-queue.js';
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
  it('answers 202 + Location; the job pulls the endpoint and records a pull submission under its id', async () => {
    const res = await post('/v1/partners/northvale-acute-trust/pull?count=5');
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/jobs\/[0-9a-f-]{36}$/);
    let view: JobView | undefined;
    for (let i = 0; i < 3000 && !view; i++) {
      const v = (await (await fetch(`${service.url}${location}`)).json()) as JobView;
      if (v.state === 'succeeded' || v.state === 'failed') view = v;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(view?.state, JSON.stringify(view)).toBe('succeeded');
    expect(view!.kind).toBe('pull');
    const result = view!.result as PullJobResult;
    expect(result.submissionId).toBe(view!.jobId);
    expect(result.capabilityRead).toBe(true);
    expect(result.gaps).toBe(true);
    expect(result.submission.kind).toBe('pull');
    expect(result.submission.partnerId).toBe('northvale-acute-trust');
    const submissions = await store.listSubmissions('northvale-acute-trust');
    expect(submissions.map((s) => s.kind)).toContain('pull');
    expect((await store.getSubmission(view!.jobId))?.kind).toBe('pull');
  });

  it('answers 404 for an unknown partner and 422 for a partner without an endpoint', async () => {
    expect((await post('/v1/partners/nobody/pull')).status).toBe(404);
    expect((await post('/v1/partners/no-endpoint/pull')).status).toBe(422);
    expect((await post('/v1/partners/northvale-acute-trust/pull?count=-1')).status).toBe(400);
  });
});
