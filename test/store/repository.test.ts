/**
 * Repository behaviour, run against SQLite and (when reachable) PostgreSQL with the same cases.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregatePeriod } from '../../src/reports/conformance/aggregate-period.js';
import type { Store } from '../../src/store/store.js';
import { storeTargets, type TestDatabase } from './store-targets.js';
import { fakeHash, makeSummary } from './summary-fixtures.js';

const targets = await storeTargets();

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`store on ${target.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await target.create();
      store = await database.open();
      await store.upsertPartner({
        id: 'northvale-council',
        name: 'Northvale Council',
        kind: 'council',
        gssCode: 'E10000014',
      });
      await store.upsertPartner({
        id: 'riverside-surgery',
        name: 'Riverside Surgery',
        kind: 'gp-practice',
        odsCode: 'A81001',
      });
    });

    afterEach(async () => {
      await store.close();
      await database.dispose();
    });

    it('reports its dialect', () => {
      expect(store.dialect).toBe(target.name);
    });

    it('round-trips partners, keeps created_at on update and filters by kind', async () => {
      const first = await store.getPartner('riverside-surgery');
      expect(first).toMatchObject({
        id: 'riverside-surgery',
        name: 'Riverside Surgery',
        kind: 'gp-practice',
        odsCode: 'A81001',
      });
      const updated = await store.upsertPartner({
        id: 'riverside-surgery',
        name: 'Riverside Medical Centre',
        kind: 'gp-practice',
        odsCode: 'A81001',
        fhirEndpoint: { url: 'https://fhir.riverside.example/R4', resourceTypes: ['Patient'] },
      });
      expect(updated.name).toBe('Riverside Medical Centre');
      expect(updated.fhirEndpoint).toEqual({
        url: 'https://fhir.riverside.example/R4',
        resourceTypes: ['Patient'],
      });
      expect(updated.createdAt).toBe(first?.createdAt);
      expect((await store.listPartners()).map((p) => p.id)).toEqual([
        'northvale-council',
        'riverside-surgery',
      ]);
      expect((await store.listPartners({ kind: 'council' })).map((p) => p.id)).toEqual([
        'northvale-council',
      ]);
      expect(await store.listPartners({ kind: 'vcfse' })).toEqual([]);
      expect(await store.getPartner('nobody')).toBeUndefined();
    });

    it('rejects an unknown partner kind', async () => {
      await expect(
        store.upsertPartner({ id: 'x', name: 'X', kind: 'hospital' as never }),
      ).rejects.toThrow(/partner kind/);
    });

    it('round-trips a submission summary exactly', async () => {
      const summary = makeSummary();
      const { id } = await store.recordSubmission(summary);
      const stored = await store.getSubmission(id);
      const sortBy = <T>(xs: readonly T[], key: (x: T) => string) =>
        [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      expect(stored).toEqual({
        ...summary,
        id,
        requirements: sortBy(summary.requirements, (r) => r.requirementId),
        issues: sortBy(summary.issues, (i) => i.code).map((i) => ({
          ...i,
          requirements: [...i.requirements].sort(),
        })),
        mustSupport: sortBy(summary.mustSupport ?? [], (m) => m.path),
      });
    });

    it('keeps large sizes and counts as numbers', async () => {
      const { id } = await store.recordSubmission(
        makeSummary({ payloadSize: 5_000_000_000, recordCount: 2_000_000 }),
      );
      const stored = await store.getSubmission(id);
      expect(stored?.payloadSize).toBe(5_000_000_000);
      expect(stored?.recordCount).toBe(2_000_000);
    });

    it('refuses a submission for an unknown partner unless asked to create it (open mode)', async () => {
      await expect(
        store.recordSubmission(makeSummary({ partnerId: 'new-care-home' })),
      ).rejects.toMatchObject({ code: 'store.unknown-partner' });
      expect(await store.getPartner('new-care-home')).toBeUndefined();
      const { id } = await store.recordSubmission(makeSummary({ partnerId: 'new-care-home' }), {
        createPartner: true,
      });
      expect(await store.getPartner('new-care-home')).toMatchObject({
        name: 'new-care-home',
        kind: 'other',
      });
      expect((await store.getSubmission(id))?.partnerId).toBe('new-care-home');
    });

    it('isolates partners: listing and period queries see only the named partner', async () => {
      await store.recordSubmission(
        makeSummary({ partnerId: 'northvale-council', payloadHash: fakeHash('a') }),
      );
      await store.recordSubmission(
        makeSummary({ partnerId: 'riverside-surgery', payloadHash: fakeHash('b'), feed: 'fhir' }),
      );
      const northvale = await store.listSubmissions('northvale-council');
      expect(northvale.map((s) => s.payloadHash)).toEqual([fakeHash('a')]);
      const riverside = await store.loadPartnerPeriod(
        'riverside-surgery',
        '2026-01-01',
        '2027-01-01',
      );
      expect(riverside.submissions.map((s) => s.payloadHash)).toEqual([fakeHash('b')]);
      expect(await store.listSubmissions('nobody')).toEqual([]);
    });

    it('selects submissions in the half-open period [from, to)', async () => {
      for (const [label, at] of [
        ['jan', '2026-01-31T23:59:59.999Z'],
        ['feb1', '2026-02-01T00:00:00.000Z'],
        ['feb2', '2026-02-28T12:00:00+01:00'],
        ['mar', '2026-03-01T00:00:00.000Z'],
      ] as const) {
        await store.recordSubmission(makeSummary({ payloadHash: fakeHash(label), receivedAt: at }));
      }
      const feb = await store.listSubmissions('northvale-council', {
        from: '2026-02-01T00:00:00Z',
        to: '2026-03-01T00:00:00Z',
      });
      expect(feb.map((s) => s.payloadHash)).toEqual([fakeHash('feb1'), fakeHash('feb2')]);
      expect(feb[1]?.receivedAt).toBe('2026-02-28T11:00:00.000Z');
      expect(
        (await store.listSubmissions('northvale-council', { from: '2026-02-01' })).length,
      ).toBe(3);
      expect((await store.listSubmissions('northvale-council', { to: '2026-02-01' })).length).toBe(
        1,
      );
    });

    it('aggregates a period in SQL exactly as aggregatePeriod does in memory', async () => {
      const summaries = [
        makeSummary({ payloadHash: fakeHash('1'), receivedAt: '2026-03-01T08:00:00.000Z' }),
        makeSummary({
          payloadHash: fakeHash('2'),
          receivedAt: '2026-03-05T08:00:00.000Z',
          feed: 'fhir',
          recordTypes: { Patient: 40, 'cld-person': 3 },
          requirements: [
            { requirementId: 'MDS-01', checked: 40, passed: 40, failed: 0, waived: 0 },
            { requirementId: 'MDS-06', checked: 40, passed: 31, failed: 9, waived: 0 },
            { requirementId: 'MDS-12', checked: 0, passed: 0, failed: 0, waived: 0 },
          ],
          issues: [
            {
              code: 'cardinality.too-few',
              path: 'Patient.birthDate',
              severity: 'error',
              count: 9,
              requirements: ['MDS-06'],
              waived: 0,
            },
            {
              code: 'nhs-number.bad-check-digit',
              path: 'Row.NHS_Number',
              severity: 'error',
              count: 1,
              requirements: ['MDS-02'],
              waived: 0,
            },
          ],
          mustSupport: [{ path: 'Row.Ethnicity', populated: 1, total: 3 }],
        }),
        makeSummary({ payloadHash: fakeHash('3'), receivedAt: '2026-03-09T08:00:00.000Z' }),
        makeSummary({ payloadHash: fakeHash('outside'), receivedAt: '2026-04-01T00:00:00.000Z' }),
        makeSummary({
          partnerId: 'riverside-surgery',
          payloadHash: fakeHash('other'),
          receivedAt: '2026-03-02T00:00:00.000Z',
        }),
      ];
      for (const s of summaries) await store.recordSubmission(s);
      const fromDb = await store.loadPartnerPeriod(
        'northvale-council',
        '2026-03-01T00:00:00Z',
        '2026-04-01T00:00:00Z',
      );
      const inMemory = aggregatePeriod(
        'northvale-council',
        '2026-03-01T00:00:00Z',
        '2026-04-01T00:00:00Z',
        summaries,
      );
      expect(fromDb).toEqual(inMemory);
      expect(fromDb.submissions).toHaveLength(3);
      expect(fromDb.requirements.find((r) => r.requirementId === 'MDS-01')).toEqual({
        requirementId: 'MDS-01',
        checked: 80,
        passed: 76,
        failed: 4,
        waived: 0,
        submissions: 3,
      });
      expect(fromDb.requirements.find((r) => r.requirementId === 'MDS-12')?.submissions).toBe(0);
      expect(fromDb.issues.find((i) => i.code === 'nhs-number.bad-check-digit')).toEqual({
        code: 'nhs-number.bad-check-digit',
        path: 'Row.NHS_Number',
        severity: 'error',
        count: 15,
        waived: 0,
        requirements: ['MDS-01', 'MDS-02'],
      });
      expect(fromDb.recordTypes).toEqual({ Patient: 40, 'cld-event': 200, 'cld-person': 43 });
    });

    it('returns an empty period for a partner without submissions', async () => {
      const period = await store.loadPartnerPeriod('riverside-surgery', '2026-01-01', '2026-02-01');
      expect(period).toEqual({
        partnerId: 'riverside-surgery',
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        submissions: [],
        requirements: [],
        series: [],
        issues: [],
        mustSupport: [],
        recordTypes: {},
        datasets: [],
      });
    });

    it('rolls back the whole submission when a write fails mid-way', async () => {
      const failing = await database.open({
        onWrite: (step) => {
          if (step.table === 'submission_issues')
            throw new Error('injected failure after issues were written');
        },
      });
      try {
        await expect(
          failing.recordSubmission(makeSummary({ payloadHash: fakeHash('doomed') })),
        ).rejects.toThrow('injected failure');
        await expect(
          failing.recordSubmission(
            makeSummary({ partnerId: 'brand-new', payloadHash: fakeHash('doomed2') }),
            { createPartner: true },
          ),
        ).rejects.toThrow('injected failure');
      } finally {
        await failing.close();
      }
      expect(await store.listSubmissions('northvale-council')).toEqual([]);
      expect(await store.getPartner('brand-new')).toBeUndefined();
      const period = await store.loadPartnerPeriod('northvale-council', '2000-01-01', '2100-01-01');
      expect(period.requirements).toEqual([]);
      expect(period.issues).toEqual([]);
      expect(period.mustSupport).toEqual([]);
      const ok = await store.recordSubmission(makeSummary({ payloadHash: fakeHash('after') }));
      expect((await store.getSubmission(ok.id))?.payloadHash).toBe(fakeHash('after'));
    });

    it('rejects summaries with negative counts or a malformed hash before writing', async () => {
      await expect(
        store.recordSubmission(makeSummary({ payloadHash: 'not-a-hash' })),
      ).rejects.toThrow(/payloadHash/);
      await expect(store.recordSubmission(makeSummary({ errorCount: -1 }))).rejects.toThrow(
        /non-negative/,
      );
      expect(await store.listSubmissions('northvale-council')).toEqual([]);
    });

    it('stores API key hashes bound to a partner or the lead role', async () => {
      expect(await store.hasApiKeys()).toBe(false);
      const partnerHash = fakeHash('partner-key');
      const leadHash = fakeHash('lead-key');
      await store.putApiKey({ hash: partnerHash, role: 'partner', partnerId: 'riverside-surgery' });
      await store.putApiKey({ hash: leadHash, role: 'lead' });
      expect(await store.hasApiKeys()).toBe(true);
      expect(await store.findApiKeyByHash(partnerHash)).toMatchObject({
        role: 'partner',
        partnerId: 'riverside-surgery',
      });
      expect(await store.findApiKeyByHash(leadHash)).toMatchObject({ role: 'lead' });
      expect((await store.findApiKeyByHash(leadHash))?.partnerId).toBeUndefined();
      expect(await store.findApiKeyByHash(fakeHash('unknown'))).toBeUndefined();
      await expect(store.putApiKey({ hash: 'sk_live_plaintext', role: 'lead' })).rejects.toThrow(
        /hash/,
      );
      await expect(
        store.putApiKey({ hash: fakeHash('x'), role: 'lead', partnerId: 'riverside-surgery' }),
      ).rejects.toThrow(/lead key/);
      expect(await store.deleteApiKey(partnerHash)).toBe(true);
      expect(await store.findApiKeyByHash(partnerHash)).toBeUndefined();
    });

    it('creates, lists, updates and deletes waivers', async () => {
      const byRequirement = await store.addWaiver({
        partnerId: 'northvale-council',
        requirementId: 'MDS-12',
        reason: 'Ethnicity capture starts in Q3 (DSA v3)',
        until: '2026-09-30',
      });
      const byCode = await store.addWaiver({
        partnerId: 'northvale-council',
        code: 'postcode.invalid-format',
        path: 'Row.Postcode',
        reason: 'Supplier fix scheduled',
      });
      await store.addWaiver({
        partnerId: 'riverside-surgery',
        code: 'extension.unknown',
        reason: 'Local extension agreed',
      });
      expect(byRequirement).toMatchObject({
        partnerId: 'northvale-council',
        requirementId: 'MDS-12',
        until: '2026-09-30',
      });
      expect(byCode.until).toBeUndefined();
      expect((await store.listWaivers('northvale-council')).map((w) => w.id).sort()).toEqual(
        [byRequirement.id, byCode.id].sort(),
      );
      expect(await store.listWaivers()).toHaveLength(3);
      const updated = await store.updateWaiver(byCode.id, {
        until: '2026-12-31',
        reason: 'Supplier fix in release 4.2',
      });
      expect(updated).toMatchObject({ until: '2026-12-31', reason: 'Supplier fix in release 4.2' });
      expect((await store.updateWaiver(byCode.id, { until: null }))?.until).toBeUndefined();
      expect(await store.deleteWaiver(byRequirement.id)).toBe(true);
      expect(await store.getWaiver(byRequirement.id)).toBeUndefined();
      expect(await store.deleteWaiver(byRequirement.id)).toBe(false);
    });

    it('rejects waivers without a target, with two targets, without a reason or with a bad expiry', async () => {
      const p = 'northvale-council';
      await expect(store.addWaiver({ partnerId: p, reason: 'r' })).rejects.toThrow(/either/);
      await expect(
        store.addWaiver({ partnerId: p, requirementId: 'MDS-01', code: 'x', reason: 'r' }),
      ).rejects.toThrow(/either/);
      await expect(
        store.addWaiver({ partnerId: p, requirementId: 'MDS-01', reason: ' ' }),
      ).rejects.toThrow(/reason/);
      await expect(
        store.addWaiver({
          partnerId: p,
          requirementId: 'MDS-01',
          reason: 'r',
          until: 'next spring',
        }),
      ).rejects.toThrow(/expiry/);
      await expect(
        store.addWaiver({ partnerId: 'nobody', requirementId: 'MDS-01', reason: 'r' }),
      ).rejects.toThrow();
    });

    it('deleting a partner removes its submissions, keys and waivers', async () => {
      const { id } = await store.recordSubmission(makeSummary());
      await store.addWaiver({
        partnerId: 'northvale-council',
        requirementId: 'MDS-12',
        reason: 'r',
      });
      await store.putApiKey({
        hash: fakeHash('k'),
        role: 'partner',
        partnerId: 'northvale-council',
      });
      expect(await store.deletePartner('northvale-council')).toBe(true);
      expect(await store.getSubmission(id)).toBeUndefined();
      expect(await store.listWaivers('northvale-council')).toEqual([]);
      expect(await store.findApiKeyByHash(fakeHash('k'))).toBeUndefined();
      expect((await store.listPartners()).map((p) => p.id)).toEqual(['riverside-surgery']);
    });

    it('records concurrent submissions without losing or mixing any', async () => {
      const hashes = Array.from({ length: 20 }, (_, i) => fakeHash(`concurrent-${i}`));
      const ids = await Promise.all(
        hashes.map((payloadHash, i) =>
          store.recordSubmission(
            makeSummary({
              payloadHash,
              partnerId: i % 2 === 0 ? 'northvale-council' : 'riverside-surgery',
            }),
          ),
        ),
      );
      expect(new Set(ids.map((r) => r.id)).size).toBe(20);
      const stored = [
        ...(await store.listSubmissions('northvale-council')),
        ...(await store.listSubmissions('riverside-surgery')),
      ];
      expect(stored.map((s) => s.payloadHash).sort()).toEqual([...hashes].sort());
      const period = await store.loadPartnerPeriod('riverside-surgery', '2026-01-01', '2027-01-01');
      expect(period.requirements.find((r) => r.requirementId === 'MDS-01')?.checked).toBe(10 * 20);
    });

    it('reopens an existing database without re-running migrations and keeps the data', async () => {
      const { id } = await store.recordSubmission(makeSummary());
      const again = await database.open();
      try {
        expect((await again.getSubmission(id))?.id).toBe(id);
      } finally {
        await again.close();
      }
    });
  });
}
