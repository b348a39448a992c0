import { describe, expect, it } from 'vitest';
import { referenceSlot } from '../../src/fhir/validator/bundle-index.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();

/**
 * A Bundle's index finds a reference's fullUrl entry in the slot of the entry last found there (by
 * the reference's length and last two characters) before its Map: references that share a slot must
 * resolve to their own entries however they alternate.
 */
describe('references that share a slot of the Bundle index', () => {
  const uuid = (d: string) =>
    `urn:uuid:${d.repeat(8)}-${d.repeat(4)}-4${d.repeat(3)}-8${d.repeat(3)}-${d.repeat(10)}a1`;
  const patient = uuid('1');
  const organization = uuid('2');
  const nowhere = uuid('3');
  const observation = (subject: string) => ({
    resource: {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: subject },
    },
  });
  const bundle = (subjects: readonly string[]) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: patient, resource: { resourceType: 'Patient' } },
      { fullUrl: organization, resource: { resourceType: 'Organization', name: 'o' } },
      ...subjects.map(observation),
    ],
  });
  const issues = (subjects: readonly string[]) =>
    v
      .validate(bundle(subjects))
      .issues.filter((i) => i.code.startsWith('reference.'))
      .map((i) => `${i.severity} ${i.code} ${i.expression}`);

  it('share a slot (or the test below proves nothing)', () => {
    expect(referenceSlot(organization)).toBe(referenceSlot(patient));
    expect(referenceSlot(nowhere)).toBe(referenceSlot(patient));
  });

  it('resolve to their own entries', () => {
    const at = (i: number) => `Bundle.entry[${i + 2}].resource.subject`;
    for (let round = 0; round < 3; round++) {
      expect(issues([patient, organization, patient, nowhere, organization, patient])).toEqual([
        `error reference.wrong-target-type ${at(1)}`,
        `warning reference.not-found-in-bundle ${at(3)}`,
        `error reference.wrong-target-type ${at(4)}`,
      ]);
      expect(issues([nowhere, organization, nowhere, patient])).toEqual([
        `warning reference.not-found-in-bundle ${at(0)}`,
        `error reference.wrong-target-type ${at(1)}`,
        `warning reference.not-found-in-bundle ${at(2)}`,
      ]);
    }
  });
});
