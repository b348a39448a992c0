/**
 * A Patient failing a FHIR constraint (`pat-1`, R4 core) through the one pipeline: the stored issue
 * aggregate keeps the constraint key, and the scorecard's gap names the key and the constraint's
 * human text from the definitions (SQLite, and PostgreSQL when available). Codes, keys and paths only:
 * the expected human text is read from the registry, never written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { summarizeSubmission } from '../../src/framework/submission-summary.js';
import { constraintTextLookup } from '../../src/fhir/definitions/constraint-text.js';
import { createNodeChecker } from '../../src/node/create-node-checker.js';
import { loadScorecard } from '../../src/reports/conformance/load-reports.js';
import { renderScorecardHtml } from '../../src/reports/conformance/render-scorecard-html.js';
import { renderScorecardJson } from '../../src/reports/conformance/render-json.js';
import type { Store } from '../../src/store/store.js';
import { storeTargets, type TestDatabase } from '../store/store-targets.js';

const checker = createNodeChecker();
const constraintText = constraintTextLookup(checker.registry);
const partner = { id: 'rule-test-trust', name: 'Rule Test Trust', kind: 'acute-trust' } as const;
/** A synthetic Patient whose contact has no name, telecom, address or organization (pat-1). */
const patient = {
  resourceType: 'Patient',
  name: [{ family: 'Testpatient' }],
  gender: 'female',
  contact: [{ gender: 'male' }],
};
const period = { from: '2030-01-01T00:00:00Z', to: '2030-02-01T00:00:00Z' };

for (const target of await storeTargets()) {
  describe.skipIf(target.skip !== undefined)(`constraint gaps on ${target.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    beforeAll(async () => {
      database = await target.create();
      store = await database.open();
      await store.upsertPartner(partner);
      const bytes = new TextEncoder().encode(JSON.stringify(patient));
      const { result } = await checker.checkBytes(bytes, { filename: 'patient.json' });
      expect(
        result.issues.some(
          (i) => i.code === 'invariant.failed' && i.rule?.constraintKey === 'pat-1',
        ),
      ).toBe(true);
      const summary = summarizeSubmission(result, {
        partnerId: partner.id,
        feed: 'fhir',
        kind: 'upload',
        catalogue: builtinCatalogue,
        validatorVersion: '0.1.0',
        packages: [],
        payloadHash: 'a'.repeat(64),
        payloadSize: bytes.length,
        receivedAt: '2030-01-15T10:00:00.000Z',
        durationMs: 5,
      });
      expect(
        summary.issues.filter((i) => i.code === 'invariant.failed').map((i) => i.rule),
      ).toContain('pat-1');
      await store.recordSubmission(summary);
    });
    afterAll(async () => {
      await store?.close();
      await database?.dispose();
    });

    it('stores the constraint key with the aggregate', async () => {
      const data = await store.loadPartnerPeriod(partner.id, period.from, period.to);
      const issue = data.issues.find((i) => i.code === 'invariant.failed' && i.rule === 'pat-1');
      expect(issue).toMatchObject({
        rule: 'pat-1',
        path: 'Patient.contact',
        severity: 'error',
        count: 1,
      });
    });

    it('names the key and its human text in the scorecard gap (JSON and HTML)', async () => {
      const human = constraintText('pat-1');
      expect(human).toBeTypeOf('string');
      const card = await loadScorecard(
        store,
        builtinCatalogue,
        partner.id,
        period,
        new Date('2030-02-01T08:00:00Z'),
        constraintText,
      );
      const gap = card?.topGaps.find(
        (g) => g.code === 'invariant.failed' && g.constraint === 'pat-1',
      );
      expect(gap).toMatchObject({ constraint: 'pat-1', rule: `pat-1: ${human}` });
      expect(JSON.parse(renderScorecardJson(card!)).topGaps).toContainEqual(
        expect.objectContaining({ constraint: 'pat-1', rule: `pat-1: ${human}` }),
      );
      expect(renderScorecardHtml(card!)).toContain('pat-1: ');
      // Without the lookup the gap keeps the key and reads the registry sentence.
      const plain = await loadScorecard(
        store,
        builtinCatalogue,
        partner.id,
        period,
        new Date('2030-02-01T08:00:00Z'),
      );
      const fallback = plain?.topGaps.find(
        (g) => g.code === 'invariant.failed' && g.constraint === 'pat-1',
      );
      expect(fallback).toBeDefined();
      expect(fallback?.rule.startsWith('pat-1')).toBe(false);
    });
  });
}
