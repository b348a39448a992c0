import { describe, expect, it } from 'vitest';
import {
  catalogue,
  FEBRUARY,
  northvale,
  northvaleFebruary,
  northvaleMarch,
  summary,
} from '../../../test/reports/report-fixtures.js';
import { aggregatePeriod } from './aggregate-period.js';
import { buildScorecard } from './build-scorecard.js';
import type { Waiver } from './waiver.js';

const now = new Date('2026-04-02T09:00:00.000Z');
const row = (card: ReturnType<typeof buildScorecard>, id: string) => {
  const r = card.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('buildScorecard', () => {
  const card = buildScorecard({
    partner: northvale,
    catalogue,
    current: northvaleMarch(),
    previous: northvaleFebruary(),
    waivers: [],
    now,
  });

  it('computes pass rates over the period and statuses per level', () => {
    expect(row(card, 'MDS-01')).toMatchObject({
      checked: 100,
      passed: 90,
      failed: 10,
      passRate: 0.9,
      status: 'partly',
      submissions: 2,
    });
    expect(row(card, 'MDS-02')).toMatchObject({ passRate: 1, status: 'met' });
    expect(row(card, 'MDS-06')).toMatchObject({ passRate: 0.4, status: 'not-met' });
    expect(row(card, 'MDS-10')).toMatchObject({ level: 'SHOULD', passRate: 0.96, status: 'met' });
    expect(row(card, 'MDS-12')).toMatchObject({
      checked: 0,
      passRate: null,
      status: 'not-checked',
    });
    expect(card.summary).toMatchObject({
      submissions: 2,
      records: 100,
      met: 2,
      partly: 1,
      notMet: 1,
      notChecked: 1,
      waived: 0,
    });
  });

  it('computes the trend against the previous period', () => {
    expect(row(card, 'MDS-01')).toMatchObject({ previousPassRate: 0.7, trend: 'up' });
    expect(row(card, 'MDS-02').trend).toBe('flat');
    expect(row(card, 'MDS-06').trend).toBe('flat');
    expect(row(card, 'MDS-10')).toMatchObject({ previousPassRate: null, trend: 'new' });
    expect(row(card, 'MDS-12').trend).toBe('none');
  });

  it('keeps a per-submission pass-rate series for the sparkline', () => {
    expect(row(card, 'MDS-01').series).toEqual([0.8, 1]);
    expect(row(card, 'MDS-12').series).toEqual([]);
  });

  it('derives the maturity level from MUST and SHOULD results', () => {
    expect(card.maturity).toMatchObject({
      level: 1,
      mustChecked: 3,
      mustMet: 1,
      shouldChecked: 1,
      shouldMet: 1,
    });
  });

  it('lists top gaps by count with element path and code, without information issues', () => {
    expect(card.topGaps.map((g) => [g.path, g.code, g.count])).toEqual([
      ['Patient.birthDate', 'cardinality.too-few', 60],
      ['Patient.identifier', 'cardinality.too-few', 10],
      ['Patient.address.postalCode', 'postcode.invalid-format', 4],
    ]);
    expect(row(card, 'MDS-06').gaps.map((g) => g.path)).toEqual(['Patient.birthDate']);
  });

  it('reports must-support coverage overall and per element', () => {
    expect(card.mustSupport.coverage).toBeCloseTo(105 / 150);
    expect(card.mustSupport.elements).toEqual([
      { path: 'Patient.address', populated: 95, total: 100, rate: 0.95 },
      { path: 'Patient.telecom', populated: 10, total: 50, rate: 0.2 },
    ]);
  });

  it('shows a requirement under an active waiver as waived, with reason and expiry, and counts it as met', () => {
    const waivers: Waiver[] = [
      {
        id: 'w1',
        partnerId: northvale.id,
        requirementId: 'MDS-06',
        reason: 'Birth dates back-filled by June (DSA v3)',
        until: '2026-06-30',
      },
      {
        id: 'w2',
        partnerId: northvale.id,
        requirementId: 'MDS-01',
        reason: 'Tracing backlog',
        until: '2026-05-31',
      },
    ];
    const waived = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      waivers,
      now,
    });
    expect(row(waived, 'MDS-06')).toMatchObject({
      status: 'waived',
      measuredStatus: 'not-met',
      waiver: {
        reason: 'Birth dates back-filled by June (DSA v3)',
        until: '2026-06-30',
        active: true,
      },
    });
    expect(waived.maturity).toMatchObject({ level: 4, waived: 2 });
    expect(waived.waivers).toHaveLength(2);
  });

  it('shows the gap again once a waiver has expired', () => {
    const waivers: Waiver[] = [
      {
        id: 'w1',
        partnerId: northvale.id,
        requirementId: 'MDS-06',
        reason: 'Back-fill',
        until: '2026-03-31',
      },
    ];
    const expired = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      waivers,
      now,
    });
    expect(row(expired, 'MDS-06')).toMatchObject({
      status: 'not-met',
      waiver: { active: false, until: '2026-03-31' },
    });
    expect(expired.maturity.level).toBe(1);
    expect(expired.waivers[0]?.active).toBe(false);
  });

  it('marks gaps under an issue waiver and lists them after unwaived gaps', () => {
    const waivers: Waiver[] = [
      {
        id: 'w3',
        partnerId: northvale.id,
        code: 'cardinality.too-few',
        path: 'Patient.birthDate',
        reason: 'Supplier fix due',
      },
    ];
    const c = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      waivers,
      now,
    });
    expect(c.topGaps.map((g) => g.path)).toEqual([
      'Patient.identifier',
      'Patient.address.postalCode',
      'Patient.birthDate',
    ]);
    expect(c.topGaps[2]?.waiver).toEqual({ reason: 'Supplier fix due', active: true });
  });

  it("ignores other partners' waivers", () => {
    const waivers: Waiver[] = [
      { id: 'w4', partnerId: 'someone-else', requirementId: 'MDS-06', reason: 'not ours' },
    ];
    const c = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      waivers,
      now,
    });
    expect(row(c, 'MDS-06').status).toBe('not-met');
    expect(c.waivers).toEqual([]);
  });

  it('lists gaps new this period and gaps resolved since the previous one', () => {
    const previous = aggregatePeriod(northvale.id, FEBRUARY.from, FEBRUARY.to, [
      summary(northvale.id, '2026-02-10T10:00:00Z', { 'MDS-01': [10, 5] }, [
        {
          code: 'cardinality.too-few',
          path: 'Patient.identifier',
          severity: 'error',
          count: 5,
          requirements: ['MDS-01'],
          waived: 0,
        },
        {
          code: 'binding.not-in-value-set',
          path: 'Patient.gender',
          severity: 'error',
          count: 3,
          requirements: ['MDS-14'],
          waived: 0,
        },
        {
          code: 'terminology.not-checked',
          path: 'Patient.extension',
          severity: 'information',
          count: 9,
          requirements: [],
          waived: 0,
        },
      ]),
    ]);
    const c = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      previous,
      waivers: [],
      now,
    });
    expect(c.changes?.newGaps.map((g) => g.path)).toEqual([
      'Patient.birthDate',
      'Patient.address.postalCode',
    ]);
    expect(c.changes?.resolvedGaps).toEqual([
      { code: 'binding.not-in-value-set', path: 'Patient.gender', previousCount: 3 },
    ]);
    expect(
      buildScorecard({ partner: northvale, catalogue, current: northvaleMarch(), waivers: [], now })
        .changes,
    ).toBeUndefined();
  });

  it('is level 0 with every requirement not checked for an empty period', () => {
    const empty = {
      ...northvaleMarch(),
      submissions: [],
      requirements: [],
      series: [],
      issues: [],
      mustSupport: [],
    };
    const c = buildScorecard({ partner: northvale, catalogue, current: empty, waivers: [], now });
    expect(c.maturity.level).toBe(0);
    expect(c.requirements.every((r) => r.status === 'not-checked')).toBe(true);
    expect(c.mustSupport.coverage).toBeNull();
  });
});
