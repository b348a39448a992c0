import { describe, expect, it } from 'vitest';
import { catalogue, MARCH, northvale, summary } from '../../../test/reports/report-fixtures.js';
import { aggregatePeriod } from './aggregate-period.js';
import { buildEvidencePack, renderEvidencePackJson } from './build-evidence-pack.js';
import type { Waiver } from './waiver.js';

const now = new Date('2026-04-02T09:00:00.000Z');
const summaries = [
  summary(northvale.id, '2026-03-02T10:00:00Z', { 'MDS-01': [10, 9] }, [], {
    validatorVersion: '0.1.1',
    packages: ['z.pkg#1.0.0', 'a.pkg#2.0.0'],
  }),
  summary(northvale.id, '2026-03-09T10:00:00Z', { 'MDS-01': [10, 10], 'MDS-02': [10, 10] }, [], {
    validatorVersion: '0.1.0',
  }),
  summary(northvale.id, '2026-03-09T10:00:00Z', { 'MDS-06': [5, 5] }, [], {
    payloadHash: '0'.repeat(64),
  }),
];
const waivers: Waiver[] = [
  {
    id: '7f1c2a55-0000-4000-8000-000000000001',
    partnerId: northvale.id,
    requirementId: 'MDS-12',
    reason: 'Q3 start',
    until: '2026-09-30',
  },
  {
    id: '7f1c2a55-0000-4000-8000-000000000002',
    partnerId: northvale.id,
    code: 'extension.unknown',
    reason: 'Local extension',
  },
];

describe('buildEvidencePack', () => {
  it('gives byte-identical JSON for the same input, whatever the input order', () => {
    const a = renderEvidencePackJson(
      buildEvidencePack({
        partner: northvale,
        catalogue,
        period: aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries),
        waivers,
        now,
      }),
    );
    const b = renderEvidencePackJson(
      buildEvidencePack({
        partner: northvale,
        catalogue,
        period: aggregatePeriod(northvale.id, MARCH.from, MARCH.to, [...summaries].reverse()),
        waivers: [...waivers].reverse(),
        now,
      }),
    );
    expect(b).toBe(a);
    expect(new TextEncoder().encode(a)).toEqual(new TextEncoder().encode(b));
  });

  it('lists versions, packages and submission hashes, sorted, with the generation time', () => {
    const pack = buildEvidencePack({
      partner: northvale,
      catalogue,
      period: aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries),
      waivers,
      now,
    });
    expect(pack.generatedAt).toBe('2026-04-02T09:00:00.000Z');
    expect(pack.framework).toEqual({
      id: 'mdss',
      version: '0.1.0',
      title: 'Minimum data-sharing standards framework',
    });
    expect(pack.tooling).toEqual({
      frameworkVersions: ['0.1.0'],
      validatorVersions: ['0.1.0', '0.1.1'],
      packages: ['a.pkg#2.0.0', 'fhir.r4.core#4.0.1', 'uk.nhsdigital.r4#2.0.1', 'z.pkg#1.0.0'],
    });
    expect(pack.submissions.map((s) => s.payloadHash)).toEqual([
      summaries[0]?.payloadHash,
      '0'.repeat(64),
      summaries[1]?.payloadHash,
    ]);
    expect(pack.results.map((r) => [r.requirementId, r.status])).toEqual([
      ['MDS-01', 'partly'],
      ['MDS-02', 'met'],
      ['MDS-06', 'met'],
      ['MDS-10', 'not-checked'],
      ['MDS-12', 'waived'],
    ]);
  });

  it('carries no random or database ids and sorts keys at every level', () => {
    const json = renderEvidencePackJson(
      buildEvidencePack({
        partner: northvale,
        catalogue,
        period: aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries),
        waivers,
        now,
      }),
    );
    expect(json).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(json).not.toMatch(/"id": "7f1c/);
    const keysSorted = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(keysSorted);
      if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        return (
          keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k) &&
          Object.values(value).every(keysSorted)
        );
      }
      return true;
    };
    expect(keysSorted(JSON.parse(json))).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('changes when the generation time changes (the time is in the pack, not the clock)', () => {
    const period = aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries);
    const a = renderEvidencePackJson(
      buildEvidencePack({ partner: northvale, catalogue, period, waivers, now }),
    );
    const b = renderEvidencePackJson(
      buildEvidencePack({
        partner: northvale,
        catalogue,
        period,
        waivers,
        now: new Date('2026-04-03T00:00:00Z'),
      }),
    );
    expect(a).not.toBe(b);
  });
});
