import { describe, expect, it } from 'vitest';
import { assessMaturity } from './maturity.js';
import type { RequirementStatus } from './requirement-status.js';

const rows = (must: readonly RequirementStatus[], should: readonly RequirementStatus[]) => [
  ...must.map((status) => ({ level: 'MUST' as const, status })),
  ...should.map((status) => ({ level: 'SHOULD' as const, status })),
];

describe('assessMaturity', () => {
  it('is level 0 when nothing (or no MUST) was checked', () => {
    expect(assessMaturity([]).level).toBe(0);
    expect(assessMaturity(rows(['not-checked'], ['met'])).level).toBe(0);
  });

  it('is level 1 when a checked MUST is not fully met', () => {
    expect(assessMaturity(rows(['met', 'partly'], ['met'])).level).toBe(1);
    expect(assessMaturity(rows(['not-met'], [])).level).toBe(1);
  });

  it('is level 2 when every MUST is met but under 80% of SHOULDs are (or none was checked)', () => {
    expect(assessMaturity(rows(['met', 'met'], ['met', 'partly', 'not-met'])).level).toBe(2);
    expect(assessMaturity(rows(['met'], [])).level).toBe(2);
    expect(assessMaturity(rows(['met'], ['not-checked'])).level).toBe(2);
  });

  it('is level 3 from 80% of SHOULDs met', () => {
    const m = assessMaturity(rows(['met'], ['met', 'met', 'met', 'met', 'partly']));
    expect(m).toMatchObject({ level: 3, name: 'Good practice', shouldChecked: 5, shouldMet: 4 });
  });

  it('is level 4 when every checked MUST and SHOULD is met; not-checked ones do not count', () => {
    expect(assessMaturity(rows(['met', 'not-checked'], ['met', 'not-checked'])).level).toBe(4);
  });

  it('counts waived requirements as met and reports how many', () => {
    const m = assessMaturity(rows(['met', 'waived'], ['waived']));
    expect(m).toMatchObject({ level: 4, waived: 2, mustMet: 2, mustChecked: 2 });
  });
});
