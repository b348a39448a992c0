import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, passRate, statusForRate, trendFor } from './requirement-status.js';

describe('statusForRate', () => {
  it('meets a MUST only at 100% and a SHOULD from 95%', () => {
    expect(statusForRate('MUST', 1)).toBe('met');
    expect(statusForRate('MUST', 0.999)).toBe('partly');
    expect(statusForRate('SHOULD', 0.95)).toBe('met');
    expect(statusForRate('SHOULD', 0.949)).toBe('partly');
  });

  it('is partly met from 50% and not met below', () => {
    expect(statusForRate('MUST', 0.5)).toBe('partly');
    expect(statusForRate('MUST', 0.4999)).toBe('not-met');
    expect(statusForRate('SHOULD', 0)).toBe('not-met');
  });

  it('is not checked without records', () => {
    expect(passRate(0, 0)).toBeNull();
    expect(statusForRate('MUST', null)).toBe('not-checked');
  });

  it('honours custom thresholds', () => {
    expect(statusForRate('MUST', 0.99, { ...DEFAULT_THRESHOLDS, mustMet: 0.98 })).toBe('met');
  });

  it('never gives a better status to a lower pass rate (property)', () => {
    const rank = { 'not-met': 0, partly: 1, met: 2, 'not-checked': -1 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('MUST' as const, 'SHOULD' as const),
        (a, b, level) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(rank[statusForRate(level, lo)]).toBeLessThanOrEqual(
            rank[statusForRate(level, hi)],
          );
        },
      ),
    );
  });
});

describe('trendFor', () => {
  it('reports up, down and flat against the previous pass rate with a 1-point tolerance', () => {
    expect(trendFor(0.9, 0.7)).toBe('up');
    expect(trendFor(0.7, 0.9)).toBe('down');
    expect(trendFor(0.905, 0.9)).toBe('flat');
    expect(trendFor(0.91, 0.9)).toBe('up');
  });

  it('is new without a previous rate and none without a current one', () => {
    expect(trendFor(0.5, null)).toBe('new');
    expect(trendFor(0.5, undefined)).toBe('new');
    expect(trendFor(null, 0.5)).toBe('none');
  });
});
