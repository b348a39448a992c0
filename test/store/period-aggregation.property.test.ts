/**
 * Property: for any set of submission summaries, the store's SQL period aggregation equals the
 * in-memory `aggregatePeriod` (on SQLite and, when reachable, PostgreSQL).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../../src/framework/submission-summary.js';
import { aggregatePeriod } from '../../src/reports/conformance/aggregate-period.js';
import { storeTargets } from './store-targets.js';

const targets = await storeTargets();
const FROM = '2026-03-01T00:00:00.000Z';
const TO = '2026-04-01T00:00:00.000Z';
const start = Date.parse('2026-02-25T00:00:00.000Z');
const end = Date.parse('2026-04-05T00:00:00.000Z');

const count = fc.nat({ max: 500 });
const requirementId = fc.constantFrom('MDS-01', 'MDS-02', 'MDS-06', 'MDS-10', 'MDS-12');
const outcome = fc.record({
  requirementId,
  checked: count,
  passed: count,
  failed: count,
  waived: count,
});
const issue = fc.record({
  code: fc.constantFrom(
    'cardinality.too-few',
    'binding.not-in-value-set',
    'england.postcode-format',
  ),
  path: fc.constantFrom(
    'Patient.birthDate',
    'Patient.identifier',
    'Row.Postcode',
    'Row.NHS_Number',
  ),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'information' as const),
  count,
  requirements: fc.uniqueArray(requirementId, { maxLength: 3 }),
  waived: count,
});
const mustSupport = fc.record({
  path: fc.constantFrom('Patient.address', 'Patient.telecom', 'Row.Ethnicity'),
  populated: count,
  total: count,
});

const fieldQuality = fc.record({
  module: fc.constantFrom('Person details', 'Events (all)'),
  field: fc.constantFrom('Ethnicity', 'Event_Type', 'Unit_Cost'),
  mandatory: count,
  applicable: count,
  notApplicable: count,
  undetermined: count,
  passedValid: count,
  passedBlank: count,
  failedBlank: count,
  failedInvalid: count,
  failedRelease1: count,
});

const summary = fc
  .record({
    partnerId: fc.constantFrom('alpha', 'beta'),
    hash: fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')),
    at: fc.integer({ min: start, max: end }),
    requirements: fc.array(outcome, { maxLength: 6 }),
    issues: fc.array(issue, { maxLength: 6 }),
    mustSupport: fc.array(mustSupport, { maxLength: 4 }),
    dataQuality: fc.array(fieldQuality, { maxLength: 5 }),
    recordTypes: fc.dictionary(fc.constantFrom('Patient', 'cld-event', 'cin-child'), count),
  })
  .map((s): SubmissionSummary => ({
    partnerId: s.partnerId,
    feed: 'fhir',
    kind: 'upload',
    frameworkVersion: '0.1.0',
    validatorVersion: '0.1.0',
    packages: ['fhir.r4.core#4.0.1'],
    payloadHash: s.hash,
    payloadSize: 10,
    recordCount: 1,
    recordTypes: s.recordTypes,
    receivedAt: new Date(s.at).toISOString(),
    durationMs: 1,
    valid: true,
    errorCount: 0,
    warningCount: 0,
    requirements: s.requirements,
    issues: s.issues,
    mustSupport: s.mustSupport,
    ...(s.dataQuality.length ? { fieldQuality: s.dataQuality } : {}),
  }));

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`period aggregation on ${target.name}`, () => {
    it('equals aggregatePeriod for any summaries', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(summary, { maxLength: 8, selector: (s) => s.payloadHash }),
          async (summaries) => {
            const database = await target.create();
            const store = await database.open();
            try {
              await store.upsertPartner({ id: 'alpha', name: 'Alpha', kind: 'other' });
              await store.upsertPartner({ id: 'beta', name: 'Beta', kind: 'other' });
              for (const s of summaries) await store.recordSubmission(s);
              for (const partnerId of ['alpha', 'beta']) {
                expect(await store.loadPartnerPeriod(partnerId, FROM, TO)).toEqual(
                  aggregatePeriod(partnerId, FROM, TO, summaries),
                );
              }
            } finally {
              await store.close();
              await database.dispose();
            }
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}
