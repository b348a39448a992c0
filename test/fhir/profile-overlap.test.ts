import { describe, expect, it } from 'vitest';
import { createNodeValidator } from '../../src/node/create-node-validator.js';

/**
 * A resource under two profiles (the framework's Observation profile, then a vital signs profile) is
 * walked once per profile; the second walk skips the top-level elements both profiles define alike
 * (src/fhir/validator/profile-overlap.ts). Its issues must be those of the two profiles applied one
 * at a time, together, wherever the problems sit: in skipped elements or in those walked twice.
 */
const both = createNodeValidator([], { engine: { allowTestNumbers: true } });
const frameworkAlone = createNodeValidator([], {
  engine: { allowTestNumbers: true, profilesByType: {}, vitalSignsProfiles: false },
});
const vitalSignsAlone = createNodeValidator([], {
  engine: { allowTestNumbers: true, profilesByType: { Observation: [] } },
});

const keys = (resource: unknown, v: typeof both) =>
  v.validate(structuredClone(resource)).issues.map((i) => `${i.code} ${i.pointer} ${i.message}`);

const bloodPressure = {
  resourceType: 'Observation',
  id: 'bp',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>BP</p></div>' },
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
  code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2024-01-01T10:00:00Z',
  component: [
    {
      code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
      valueQuantity: {
        value: 120,
        unit: 'mmHg',
        system: 'http://unitsofmeasure.org',
        code: 'mm[Hg]',
      },
    },
  ],
};

describe('a resource walked again with a second profile', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['no problem', {}],
    [
      'problems in elements both profiles define alike',
      {
        issued: 'not an instant',
        note: [{}, { text: '' }],
        encounter: { reference: 'not a reference', display: 7 },
        identifier: [{ system: 'not a uri', value: 'x', period: { start: 'x' } }],
        meta: { lastUpdated: 'yesterday', tag: [{ system: 'http://x', code: 'a', display: 1 }] },
        text: { status: 'bogus', div: '<p>no namespace</p>' },
        interpretation: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
                code: 'ZZZ',
              },
            ],
          },
        ],
        extension: [{ url: 'http://example.org/unknown', valueString: 'x' }],
        unknownThing: true,
      },
    ],
    [
      'problems in elements the profiles define differently',
      {
        status: 'bogus',
        subject: { reference: 'Group/g' },
        effectiveDateTime: 'never',
        valueString: 'x',
      },
    ],
    ['a required element missing', { subject: undefined, text: undefined }],
  ];
  for (const [name, change] of cases) {
    it(name, () => {
      const resource = { ...bloodPressure, ...change };
      const got = keys(resource, both);
      expect(new Set(got).size).toBe(got.length);
      const expected = new Set([
        ...keys(resource, frameworkAlone),
        ...keys(resource, vitalSignsAlone),
      ]);
      expect([...got].sort()).toEqual([...expected].sort());
    });
  }
});
