/**
 * Hand-built catalogue, partners and periods for report tests (synthetic organisations, counts only).
 */

import type { SubmissionSummary } from '../../src/framework/submission-summary.js';
import { aggregatePeriod } from '../../src/reports/conformance/aggregate-period.js';
import type { ConformanceCatalogue } from '../../src/reports/conformance/catalogue.js';
import type { Partner } from '../../src/reports/conformance/partner.js';
import type { PeriodData } from '../../src/reports/conformance/period-data.js';
import { fakeHash } from '../store/summary-fixtures.js';

/** Five requirements: three MUST, two SHOULD. */
export const catalogue: ConformanceCatalogue = {
  framework: { id: 'mdss', version: '0.1.0', title: 'Minimum data-sharing standards framework' },
  requirements: [
    { id: 'MDS-01', title: 'Every person record carries an NHS number', level: 'MUST' },
    { id: 'MDS-02', title: 'NHS number passes Modulus 11', level: 'MUST' },
    { id: 'MDS-06', title: 'Name and date of birth present', level: 'MUST' },
    { id: 'MDS-10', title: 'Postcode valid UK format', level: 'SHOULD' },
    { id: 'MDS-12', title: 'Ethnicity recorded with a national code', level: 'SHOULD' },
  ],
};

export const northvale: Partner = {
  id: 'northvale-council',
  name: 'Northvale Council',
  kind: 'council',
  gssCode: 'E10000014',
};
export const riverside: Partner = {
  id: 'riverside-surgery',
  name: 'Riverside Surgery',
  kind: 'gp-practice',
  odsCode: 'A81001',
};
export const oakwood: Partner = {
  id: 'oakwood-care',
  name: 'Oakwood Care Home',
  kind: 'care-provider',
  cqcLocationId: '1-123456789',
};

export const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
export const FEBRUARY = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };

type Counts = Readonly<Record<string, readonly [checked: number, passed: number]>>;

/** A summary with requirement outcomes given as [checked, passed]. */
export function summary(
  partnerId: string,
  receivedAt: string,
  counts: Counts,
  issues: SubmissionSummary['issues'] = [],
  extra: Partial<SubmissionSummary> = {},
): SubmissionSummary {
  return {
    partnerId,
    feed: 'fhir',
    kind: 'upload',
    frameworkVersion: '0.1.0',
    validatorVersion: '0.1.0',
    packages: ['uk.nhsdigital.r4#2.0.1', 'fhir.r4.core#4.0.1'],
    payloadHash: fakeHash(`${partnerId}@${receivedAt}`),
    payloadSize: 1000,
    recordCount: 50,
    recordTypes: { Patient: 50 },
    receivedAt,
    durationMs: 12,
    valid: issues.every((i) => i.severity !== 'error'),
    errorCount: issues.filter((i) => i.severity === 'error').reduce((n, i) => n + i.count, 0),
    warningCount: issues.filter((i) => i.severity === 'warning').reduce((n, i) => n + i.count, 0),
    requirements: Object.entries(counts).map(([requirementId, [checked, passed]]) => ({
      requirementId,
      checked,
      passed,
      failed: checked - passed,
      waived: 0,
    })),
    issues,
    ...extra,
  };
}

/** Northvale in March: MDS-01 90 %, MDS-02 100 %, MDS-06 40 %, MDS-10 96 %, MDS-12 not checked. */
export function northvaleMarch(): PeriodData {
  return aggregatePeriod(northvale.id, MARCH.from, MARCH.to, [
    summary(
      northvale.id,
      '2026-03-02T10:00:00Z',
      { 'MDS-01': [50, 40], 'MDS-02': [40, 40], 'MDS-06': [50, 20], 'MDS-10': [50, 48] },
      [
        {
          code: 'cardinality.too-few',
          path: 'Patient.identifier',
          severity: 'error',
          count: 10,
          requirements: ['MDS-01'],
          waived: 0,
        },
        {
          code: 'cardinality.too-few',
          path: 'Patient.birthDate',
          severity: 'error',
          count: 30,
          requirements: ['MDS-06'],
          waived: 0,
        },
        {
          code: 'postcode.invalid-format',
          path: 'Patient.address.postalCode',
          severity: 'warning',
          count: 2,
          requirements: ['MDS-10'],
          waived: 0,
        },
        {
          code: 'terminology.not-checked',
          path: 'Patient.extension',
          severity: 'information',
          count: 50,
          requirements: [],
          waived: 0,
        },
      ],
      {
        mustSupport: [
          { path: 'Patient.address', populated: 45, total: 50 },
          { path: 'Patient.telecom', populated: 10, total: 50 },
        ],
      },
    ),
    summary(
      northvale.id,
      '2026-03-20T10:00:00Z',
      { 'MDS-01': [50, 50], 'MDS-02': [50, 50], 'MDS-06': [50, 20], 'MDS-10': [50, 48] },
      [
        {
          code: 'cardinality.too-few',
          path: 'Patient.birthDate',
          severity: 'error',
          count: 30,
          requirements: ['MDS-06'],
          waived: 0,
        },
        {
          code: 'postcode.invalid-format',
          path: 'Patient.address.postalCode',
          severity: 'warning',
          count: 2,
          requirements: ['MDS-10'],
          waived: 0,
        },
      ],
      { mustSupport: [{ path: 'Patient.address', populated: 50, total: 50 }] },
    ),
  ]);
}

/** Northvale in February: MDS-01 70 %, MDS-02 100 %, MDS-06 40 %, MDS-10 not checked. */
export function northvaleFebruary(): PeriodData {
  return aggregatePeriod(northvale.id, FEBRUARY.from, FEBRUARY.to, [
    summary(northvale.id, '2026-02-10T10:00:00Z', {
      'MDS-01': [100, 70],
      'MDS-02': [70, 70],
      'MDS-06': [100, 40],
    }),
  ]);
}

/** A partner meeting every requirement in March. */
export function allMetMarch(partnerId: string): PeriodData {
  return aggregatePeriod(partnerId, MARCH.from, MARCH.to, [
    summary(partnerId, '2026-03-05T10:00:00Z', {
      'MDS-01': [10, 10],
      'MDS-02': [10, 10],
      'MDS-06': [10, 10],
      'MDS-10': [10, 10],
      'MDS-12': [10, 10],
    }),
  ]);
}
