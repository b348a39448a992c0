/**
 * Partner submissions and reports with a real store (SQLite in memory): open mode, API keys
 * (hashed; partner and lead roles), and tenancy: a partner cannot submit for or read another
 * partner's data; the lead reads all; only the lead reads the ICS matrix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createStaticKeyStore } from '../../src/server/auth/key-store.js';
import { sha256Hex } from '../../src/server/auth/sha256-hex.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator, codesOf, outcomeOf, post } from './helpers.js';

const validator = baseValidator();
const cld = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'northvale-council-asc', 'cld-2026-q2.csv'),
  'utf8',
);
const clock = () => new Date('2026-11-23T10:00:00Z');
const keys = {
  alpha: 'alpha-key-0123456789',
  beta: 'beta-key-0123456789',
  lead: 'lead-key-0123456789',
};
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('open mode (no keys configured)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
  });
  afterAll(() => store.close());

  it('a submission for a new partner id creates the partner and records the summary only', async () => {
    const app = createApp({ validator, partners: store, keys: store, clock });
    const res = await app.request(
      '/v1/partners/northvale/submissions?allowTestNumbers=true',
      post(cld, 'text/csv'),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      submissionId: string;
      partnerId: string;
      feed: string;
      submission: { payloadHash: string; recordCount: number };
    };
    expect(body).toMatchObject({ partnerId: 'northvale', feed: 'cld' });
    expect(body.submission.payloadHash).toBe(await sha256Hex(new TextEncoder().encode(cld)));
    expect((await store.getPartner('northvale'))?.id).toBe('northvale');
    const stored = await store.getSubmission(body.submissionId);
    expect(stored?.recordCount).toBe(body.submission.recordCount);
    expect(JSON.stringify(stored)).not.toContain('McTestface');
  });

  it('the partner report follows, in JSON, CSV, Markdown and HTML', async () => {
    const app = createApp({ validator, partners: store, clock });
    const json = await app.request('/v1/partners/northvale/report');
    expect(json.status).toBe(200);
    const card = (await json.json()) as {
      partner: { id: string };
      requirements: { id: string; checked: number }[];
    };
    expect(card.partner.id).toBe('northvale');
    expect(card.requirements.some((r) => r.checked > 0)).toBe(true);
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['markdown', 'text/markdown'],
      ['html', 'text/html'],
    ] as const) {
      const r = await app.request(`/v1/partners/northvale/report?format=${format}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
    }
    const viaAccept = await app.request('/v1/partners/northvale/report', {
      headers: { Accept: 'text/html' },
    });
    expect(viaAccept.headers.get('content-type')).toContain('text/html');
  });

  it('GET /v1/report gives the ICS matrix with the partner', async () => {
    const app = createApp({ validator, partners: store, clock });
    const res = await app.request('/v1/report');
    expect(res.status).toBe(200);
    const matrix = (await res.json()) as { rows: { partner: { id: string } }[] };
    expect(matrix.rows.map((r) => r.partner.id)).toContain('northvale');
  });

  it('an unknown partner report is 404; a bad period is 400', async () => {
    const app = createApp({ validator, partners: store, clock });
    const res = await app.request('/v1/partners/nobody/report');
    expect(res.status).toBe(404);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.not-found']);
    const bad = await app.request('/v1/partners/northvale/report?from=2026-12-01&to=2026-11-01');
    expect(bad.status).toBe(400);
  });

  it('an invalid partner id is 400', async () => {
    const app = createApp({ validator, partners: store, clock });
    const res = await app.request('/v1/partners/bad%20id/submissions', post(cld, 'text/csv'));
    expect(res.status).toBe(400);
  });

  it('logs of validation and submission carry no payload values (names, NHS numbers, birth dates, postcodes)', async () => {
    const logs: unknown[] = [];
    const app = createApp({ validator, partners: store, clock, log: (e) => logs.push(e) });
    await app.request('/v1/validate', post(cld, 'text/csv'));
    await app.request('/v1/partners/northvale/submissions', post(cld, 'text/csv'));
    expect(logs).toHaveLength(2);
    const text = JSON.stringify(logs);
    for (const value of [
      'McTestface',
      'Testy',
      '9990000018',
      '1948-02-11',
      'NV1 1AA',
      'Northvale Surgery',
    ])
      expect(text).not.toContain(value);
    expect(text).toContain('england.nhs-number-test-range');
  });

  it('without a store the partner routes are absent (404)', async () => {
    const app = createApp({ validator });
    expect((await app.request('/v1/partners/northvale/report')).status).toBe(404);
    expect((await app.request('/v1/report')).status).toBe(404);
  });
});

describe('with API keys (tenancy)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    await store.upsertPartner({
      id: 'alpha',
      name: 'Alpha Care (synthetic)',
      kind: 'care-provider',
    });
    await store.upsertPartner({ id: 'beta', name: 'Beta Council (synthetic)', kind: 'council' });
    await store.putApiKey({
      hash: await sha256Hex(keys.alpha),
      role: 'partner',
      partnerId: 'alpha',
    });
    await store.putApiKey({ hash: await sha256Hex(keys.beta), role: 'partner', partnerId: 'beta' });
    await store.putApiKey({ hash: await sha256Hex(keys.lead), role: 'lead' });
  });
  afterAll(() => store.close());
  const app = () => createApp({ validator, partners: store, keys: store, clock });

  it('no key: 401 http.unauthorized with a challenge; unknown key: 401', async () => {
    const none = await app().request('/v1/partners/alpha/report');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(codesOf(await outcomeOf(none))).toEqual(['http.unauthorized']);
    const wrong = await app().request('/v1/partners/alpha/report', {
      headers: bearer('not-a-key'),
    });
    expect(wrong.status).toBe(401);
  });

  it('validation routes need a key too, metadata and health do not', async () => {
    expect(
      (await app().request('/fhir/$validate', post('{"resourceType":"Patient"}'))).status,
    ).toBe(401);
    expect(
      (
        await app().request(
          '/fhir/$validate',
          post('{"resourceType":"Patient"}', 'application/fhir+json', { 'X-API-Key': keys.alpha }),
        )
      ).status,
    ).toBe(200);
    expect((await app().request('/health')).status).toBe(200);
    expect((await app().request('/fhir/metadata')).status).toBe(200);
  });

  it('a partner submits for itself (201) but not for another partner (403)', async () => {
    const own = await app().request(
      '/v1/partners/alpha/submissions?allowTestNumbers=true',
      post(cld, 'text/csv', bearer(keys.alpha)),
    );
    expect(own.status).toBe(201);
    const other = await app().request(
      '/v1/partners/beta/submissions',
      post(cld, 'text/csv', bearer(keys.alpha)),
    );
    expect(other.status).toBe(403);
    expect(codesOf(await outcomeOf(other))).toEqual(['http.forbidden']);
    expect(await store.listSubmissions('beta')).toEqual([]);
  });

  it('the lead key reads but does not submit: 403, and no partner is created', async () => {
    const res = await app().request(
      '/v1/partners/gamma/submissions',
      post(cld, 'text/csv', bearer(keys.lead)),
    );
    expect(res.status).toBe(403);
    expect(await store.getPartner('gamma')).toBeUndefined();
  });

  it("a partner reads its own report but not another partner's (403)", async () => {
    await app().request(
      '/v1/partners/beta/submissions?allowTestNumbers=true',
      post(cld, 'text/csv', bearer(keys.beta)),
    );
    const own = await app().request('/v1/partners/alpha/report', { headers: bearer(keys.alpha) });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { partner: { id: string } }).partner.id).toBe('alpha');
    for (const format of ['json', 'csv', 'html']) {
      const other = await app().request(`/v1/partners/beta/report?format=${format}`, {
        headers: bearer(keys.alpha),
      });
      expect(other.status).toBe(403);
      const text = await other.text();
      expect(text).not.toContain('Beta Council');
    }
  });

  it('the lead reads every partner report and the ICS matrix; partners cannot read the matrix', async () => {
    for (const id of ['alpha', 'beta']) {
      const res = await app().request(`/v1/partners/${id}/report`, { headers: bearer(keys.lead) });
      expect(res.status).toBe(200);
    }
    const matrix = await app().request('/v1/report', { headers: bearer(keys.lead) });
    expect(matrix.status).toBe(200);
    const rows = ((await matrix.json()) as { rows: { partner: { id: string } }[] }).rows.map(
      (r) => r.partner.id,
    );
    expect(rows.sort()).toEqual(['alpha', 'beta']);
    const denied = await app().request('/v1/report', { headers: bearer(keys.alpha) });
    expect(denied.status).toBe(403);
    expect(codesOf(await outcomeOf(denied))).toEqual(['http.forbidden']);
  });

  it('the lead registers partners (201); a partner key cannot (403); invalid bodies are 400', async () => {
    const json = (body: unknown, key: string) =>
      post(JSON.stringify(body), 'application/json', bearer(key));
    const created = await app().request(
      '/v1/partners',
      json(
        { id: 'gamma', name: 'Gamma GP (synthetic)', kind: 'gp-practice', odsCode: 'A99999' },
        keys.lead,
      ),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'gamma',
      kind: 'gp-practice',
      odsCode: 'A99999',
    });
    expect((await store.getPartner('gamma'))?.name).toBe('Gamma GP (synthetic)');
    const denied = await app().request(
      '/v1/partners',
      json({ id: 'delta', name: 'Delta', kind: 'council' }, keys.alpha),
    );
    expect(denied.status).toBe(403);
    expect(await store.getPartner('delta')).toBeUndefined();
    for (const bad of [
      { id: 'bad id', name: 'x', kind: 'council' },
      { id: 'x', name: '', kind: 'council' },
      { id: 'x', name: 'x', kind: 'castle' },
      [1],
    ]) {
      const res = await app().request('/v1/partners', json(bad, keys.lead));
      expect(res.status).toBe(400);
      expect(codesOf(await outcomeOf(res))).toEqual(['http.invalid-parameter']);
    }
  });

  it('GET /v1/partners lists every partner for the lead and only its own for a partner key', async () => {
    const lead = (await (
      await app().request('/v1/partners', { headers: bearer(keys.lead) })
    ).json()) as { partners: { id: string }[] };
    expect(lead.partners.map((p) => p.id)).toEqual(expect.arrayContaining(['alpha', 'beta']));
    const own = (await (
      await app().request('/v1/partners', { headers: bearer(keys.alpha) })
    ).json()) as { partners: { id: string }[] };
    expect(own.partners.map((p) => p.id)).toEqual(['alpha']);
  });

  it('keys from a static list (environment) work the same, and keys are compared as hashes', async () => {
    const staticKeys = createStaticKeyStore([
      { hash: await sha256Hex(keys.alpha), role: 'partner', partnerId: 'alpha' },
    ]);
    const envApp = createApp({ validator, partners: store, keys: staticKeys, clock });
    expect(
      (await envApp.request('/v1/partners/alpha/report', { headers: bearer(keys.alpha) })).status,
    ).toBe(200);
    expect(
      (await envApp.request('/v1/partners/beta/report', { headers: bearer(keys.alpha) })).status,
    ).toBe(403);
    expect(
      (
        await envApp.request('/v1/partners/alpha/report', {
          headers: bearer(await sha256Hex(keys.alpha)),
        })
      ).status,
    ).toBe(401);
  });
});
