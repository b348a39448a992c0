import { describe, expect, it } from 'vitest';
import { formatPercent } from './report-format.js';

describe('formatPercent', () => {
  it('rounds to one decimal', () => {
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(0.12345)).toBe('12.3%');
    expect(formatPercent(0.12355)).toBe('12.4%');
  });
  it('never shows a rate under 1 as 100.0% nor a rate over 0 as 0.0%', () => {
    expect(formatPercent(0.9996)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.0004)).toBe('0.1%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('–');
  });
});
