/**
 * The profiles that apply to a resource by its type (`profilesByType`) and by its code (the R4 vital
 * signs profiles) are found once per validator for a resource that requests and declares none
 * (walk-resource.ts, `typeProfiles`), and the vital signs profile of an Observation is looked up by
 * code (vital-signs.ts, `vitalSignsByCode`). Every resource must still get the answer it got
 * alone: the reports of unresolvable or wrong-type profiles on each resource, a profile's issues at
 * each resource's own location, a declared profile beside the type's, and the vital signs ranks.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const located = (issues: readonly Issue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => `${i.severity} @ ${i.expression} ${i.pointer}`);
const bundle = (...resources: Record<string, unknown>[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource, i) => ({
    fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resource,
  })),
});

const sd = 'http://hl7.org/fhir/StructureDefinition/';
const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';
const vitalCategory = [
  {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
    ],
  },
];
const metres = { value: 37, unit: 'm', system: 'http://unitsofmeasure.org', code: 'm' };
const observation = (coding: unknown[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  category: vitalCategory,
  code: { coding },
  subject: { reference: 'Patient/1' },
  effectiveDateTime: '2024-01-01',
  valueQuantity: metres,
  ...extra,
});
const unitIssue = (at: number) =>
  `error @ Bundle.entry[${at}].resource.value.ofType(Quantity).code /entry/${at}/resource/valueQuantity/code`;

describe('profiles of a type, found once per validator', () => {
  it('an unresolvable profile of the type is reported on every resource, in every validation', () => {
    const validator = createValidator({
      registry: v.registry,
      engine: {
        profilesByType: { Patient: ['https://mdss.example.org/fhir/StructureDefinition/none'] },
      },
    });
    const payload = bundle({ resourceType: 'Patient' }, { resourceType: 'Patient' });
    const expected = [
      'error @ Bundle.entry[0].resource /entry/0/resource',
      'error @ Bundle.entry[1].resource /entry/1/resource',
    ];
    expect(located(validator.validate(payload).issues, 'profile.unresolved')).toEqual(expected);
    expect(located(validator.validate(payload).issues, 'profile.unresolved')).toEqual(expected);
  });

  it('a profile of another type is reported on every resource, in every validation', () => {
    const validator = createValidator({
      registry: v.registry,
      engine: { profilesByType: { Patient: [`${sd}bodytemp`] } },
    });
    const payload = bundle({ resourceType: 'Patient' }, { resourceType: 'Patient' });
    const expected = [
      'error @ Bundle.entry[0].resource /entry/0/resource',
      'error @ Bundle.entry[1].resource /entry/1/resource',
    ];
    expect(located(validator.validate(payload).issues, 'profile.wrong-type')).toEqual(expected);
    expect(located(validator.validate(payload).issues, 'profile.wrong-type')).toEqual(expected);
  });

  it("a resolvable profile of the type applies to each resource, beside its own and its code's", () => {
    const validator = createValidator({
      registry: v.registry,
      engine: { profilesByType: { Observation: [`${sd}vitalsigns`] } },
    });
    const plain = observation([{ system: loinc, code: '2339-0' }]);
    const temperature = observation([{ system: loinc, code: '8310-5' }]);
    // vitalsigns requires a subject and an effective[x]: each resource without them is reported
    const { subject, effectiveDateTime, ...bare } = plain;
    expect([subject, effectiveDateTime]).not.toContain(undefined);
    const declared = { ...bare, meta: { profile: [`${sd}bodyweight`] } };
    for (let round = 0; round < 2; round++) {
      const r = validator.validate(bundle(plain, temperature, bare, temperature, declared, bare));
      expect(r.profiles).toEqual([
        `${sd}vitalsigns|4.0.1`,
        `${sd}bodytemp|4.0.1`,
        `${sd}bodyweight|4.0.1`,
      ]);
      expect(located(r.issues, 'binding.not-in-value-set')).toEqual([
        unitIssue(1),
        unitIssue(3),
        unitIssue(4),
      ]);
      const missing = r.issues
        .filter((i) => i.code === 'cardinality.too-few')
        .map((i) => `${i.pointer} ${String(i.params['path'])}`);
      expect(missing).toEqual([
        '/entry/2/resource Observation.subject',
        '/entry/2/resource Observation.effective[x]',
        '/entry/4/resource Observation.subject',
        '/entry/4/resource Observation.effective[x]',
        '/entry/4/resource/code Observation.code.coding:BodyWeightCode',
        '/entry/5/resource Observation.subject',
        '/entry/5/resource Observation.effective[x]',
      ]);
    }
  });
});

describe('vital signs profiles by code', () => {
  it('a LOINC code applies its profile to each Observation; other codes apply none', () => {
    const temperature = observation([{ system: loinc, code: '8310-5' }]);
    const other = observation([{ system: loinc, code: '2339-0' }]);
    // the code in another system is not the LOINC code
    const elsewhere = observation([{ system: 'https://mdss.example.org/codes', code: '8310-5' }]);
    const r = v.validate(bundle(temperature, other, elsewhere, temperature));
    expect(r.profiles).toEqual([`${sd}bodytemp|4.0.1`]);
    expect(located(r.issues, 'binding.not-in-value-set')).toEqual([unitIssue(0), unitIssue(3)]);
  });

  it('a SNOMED CT code applies its profile only to an Observation its category calls a vital sign', () => {
    const coding = [{ system: snomed, code: '386725007' }];
    const r = v.validate(
      bundle(
        observation(coding),
        observation(coding, { category: undefined }),
        observation(coding),
      ),
    );
    expect(r.profiles).toEqual([`${sd}bodytemp|4.0.1`]);
    expect(located(r.issues, 'binding.not-in-value-set')).toEqual([unitIssue(0), unitIssue(2)]);
  });

  it('a LOINC code decides before a SNOMED CT one, then the earlier profile of the R4 list', () => {
    // SNOMED CT heart rate first, LOINC body temperature second: bodytemp (LOINC first)
    const mixed = observation([
      { system: snomed, code: '249043002' },
      { system: loinc, code: '8310-5' },
    ]);
    expect(v.validate(mixed).profiles).toEqual([`${sd}bodytemp|4.0.1`]);
    // two LOINC codes: heartrate comes before bodytemp in the R4 list
    const two = observation([
      { system: loinc, code: '8310-5' },
      { system: loinc, code: '8867-4' },
    ]);
    expect(v.validate(two).profiles).toEqual([`${sd}heartrate|4.0.1`]);
    // SNOMED CT codes alone: heart rate (271306003 is respiratory rate's too) → resprate, earlier
    const snomedOnly = observation([{ system: snomed, code: '271306003' }]);
    expect(v.validate(snomedOnly).profiles).toEqual([`${sd}resprate|4.0.1`]);
  });
});
