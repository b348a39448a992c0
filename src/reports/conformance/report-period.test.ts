import { describe, expect, it } from 'vitest';
import { calendarMonth, previousPeriod } from './report-period.js';

describe('report periods', () => {
  it('take the UTC calendar month of a date, across year ends and leap years', () => {
    expect(calendarMonth(new Date('2026-12-31T23:59:59.999Z'))).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(calendarMonth(new Date('2028-02-29T10:00:00+05:00'))).toEqual({ from: '2028-02-01T00:00:00.000Z', to: '2028-03-01T00:00:00.000Z' });
  });

  it('compare a calendar month with the month before, and any other period with the same length before it', () => {
    expect(previousPeriod({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(previousPeriod({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' })).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(previousPeriod({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-17T00:00:00.000Z' })).toEqual({ from: '2026-03-03T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
  });
});
