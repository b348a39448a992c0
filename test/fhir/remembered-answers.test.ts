import { describe, expect, it } from 'vitest';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();

function codes(resource: unknown): string[] {
  return v.validate(resource).issues.map((i) => `${i.severity} ${i.code} ${i.pointer}`);
}

/**
 * The walker remembers answers (codes that passed a binding on an element, local code checks per
 * value set): a remembered pass must never hide a later failure, nor a failure a later pass.
 */
describe('remembered binding answers', () => {
  it('reports a bad code however often good and bad codes alternate', () => {
    for (let round = 0; round < 3; round++) {
      expect(
        codes({ resourceType: 'Patient', gender: 'male' }).filter(
          (c) => !c.startsWith('information'),
        ),
      ).toEqual([]);
      expect(
        codes({ resourceType: 'Patient', gender: 'bogus' }).filter(
          (c) => !c.startsWith('information'),
        ),
      ).toEqual(['error binding.not-in-value-set /gender']);
    }
  });

  it('keeps element-specific results apart for the same code', () => {
    // `final` is an Observation.status but not an Encounter.status
    for (let round = 0; round < 2; round++) {
      const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };
      expect(codes(obs).filter((c) => c.startsWith('error'))).toEqual([]);
      const enc = {
        resourceType: 'Encounter',
        status: 'final',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      };
      expect(codes(enc).filter((c) => c.startsWith('error'))).toEqual([
        'error binding.not-in-value-set /status',
      ]);
    }
  });

  it('checks codings with a display every time (display mismatches are per coding)', () => {
    const concept = (display: string) => ({
      resourceType: 'Condition',
      subject: { reference: 'Patient/p' },
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
            code: 'active',
            display,
          },
        ],
      },
    });
    for (let round = 0; round < 2; round++) {
      expect(codes(concept('Active')).filter((c) => c.includes('binding'))).toEqual([]);
      expect(codes(concept('Something else')).filter((c) => c.includes('binding'))).toEqual([
        'warning binding.display-mismatch /clinicalStatus/coding/0',
      ]);
    }
  });

  it('keeps codings apart by system, code, version and display', () => {
    const condition = (coding: Record<string, string>) => ({
      resourceType: 'Condition',
      subject: { reference: 'Patient/p' },
      clinicalStatus: { coding: [coding] },
    });
    const system = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
    for (let round = 0; round < 2; round++) {
      expect(
        codes(condition({ system, code: 'active' })).filter((c) => c.includes('binding')),
      ).toEqual([]);
      expect(
        codes(condition({ system, code: 'activ' })).filter((c) => c.includes('binding')),
      ).toEqual(['error binding.unknown-code /clinicalStatus/coding/0']);
      expect(
        codes(condition({ system: 'http://example.org/other', code: 'active' })).filter((c) =>
          c.startsWith('error binding'),
        ),
      ).toEqual(['error binding.not-in-value-set /clinicalStatus']);
      expect(
        codes({
          resourceType: 'Condition',
          subject: { reference: 'Patient/p' },
          clinicalStatus: { text: 'active' },
        }).filter((c) => c.startsWith('error binding')),
      ).toEqual(['error binding.not-in-value-set /clinicalStatus']);
    }
  });
});
