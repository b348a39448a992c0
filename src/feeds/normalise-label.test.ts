import { describe, expect, it } from 'vitest';
import {
  ethnicities,
  eventOutcomes,
  primarySupportReasons,
  serviceTypes,
} from './cld-defined-lists.js';
import { createListMatcher, normaliseLabel } from './normalise-label.js';

describe('normaliseLabel', () => {
  it('treats hyphen, en dash and em dash alike, and ignores case and spacing around dashes', () => {
    expect(normaliseLabel('White - Irish')).toBe(normaliseLabel('white – IRISH'));
    expect(normaliseLabel('NFA—Deceased')).toBe(normaliseLabel('NFA – Deceased'));
    expect(normaliseLabel('Long Term Support:  Community')).toBe(
      normaliseLabel('long term support: community'),
    );
  });

  it('keeps different labels apart within every list', () => {
    for (const list of [ethnicities, eventOutcomes, primarySupportReasons, serviceTypes]) {
      expect(new Set(list.map(normaliseLabel)).size).toBe(list.length);
    }
  });
});

describe('createListMatcher', () => {
  const match = createListMatcher(ethnicities);

  it('matches a canonical label exactly', () => {
    expect(match('White – Irish')).toEqual({ canonical: 'White – Irish', normalised: false });
  });

  it('matches a hyphenated, lower-case spelling only after normalisation', () => {
    expect(match('white - irish')).toEqual({ canonical: 'White – Irish', normalised: true });
  });

  it('gives undefined for a value outside the list', () => {
    expect(match('White British')).toBeUndefined();
  });
});
