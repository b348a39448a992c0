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

  it('keeps quantities apart by system and code', () => {
    // Observation.valueQuantity of a vital sign: extensible binding to ucum-vitals-common
    const bodyWeight = (quantity: Record<string, unknown>) => ({
      resourceType: 'Observation',
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'vital-signs',
            },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
      subject: { reference: 'Patient/p' },
      effectiveDateTime: '2024-01-01',
      valueQuantity: quantity,
    });
    const ucum = 'http://unitsofmeasure.org';
    const bindingIssues = (q: Record<string, unknown>) =>
      codes(bodyWeight(q)).filter((c) => c.includes('binding') && c.includes('valueQuantity'));
    const good = bindingIssues({ value: 70, unit: 'kg', system: ucum, code: 'kg' });
    const bad = bindingIssues({ value: 70, unit: 'x', system: ucum, code: 'not-a-unit' });
    const otherSystem = bindingIssues({
      value: 70,
      unit: 'kg',
      system: 'http://x.org',
      code: 'kg',
    });
    expect(bad).not.toEqual(good);
    for (let round = 0; round < 2; round++) {
      expect(bindingIssues({ value: 70, unit: 'kg', system: ucum, code: 'kg' })).toEqual(good);
      expect(bindingIssues({ value: 71, unit: 'x', system: ucum, code: 'not-a-unit' })).toEqual(
        bad,
      );
      expect(bindingIssues({ value: 70, unit: 'kg', system: 'http://x.org', code: 'kg' })).toEqual(
        otherSystem,
      );
    }
  });

  it('keeps concepts of several codings apart by each coding', () => {
    const system = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
    const condition = (coding: Record<string, string>[]) => ({
      resourceType: 'Condition',
      subject: { reference: 'Patient/p' },
      clinicalStatus: { coding },
    });
    const issues = (coding: Record<string, string>[]) =>
      codes(condition(coding)).filter((c) => c.includes('binding'));
    for (let round = 0; round < 2; round++) {
      expect(
        issues([
          { system, code: 'active' },
          { system: 'http://example.org/local', code: 'a' },
        ]),
      ).toEqual([]);
      expect(
        issues([
          { system, code: 'active' },
          { system, code: 'activ' },
        ]),
      ).toEqual(['error binding.unknown-code /clinicalStatus/coding/1']);
      expect(
        issues([
          { system, code: 'active', display: 'Active' },
          { system, code: 'active', display: 'Something else' },
        ]),
      ).toEqual(['warning binding.display-mismatch /clinicalStatus/coding/1']);
    }
  });

  it('checks each Coding against its CodeSystem however often it recurs', () => {
    const encounter = (code: string, display?: string) => ({
      resourceType: 'Encounter',
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code,
        ...(display === undefined ? {} : { display }),
      },
    });
    const issues = (code: string, display?: string) =>
      codes(encounter(code, display)).filter((c) => c.includes('/class'));
    const good = issues('AMB', 'ambulatory');
    const wrongDisplay = issues('AMB', 'not the display');
    expect(wrongDisplay).toContain('warning binding.display-mismatch /class');
    for (let round = 0; round < 2; round++) {
      expect(issues('AMB', 'ambulatory')).toEqual(good);
      expect(issues('AMB', 'not the display')).toEqual(wrongDisplay);
    }
  });

  it('reports a code that breaks its identifier syntax however often it recurs', () => {
    const observation = (code: string) => ({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code }] },
    });
    const syntax = (code: string) =>
      codes(observation(code)).filter((c) => c.includes('code-invalid-syntax'));
    for (let round = 0; round < 3; round++) {
      expect(syntax('8310-5')).toEqual([]);
      expect(syntax('8310-4')).toEqual(['error binding.code-invalid-syntax /code/coding/0/code']);
    }
  });
});
