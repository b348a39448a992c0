/**
 * vitalSignsProfileOf looks a coding up by its code and compares the systems (no hash of the
 * payload's system): the answer is the one `index.get(system)?.get(code)` gives, for payload strings
 * (new objects, as JSON.parse makes them), the usual systems alternating with each other and with a
 * system of the same length.
 */
import { describe, expect, it } from 'vitest';
import { vitalSignsByCode, vitalSignsProfileOf } from '../../src/fhir/validator/vital-signs.js';

const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';
// same lengths as the usual systems, so a fast path that went by length alone would answer wrongly
const otherLoinc = 'http://loinc.orx';
const otherSnomed = 'http://snomed.info/scx';

const byCode = vitalSignsByCode(
  new Map<string, Map<string, string>>([
    [loinc, new Map([['8867-4', 'profile:heartrate']])],
    [snomed, new Map([['364075005', 'profile:heartrate-sct']])],
    [otherLoinc, new Map([['8867-4', 'profile:other-loinc']])],
    [otherSnomed, new Map([['364075005', 'profile:other-snomed']])],
  ]),
);

/** An Observation as JSON.parse makes it: its strings are new objects, not the module's. */
function observation(system: string, code: string, vitalSign = true): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      resourceType: 'Observation',
      category: vitalSign ? [{ coding: [{ code: 'vital-signs' }] }] : [],
      code: { coding: [{ system, code }] },
    }),
  ) as Record<string, unknown>;
}

describe('vitalSignsProfileOf: codings looked up by code, systems compared', () => {
  it('answers as the index does, systems alternating', () => {
    const cases: [string, string, string | undefined][] = [
      [loinc, '8867-4', 'profile:heartrate'],
      [otherLoinc, '8867-4', 'profile:other-loinc'],
      [snomed, '364075005', 'profile:heartrate-sct'],
      [otherSnomed, '364075005', 'profile:other-snomed'],
      [loinc, '364075005', undefined],
      [snomed, '8867-4', undefined],
      ['http://example.org', '8867-4', undefined],
    ];
    for (let round = 0; round < 3; round++)
      for (const [system, code, expected] of cases)
        expect(vitalSignsProfileOf(byCode, observation(system, code)), `${system} ${code}`).toBe(
          expected,
        );
  });

  it('still asks the category for a SNOMED CT code', () => {
    expect(vitalSignsProfileOf(byCode, observation(snomed, '364075005', false))).toBeUndefined();
    expect(vitalSignsProfileOf(byCode, observation(loinc, '8867-4', false))).toBe(
      'profile:heartrate',
    );
  });
});
