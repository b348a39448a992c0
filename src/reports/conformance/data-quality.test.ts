import { describe, expect, it } from 'vitest';
import { summary } from '../../../test/reports/report-fixtures.js';
import { aggregatePeriod } from './aggregate-period.js';
import { buildScorecard } from './build-scorecard.js';
import { dataQualityIndex, datasetIndexes } from './data-quality.js';
import { recentPeriods } from './report-period.js';

const months = recentPeriods(
  { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
  6,
);

describe('dataQualityIndex', () => {
  it('is coverage × the mean of item validity (each item weighs the same)', () => {
    const out = dataQualityIndex({
      expectedPeriods: 4,
      receivedPeriods: 3,
      items: [
        { id: 'a', checked: 10, valid: 10 },
        { id: 'b', checked: 100, valid: 50 },
        { id: 'c', checked: 0, valid: 0 },
      ],
    });
    expect(out).toEqual({
      index: 0.75 * 0.75,
      coverage: 0.75,
      validity: 0.75,
      expectedPeriods: 4,
      receivedPeriods: 3,
      items: 2,
    });
  });
  it('has no index without a checked item or an expected period', () => {
    expect(
      dataQualityIndex({ expectedPeriods: 1, receivedPeriods: 1, items: [] }).index,
    ).toBeNull();
    expect(
      dataQualityIndex({
        expectedPeriods: 0,
        receivedPeriods: 0,
        items: [{ id: 'a', checked: 1, valid: 1 }],
      }).index,
    ).toBeNull();
  });
});

describe('datasetIndexes over periods', () => {
  const partner = 'northvale-council';
  const period = (i: number, feeds: readonly string[]) =>
    aggregatePeriod(
      partner,
      months[i]!.from,
      months[i]!.to,
      feeds.map((feed) =>
        summary(
          partner,
          new Date(Date.parse(months[i]!.from) + 3600_000).toISOString(),
          { 'MDS-01': [10, 8] },
          [],
          { feed },
        ),
      ),
    );

  it('expects a dataset every period from the first one it was sent in', () => {
    const periods = [
      period(0, []),
      period(1, ['cld']),
      period(2, []),
      period(3, ['cld']),
      period(4, ['cld', 'fhir']),
      period(5, ['cld', 'fhir']),
    ];
    const out = datasetIndexes(periods);
    expect(
      out.map((d) => [d.feed, d.expectedPeriods, d.receivedPeriods, d.validity, d.index]),
    ).toEqual([
      ['cld', 5, 4, 0.8, 0.8 * 0.8],
      ['fhir', 2, 2, 0.8, 0.8],
    ]);
  });

  it('gives the scorecard a history of 6 periods, the previous period and dataset indexes', () => {
    const periods = months.map((_, i) => period(i, ['cld']));
    const card = buildScorecard({
      partner: { id: partner, name: 'Northvale Council', kind: 'council' },
      catalogue: {
        framework: { id: 'mdss', version: '0.1.0' },
        requirements: [{ id: 'MDS-01', title: 't', level: 'MUST' }],
      },
      current: periods[5]!,
      history: periods.slice(0, 5),
      waivers: [],
      now: new Date('2026-04-02T00:00:00Z'),
    });
    expect(card.history.map((p) => p.from.slice(0, 7))).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(card.overview.previous?.from).toBe(months[4]!.from);
    expect(card.overview.current.passRate).toBe(0.8);
    expect(card.requirements[0]?.history).toEqual([0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(card.requirements[0]?.trend).toBe('flat');
    expect(card.dataQuality).toMatchObject([
      { feed: 'cld', coverage: 1, validity: 0.8, index: 0.8 },
    ]);
  });
});
