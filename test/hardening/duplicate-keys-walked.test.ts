/**
 * The validator looks for repeated names after its walk, which counts the properties of every
 * object it walks once (see walker.md): a value walked again (a second profile, an extension's
 * definition, a type profile, an item by its slice and by the sliced element) must count nothing,
 * or repeated names could go unseen. Checked against the parse that finds them before the walk.
 */
import { describe, expect, it } from 'vitest';
import { ParsedJsonText, parseJson } from '../../src/input/json-text.js';
import type { ValidationResult } from '../../src/validation-result.js';
import { constraintProfile, testProfileBase, validatorWith } from '../support/profile-fixtures.js';

// a profile whose sliced element has a rule its slice lacks: a matched item is walked twice
const slicedProfile = constraintProfile('dup-walk-identifier', 'Patient', [
  {
    id: 'Patient.identifier',
    path: 'Patient.identifier',
    slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
  },
  { id: 'Patient.identifier.use', path: 'Patient.identifier.use', min: 1 },
  { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs' },
  {
    id: 'Patient.identifier:nhs.system',
    path: 'Patient.identifier.system',
    fixedUri: 'https://fhir.nhs.uk/Id/nhs-number',
  },
]);
const validator = validatorWith([slicedProfile]);

/** A result without its timings. */
function answer(result: ValidationResult): ValidationResult {
  return { ...result, records: (result.records ?? []).map(({ ms: _, ...r }) => r) };
}

/** JSON text of `value` with the first property of the object `target` written `1 + k` times. */
function withRepeats(value: unknown, target: object, k: number): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => withRepeats(v, target, k)).join(',')}]`;
  const parts = Object.entries(value).map(
    ([name, v]) => `${JSON.stringify(name)}:${withRepeats(v, target, k)}`,
  );
  if (value === target && parts.length > 0)
    for (let i = 0; i < k; i++) parts.splice(1, 0, parts[0]!);
  return `{${parts.join(',')}}`;
}

function objectsOf(value: unknown, out: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return out;
  if (!Array.isArray(value)) out.push(value);
  for (const v of Object.values(value)) objectsOf(v, out);
  return out;
}

const vitalSigns = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';
const cases: { name: string; value: object; profiles?: string[] }[] = [
  {
    name: 'two profiles, slices, a type profile (SimpleQuantity)',
    profiles: [vitalSigns],
    value: {
      resourceType: 'Observation',
      meta: { profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'] },
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
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { reference: 'Patient/1' },
      effectiveDateTime: '2020-01-01',
      valueQuantity: { value: 60, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      referenceRange: [{ low: { value: 1, unit: 'x' }, high: { value: 2 } }],
    },
  },
  {
    name: 'extensions with definitions, on a primitive too',
    value: {
      resourceType: 'Patient',
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
          valueAddress: { city: 'Leeds', line: ['1 A St'] },
        },
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
          extension: [{ url: 'code', valueCodeableConcept: { coding: [{ code: 'GB' }] } }],
        },
      ],
      name: [
        {
          family: 'A',
          _family: {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix',
                valueString: 'x',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'an item walked by its slice and by the sliced element',
    profiles: [`${testProfileBase}dup-walk-identifier`],
    value: {
      resourceType: 'Patient',
      identifier: [
        {
          use: 'official',
          system: 'https://fhir.nhs.uk/Id/nhs-number',
          value: '9000000009',
          period: { start: '2020-01-01' },
        },
        { use: 'usual', system: 'urn:x', value: 'a' },
      ],
    },
  },
  {
    name: 'a Bundle with a contained resource and an unknown property',
    value: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:6a8e3c8e-7f56-4c7a-9f6b-3c3f0f6a1b2c',
          resource: {
            resourceType: 'Patient',
            contained: [{ resourceType: 'Organization', id: 'o', name: 'x' }],
            managingOrganization: { reference: '#o' },
            unknown: { a: [{ b: 1 }] },
          },
        },
      ],
    },
  },
];

describe('repeated names found after the walk', () => {
  for (const { name, value, profiles } of cases) {
    it(`gives the answer of the check before the walk: ${name}`, () => {
      const options = profiles ? { profiles } : {};
      const texts = [JSON.stringify(value)];
      // up to 30 repeats at the root (a walk counting some property twice would hide as many)
      for (let k = 1; k <= 30; k++) texts.push(withRepeats(value, value, k));
      for (const o of objectsOf(value)) texts.push(withRepeats(value, o, 1));
      for (const text of texts) {
        const parsed = parseJson(text);
        const expected = answer(validator.validate(new ParsedJsonText(text, parsed), options));
        expect(answer(validator.validate(text, options))).toEqual(expected);
        const duplicates = expected.issues.filter((i) => i.code === 'input.duplicate-property');
        expect(duplicates.length > 0).toBe(text !== texts[0]);
      }
    });
  }
});
