/**
 * The maturity level of a partner for a period, derived from its MUST and SHOULD results
 * (definitions in docs/maturity.md). Requirements not checked in the period do not count either way;
 * a waived requirement counts as met and is flagged.
 *
 * | level | name | rule |
 * | --- | --- | --- |
 * | 0 | Not assessed | no requirement checked (or no MUST checked) in the period |
 * | 1 | Foundations | at least one checked MUST requirement not met |
 * | 2 | Minimum met | every checked MUST met; fewer than 80 % of checked SHOULDs met |
 * | 3 | Good practice | every checked MUST met and ≥ 80 % of checked SHOULDs met |
 * | 4 | Exemplary | every checked MUST and every checked SHOULD met |
 *
 * Levels 3 and 4 need evidence: with no SHOULD requirement checked, a partner meeting every MUST is
 * at level 2.
 * @module
 */

import type { RequirementLevel } from './catalogue.js';
import type { RequirementStatus } from './requirement-status.js';

/** Maturity levels 0–4. */
export type MaturityLevel = 0 | 1 | 2 | 3 | 4;

/** The assessed level with the counts behind it. */
export interface Maturity {
  readonly level: MaturityLevel;
  readonly name: string;
  readonly description: string;
  readonly mustChecked: number;
  readonly mustMet: number;
  readonly shouldChecked: number;
  readonly shouldMet: number;
  /** Requirements counted as met only because of an active waiver. */
  readonly waived: number;
}

/** Share of checked SHOULD requirements that must be met for level 3. */
export const SHOULD_SHARE_FOR_LEVEL_3 = 0.8;

/** Names and plain descriptions of the levels. */
export const MATURITY_LEVELS: readonly {
  readonly level: MaturityLevel;
  readonly name: string;
  readonly description: string;
}[] = [
  {
    level: 0,
    name: 'Not assessed',
    description:
      'No MUST requirement was checked in this period: no submissions, or none the requirements apply to.',
  },
  { level: 1, name: 'Foundations', description: 'At least one MUST requirement is not met.' },
  {
    level: 2,
    name: 'Minimum met',
    description:
      'Every MUST requirement checked is met; fewer than 80% of the SHOULD requirements checked are met (or none was checked).',
  },
  {
    level: 3,
    name: 'Good practice',
    description:
      'Every MUST requirement checked is met, and at least 80% of the SHOULD requirements checked are met.',
  },
  {
    level: 4,
    name: 'Exemplary',
    description: 'Every MUST and every SHOULD requirement checked is met.',
  },
];

/**
 * Derives the maturity level from requirement statuses.
 * @example assessMaturity([{ level: 'MUST', status: 'met' }]).level // 4
 */
export function assessMaturity(
  rows: readonly { readonly level: RequirementLevel; readonly status: RequirementStatus }[],
): Maturity {
  const counted = rows.filter((r) => r.status !== 'not-checked');
  const isMet = (s: RequirementStatus): boolean => s === 'met' || s === 'waived';
  const must = counted.filter((r) => r.level === 'MUST');
  const should = counted.filter((r) => r.level === 'SHOULD');
  const mustMet = must.filter((r) => isMet(r.status)).length;
  const shouldMet = should.filter((r) => isMet(r.status)).length;
  let level: MaturityLevel;
  if (must.length === 0) level = 0;
  else if (mustMet < must.length) level = 1;
  else if (should.length === 0) level = 2;
  else if (shouldMet === should.length) level = 4;
  else if (shouldMet >= SHOULD_SHARE_FOR_LEVEL_3 * should.length) level = 3;
  else level = 2;
  const info = MATURITY_LEVELS[level] ?? { name: '', description: '' };
  return {
    level,
    name: info.name,
    description: info.description,
    mustChecked: must.length,
    mustMet,
    shouldChecked: should.length,
    shouldMet,
    waived: counted.filter((r) => r.status === 'waived').length,
  };
}
