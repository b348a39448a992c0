/**
 * Hand-built submission summaries for store and report tests: synthetic counts, codes and paths only.
 */

import type { SubmissionSummary } from '../../src/framework/submission-summary.js';

/** A SHA-256-shaped hex string derived from a label (not a real hash of anything). */
export function fakeHash(label: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round += 1) {
    for (const ch of `${label}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** A small, realistic summary; override any field. */
export function makeSummary(overrides: Partial<SubmissionSummary> = {}): SubmissionSummary {
  const base: SubmissionSummary = {
    partnerId: 'northvale-council',
    feed: 'cld',
    kind: 'upload',
    frameworkVersion: '0.1.0',
    validatorVersion: '0.1.0',
    packages: ['uk.nhsdigital.r4#2.0.1', 'fhir.r4.core#4.0.1'],
    payloadHash: fakeHash(JSON.stringify(overrides)),
    payloadSize: 48_213,
    recordCount: 120,
    recordTypes: { 'cld-event': 100, 'cld-person': 20 },
    receivedAt: '2026-03-10T09:30:00.000Z',
    durationMs: 42,
    valid: false,
    errorCount: 9,
    warningCount: 4,
    requirements: [
      { requirementId: 'MDS-01', checked: 20, passed: 18, failed: 2, waived: 0 },
      { requirementId: 'MDS-02', checked: 18, passed: 18, failed: 0, waived: 0 },
      { requirementId: 'MDS-10', checked: 20, passed: 15, failed: 3, waived: 2 },
    ],
    issues: [
      {
        code: 'cld.required-missing',
        path: 'Row.NHS_Number',
        severity: 'error',
        count: 2,
        requirements: ['MDS-01'],
        waived: 0,
      },
      {
        code: 'postcode.invalid-format',
        path: 'Row.Postcode',
        severity: 'warning',
        count: 5,
        requirements: ['MDS-10'],
        waived: 2,
      },
      {
        code: 'nhs-number.bad-check-digit',
        path: 'Row.NHS_Number',
        severity: 'error',
        count: 7,
        requirements: ['MDS-02', 'MDS-01'],
        waived: 0,
      },
    ],
    mustSupport: [
      { path: 'Row.Ethnicity', populated: 14, total: 20 },
      { path: 'Row.Postcode', populated: 20, total: 20 },
    ],
    fieldQuality: [
      {
        module: 'Person details',
        field: 'NHS_Number',
        mandatory: 120,
        applicable: 0,
        notApplicable: 0,
        undetermined: 0,
        passedValid: 111,
        passedBlank: 0,
        failedBlank: 2,
        failedInvalid: 7,
        failedRelease1: 0,
      },
      {
        module: 'Person details',
        field: 'Ethnicity',
        mandatory: 120,
        applicable: 0,
        notApplicable: 0,
        undetermined: 0,
        passedValid: 100,
        passedBlank: 0,
        failedBlank: 6,
        failedInvalid: 0,
        failedRelease1: 14,
      },
      {
        module: 'Costs (services only)',
        field: 'Unit_Cost',
        mandatory: 30,
        applicable: 20,
        notApplicable: 68,
        undetermined: 2,
        passedValid: 45,
        passedBlank: 70,
        failedBlank: 4,
        failedInvalid: 1,
        failedRelease1: 0,
      },
    ],
  };
  return { ...base, ...overrides };
}
