import { describe, expect, it } from 'vitest';
import {
  allMetMarch,
  catalogue,
  northvale,
  northvaleMarch,
  oakwood,
  riverside,
} from '../../../test/reports/report-fixtures.js';
import { buildIcsMatrix, median } from './build-ics-matrix.js';

const now = new Date('2026-04-02T09:00:00.000Z');
const data = {
  [northvale.id]: northvaleMarch(),
  [riverside.id]: allMetMarch(riverside.id),
  [oakwood.id]: allMetMarch(oakwood.id),
};

describe('buildIcsMatrix', () => {
  it('has a cell per partner and requirement with status and pass rate', () => {
    const m = buildIcsMatrix({ partners: [riverside, northvale, oakwood], catalogue, data, now });
    expect(m.rows).toHaveLength(3);
    const nv = m.rows.find((r) => r.partner.id === northvale.id);
    expect(nv?.cells.map((c) => c.status)).toEqual([
      'partly',
      'met',
      'not-met',
      'met',
      'not-checked',
    ]);
    expect(nv?.cells[0]?.passRate).toBe(0.9);
    expect(nv?.maturity.level).toBe(1);
  });

  it('lists partners alphabetically by name, not by result', () => {
    const m = buildIcsMatrix({ partners: [riverside, oakwood, northvale], catalogue, data, now });
    expect(m.rows.map((r) => r.partner.name)).toEqual([
      'Northvale Council',
      'Oakwood Care Home',
      'Riverside Surgery',
    ]);
    expect(JSON.stringify(m)).not.toMatch(/rank|score/i);
  });

  it('filters by partner kind', () => {
    const m = buildIcsMatrix({
      partners: [riverside, northvale, oakwood],
      catalogue,
      data,
      filter: { kind: 'council' },
      now,
    });
    expect(m.rows.map((r) => r.partner.id)).toEqual([northvale.id]);
    expect(m.filter).toEqual({ kind: 'council' });
    expect(m.peers[0]).toMatchObject({ partnersChecked: 1, partly: 1, medianPassRate: 0.9 });
    expect(
      buildIcsMatrix({
        partners: [riverside, northvale],
        catalogue,
        data,
        filter: { kind: 'vcfse' },
        now,
      }).rows,
    ).toEqual([]);
  });

  it('compares peers per requirement: how many meet it and the median pass rate', () => {
    const m = buildIcsMatrix({ partners: [riverside, northvale, oakwood], catalogue, data, now });
    const mds06 = m.peers.find((p) => p.requirementId === 'MDS-06');
    expect(mds06).toMatchObject({
      level: 'MUST',
      partnersChecked: 3,
      met: 2,
      notMet: 1,
      partly: 0,
      medianPassRate: 1,
    });
    const mds12 = m.peers.find((p) => p.requirementId === 'MDS-12');
    expect(mds12).toMatchObject({ partnersChecked: 2, notChecked: 1, met: 2 });
    expect(m.maturityDistribution).toEqual({ '0': 0, '1': 1, '2': 0, '3': 0, '4': 2 });
  });

  it('shows a partner without data as not checked, at level 0', () => {
    const quiet = { id: 'quiet-trust', name: 'Quiet Trust', kind: 'acute-trust' as const };
    const m = buildIcsMatrix({ partners: [quiet, northvale], catalogue, data, now });
    const row = m.rows.find((r) => r.partner.id === 'quiet-trust');
    expect(row?.cells.every((c) => c.status === 'not-checked')).toBe(true);
    expect(row?.maturity.level).toBe(0);
  });

  it('applies active waivers to cells', () => {
    const m = buildIcsMatrix({
      partners: [northvale],
      catalogue,
      data,
      waivers: [
        {
          id: 'w',
          partnerId: northvale.id,
          requirementId: 'MDS-06',
          reason: 'agreed',
          until: '2026-12-31',
        },
      ],
      now,
    });
    expect(m.rows[0]?.cells[2]?.status).toBe('waived');
    expect(m.peers[2]?.waived).toBe(1);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([0.5, 1, 0.9])).toBe(0.9);
    expect(median([0.2, 0.4, 0.6, 1])).toBeCloseTo(0.5);
  });
});
