import { describe, expect, it } from 'vitest';
import { findIssueWaiver, findRequirementWaiver, isWaiverActive, type Waiver } from './waiver.js';

const w = (over: Partial<Waiver>): Waiver => ({
  id: 'w1',
  partnerId: 'p',
  reason: 'agreed',
  ...over,
});

describe('waivers', () => {
  it('treat a date-only expiry as inclusive of that whole UTC day', () => {
    expect(isWaiverActive({ until: '2026-06-30' }, new Date('2026-06-30T23:59:59.999Z'))).toBe(
      true,
    );
    expect(isWaiverActive({ until: '2026-06-30' }, new Date('2026-07-01T00:00:00.000Z'))).toBe(
      false,
    );
  });

  it('treat an instant expiry as exclusive, no expiry as forever and a garbled one as expired', () => {
    expect(
      isWaiverActive({ until: '2026-06-30T12:00:00Z' }, new Date('2026-06-30T12:00:00Z')),
    ).toBe(false);
    expect(isWaiverActive({}, new Date('2999-01-01T00:00:00Z'))).toBe(true);
    expect(isWaiverActive({ until: 'soon' }, new Date('2000-01-01T00:00:00Z'))).toBe(false);
  });

  it('prefer an active waiver to an expired one and ignore other partners', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const waivers = [
      w({ id: 'old', requirementId: 'MDS-04', until: '2026-01-31' }),
      w({ id: 'new', requirementId: 'MDS-04', until: '2026-12-31' }),
      w({ id: 'other', partnerId: 'q', requirementId: 'MDS-05' }),
    ];
    expect(findRequirementWaiver(waivers, 'p', 'MDS-04', now)).toMatchObject({
      active: true,
      waiver: { id: 'new' },
    });
    expect(
      findRequirementWaiver(waivers, 'p', 'MDS-04', new Date('2027-02-01T00:00:00Z')),
    ).toMatchObject({ active: false, waiver: { id: 'new' } });
    expect(findRequirementWaiver(waivers, 'p', 'MDS-05', now)).toBeUndefined();
  });

  it('match an issue waiver by code, at its path or at any path when it names none', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const waivers = [
      w({ id: 'a', code: 'extension.unknown', path: 'Patient.extension' }),
      w({ id: 'b', code: 'binding.unchecked' }),
    ];
    expect(
      findIssueWaiver(waivers, 'p', 'extension.unknown', 'Patient.extension', now)?.waiver.id,
    ).toBe('a');
    expect(
      findIssueWaiver(waivers, 'p', 'extension.unknown', 'Observation.extension', now),
    ).toBeUndefined();
    expect(
      findIssueWaiver(waivers, 'p', 'binding.unchecked', 'Observation.code', now)?.waiver.id,
    ).toBe('b');
  });
});
