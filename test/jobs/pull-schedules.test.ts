/**
 * Issue 21: partner pull schedules without Redis. A partner whose stored FHIR endpoint has
 * `pullEveryMinutes` (partner registry) is scheduled; the in-process queue runs one pull job per
 * tick (a timer of the process), skips a tick while the partner's previous pull is still queued, and
 * stops when the schedule is removed. The registry's field survives the store round trip, and
 * `POST /v1/partners` takes the endpoint too (checked: no secrets, whole minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endpointFromStored, endpointToStored } from '../../src/federation/stored-endpoint.js';
import type { JobData, PullJobResult } from '../../src/jobs/job-queue.js';
import { createMemoryJobQueue } from '../../src/jobs/memory-queue.js';
import { pullSchedulesOf } from '../../src/jobs/pull-schedules.js';
import { loadPartnerRegistry } from '../../src/policy/partner-registry.js';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/open-store.js';
import { baseValidator } from '../server/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-pull-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('partner pull schedules (no Redis)', () => {
  it('reads pullEveryMinutes from the registry, through the store, into schedules', async () => {
    const registry = loadPartnerRegistry({
      partners: [
        {
          id: 'northvale',
          name: 'Northvale (synthetic)',
          kind: 'acute-trust',
          fhirEndpoint: {
            baseUrl: 'https://fhir.example.org/r4',
            auth: 'none',
            pullEveryMinutes: 360,
          },
        },
        {
          id: 'southfield',
          name: 'Southfield (synthetic)',
          kind: 'gp-practice',
          fhirEndpoint: { baseUrl: 'https://fhir.example.net/r4', auth: 'none' },
        },
        { id: 'westbrook', name: 'Westbrook (synthetic)', kind: 'council' },
      ],
    });
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      for (const p of registry.partners)
        await store.upsertPartner({
          id: p.id,
          name: p.name,
          kind: p.kind,
          ...(p.fhirEndpoint ? { fhirEndpoint: endpointToStored(p.fhirEndpoint) } : {}),
        });
      expect(await pullSchedulesOf(store)).toEqual([
        { partnerId: 'northvale', everyMs: 360 * 60_000 },
      ]);
      const stored = await store.getPartner('northvale');
      expect(endpointFromStored(stored!.fhirEndpoint!).pullEveryMinutes).toBe(360);
    } finally {
      await store.close();
    }
    expect(() =>
      loadPartnerRegistry({
        partners: [
          {
            id: 'x',
            name: 'x',
            kind: 'other',
            fhirEndpoint: { baseUrl: 'https://x.example', auth: 'none', pullEveryMinutes: 0 },
          },
        ],
      }),
    ).toThrow(/pullEveryMinutes|minimum|>= 1/);
  });

  it('POST /v1/partners takes a FHIR endpoint with pullEveryMinutes (no secrets), which schedules the partner', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      const app = createApp({ validator: baseValidator(), partners: store });
      const register = (body: unknown) =>
        app.request('/v1/partners', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const partner = { id: 'eastmoor', name: 'Eastmoor (synthetic)', kind: 'acute-trust' };
      const ok = await register({
        ...partner,
        fhirEndpoint: {
          baseUrl: 'https://fhir.eastmoor.example/r4',
          auth: 'bearer',
          secretRef: 'EASTMOOR_TOKEN',
          pullEveryMinutes: 30,
        },
      });
      expect(ok.status).toBe(201);
      expect(await pullSchedulesOf(store)).toEqual([{ partnerId: 'eastmoor', everyMs: 1_800_000 }]);
      const stored = await store.getPartner('eastmoor');
      expect(endpointFromStored(stored!.fhirEndpoint!)).toEqual({
        baseUrl: 'https://fhir.eastmoor.example/r4',
        auth: 'bearer',
        secretRef: 'EASTMOOR_TOKEN',
        pullEveryMinutes: 30,
      });
      for (const fhirEndpoint of [
        { baseUrl: 'ftp://x', auth: 'none' },
        { baseUrl: 'https://x.example', auth: 'none', pullEveryMinutes: 0 },
        { baseUrl: 'https://x.example', auth: 'none', pullEveryMinutes: 1.5 },
        { baseUrl: 'https://x.example', auth: 'bearer', secretRef: 'sk-live 123' },
        { baseUrl: 'https://x.example', auth: 'none', token: 'abc' },
      ])
        expect(
          (await register({ ...partner, fhirEndpoint })).status,
          JSON.stringify(fhirEndpoint),
        ).toBe(400);
    } finally {
      await store.close();
    }
  });

  it('the in-process queue runs one pull job per tick and stops when the schedule goes', async () => {
    const runs: JobData[] = [];
    const jobs = createMemoryJobQueue(dir, async (jobId, data) => {
      runs.push(data);
      return { submissionId: jobId, recordCount: 0 } as unknown as PullJobResult;
    });
    await jobs.schedulePulls([{ partnerId: 'northvale', everyMs: 30 }]);
    for (let i = 0; i < 500 && runs.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    await jobs.schedulePulls([]);
    const seen = runs.length;
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(runs.every((d) => d.kind === 'pull' && d.partnerId === 'northvale' && d.scheduled)).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(runs.length).toBe(seen);
    await jobs.close();
  });
});
