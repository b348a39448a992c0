import { describe, expect, it } from 'vitest';
import { calendarMonth, previousPeriod, resolveReportPeriod } from './report-period.js';

describe('report periods', () => {
  it('take the UTC calendar month of a date, across year ends and leap years', () => {
    expect(calendarMonth(new Date('2026-12-31T23:59:59.999Z'))).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(calendarMonth(new Date('2028-02-29T10:00:00+05:00'))).toEqual({
      from: '2028-02-01T00:00:00.000Z',
      to: '2028-03-01T00:00:00.000Z',
    });
  });

  it('compare a calendar month with the month before, and any other period with the same length before it', () => {
    expect(
      previousPeriod({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }),
    ).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(
      previousPeriod({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }),
    ).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(
      previousPeriod({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-17T00:00:00.000Z' }),
    ).toEqual({ from: '2026-03-03T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
  });

  it('default to the current UTC calendar month; a missing bound comes from the calendar month', () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const period = (from?: string, to?: string) => {
      const r = resolveReportPeriod(from, to, now);
      return 'period' in r ? r.period : r.problem;
    };
    expect(period()).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(period('2026-02-10')).toEqual({
      from: '2026-02-10T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(period(undefined, '2026-01-01')).toEqual({
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
    expect(period(undefined, '2026-01-20T00:00:00Z')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-20T00:00:00.000Z',
    });
    expect(period('2026-01-01T09:00:00+01:00', '2026-01-02')).toEqual({
      from: '2026-01-01T08:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
    });
    expect(period(new Date('2026-03-31T23:59:59.999Z').toISOString())).toEqual({
      from: '2026-03-31T23:59:59.999Z',
      to: '2026-04-01T00:00:00.000Z',
    });
  });

  it('refuse values that are not ISO dates or zoned instants, impossible dates, and from not before to', () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const problem = (from?: string, to?: string) => {
      const r = resolveReportPeriod(from, to, now);
      return 'problem' in r ? r.problem : undefined;
    };
    expect(problem('March')).toEqual({ name: 'from', reason: 'not-a-date' });
    expect(problem(undefined, '2026-02-30')).toEqual({ name: 'to', reason: 'not-a-date' });
    expect(problem('2026-03-01T00:00:00')).toEqual({ name: 'from', reason: 'not-a-date' });
    expect(problem('2026-03-01', '2026-03-01')).toEqual({ name: 'from', reason: 'not-before-to' });
    expect(problem('2026-05-01')).toEqual({ name: 'from', reason: 'not-before-to' });
  });
});
