/**
 * Slicing (issue 3): each discriminator type, closed/open/openAtEnd/ordered rules, slice cardinality
 * and reslicing, on small profiles written for one behaviour each.
 */
import { describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import type { Issue } from '../../src/issues/issue.js';
import { baseValidator } from '../support/shared-validator.js';

const base = baseValidator().registry;
let n = 0;

/** A validator with one profile on `type` made of `elements`; returns the validate function bound to it. */
function withProfile(type: string, elements: Record<string, unknown>[], extra: unknown[] = []) {
  const url = `https://mdss.example.org/fhir/StructureDefinition/slicing-test-${++n}`;
  const sd = { resourceType: 'StructureDefinition', url, name: `SlicingTest${n}`, status: 'draft', kind: 'resource', abstract: false, type, baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`, derivation: 'constraint', differential: { element: [{ id: type, path: type }, ...elements] } };
  const registry = new CanonicalRegistry();
  registry.addAll(base.allResources());
  registry.addAll([sd, ...extra]);
  const v = createValidator({ registry });
  return (resource: unknown) => v.validate(resource, { profiles: [url] });
}

const errors = (issues: readonly Issue[]) => issues.filter((i) => i.severity === 'error').map((i) => `${i.code} @ ${i.expression}${typeof i.params['path'] === 'string' && i.code.startsWith('cardinality') ? ` (${i.params['path']})` : ''}`);
const obs = (extra: Record<string, unknown>) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, ...extra });
const cat = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] });

describe('slicing discriminators', () => {
  it('pattern: matches by a pattern on the slice ($this)', () => {
    const validate = withProfile('Observation', [
      { id: 'Observation.category', path: 'Observation.category', slicing: { discriminator: [{ type: 'pattern', path: '$this' }], rules: 'open' } },
      { id: 'Observation.category:vs', path: 'Observation.category', sliceName: 'vs', min: 1, max: '1', patternCodeableConcept: cat('vital-signs') },
    ]);
    expect(errors(validate(obs({ category: [cat('laboratory'), cat('vital-signs')] })).issues)).toEqual([]);
    expect(errors(validate(obs({ category: [cat('laboratory')] })).issues)).toEqual(['cardinality.too-few @ Observation (Observation.category:vs)']);
  });

  it('exists: a slice for items with a value and one for items without', () => {
    const validate = withProfile('Observation', [
      { id: 'Observation.component', path: 'Observation.component', slicing: { discriminator: [{ type: 'exists', path: 'value' }], rules: 'closed' } },
      { id: 'Observation.component:withValue', path: 'Observation.component', sliceName: 'withValue', min: 1, max: '1' },
      { id: 'Observation.component:withValue.value[x]', path: 'Observation.component.value[x]', min: 1 },
      { id: 'Observation.component:withoutValue', path: 'Observation.component', sliceName: 'withoutValue', min: 0, max: '*' },
      { id: 'Observation.component:withoutValue.value[x]', path: 'Observation.component.value[x]', max: '0' },
    ]);
    const valued = { code: { text: 'a' }, valueString: 'x' };
    const empty = { code: { text: 'b' }, dataAbsentReason: { text: 'not asked' } };
    expect(errors(validate(obs({ component: [valued, empty, empty] })).issues)).toEqual([]);
    expect(errors(validate(obs({ component: [valued, valued] })).issues)).toEqual(['cardinality.too-many @ Observation (Observation.component:withValue)']);
  });

  it('type: slices a choice or a resource element by type', () => {
    const validate = withProfile('Bundle', [
      { id: 'Bundle.entry', path: 'Bundle.entry', slicing: { discriminator: [{ type: 'type', path: 'resource' }], rules: 'closed' } },
      { id: 'Bundle.entry:patient', path: 'Bundle.entry', sliceName: 'patient', min: 1, max: '1' },
      { id: 'Bundle.entry:patient.resource', path: 'Bundle.entry.resource', type: [{ code: 'Patient' }] },
      { id: 'Bundle.entry:other', path: 'Bundle.entry', sliceName: 'other', min: 0, max: '*' },
      { id: 'Bundle.entry:other.resource', path: 'Bundle.entry.resource', type: [{ code: 'Observation' }] },
    ]);
    const patient = { fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6001', resource: { resourceType: 'Patient' } };
    const observation = { fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6002', resource: obs({}) };
    const practitioner = { fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6003', resource: { resourceType: 'Practitioner' } };
    expect(errors(validate({ resourceType: 'Bundle', type: 'collection', entry: [patient, observation] }).issues)).toEqual([]);
    expect(errors(validate({ resourceType: 'Bundle', type: 'collection', entry: [patient, practitioner] }).issues)).toEqual(['slice.no-match-in-closed-slicing @ Bundle.entry[1]']);
  });

  it('profile: an item belongs to the slice whose profile it conforms to', () => {
    const namedPatient = { resourceType: 'StructureDefinition', url: 'https://mdss.example.org/fhir/StructureDefinition/slicing-named-patient', name: 'NamedPatient', status: 'draft', kind: 'resource', abstract: false, type: 'Patient', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient', derivation: 'constraint', differential: { element: [{ id: 'Patient', path: 'Patient' }, { id: 'Patient.name', path: 'Patient.name', min: 1 }] } };
    const validate = withProfile(
      'Bundle',
      [
        { id: 'Bundle.entry', path: 'Bundle.entry', slicing: { discriminator: [{ type: 'profile', path: 'resource' }], rules: 'open' } },
        { id: 'Bundle.entry:named', path: 'Bundle.entry', sliceName: 'named', min: 1, max: '*' },
        { id: 'Bundle.entry:named.resource', path: 'Bundle.entry.resource', type: [{ code: 'Patient', profile: [namedPatient.url] }] },
      ],
      [namedPatient],
    );
    const entry = (resource: unknown, i: number) => ({ fullUrl: `urn:uuid:9ce2a97b-5cab-4986-814f-4734016e610${i}`, resource });
    expect(errors(validate({ resourceType: 'Bundle', type: 'collection', entry: [entry({ resourceType: 'Patient', name: [{ family: 'Fake' }] }, 1)] }).issues)).toEqual([]);
    expect(errors(validate({ resourceType: 'Bundle', type: 'collection', entry: [entry({ resourceType: 'Patient' }, 2)] }).issues)).toEqual(['cardinality.too-few @ Bundle (Bundle.entry:named)']);
  });
});

describe('slicing rules', () => {
  const identifierSlices = (rules: string, ordered: boolean) => [
    { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules, ordered } },
    { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', min: 0, max: '1' },
    { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' },
    { id: 'Patient.identifier:mrn', path: 'Patient.identifier', sliceName: 'mrn', min: 0, max: '*' },
    { id: 'Patient.identifier:mrn.system', path: 'Patient.identifier.system', fixedUri: 'http://example.org/mrn' },
  ];
  const nhs = { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449307539' };
  const mrn = { system: 'http://example.org/mrn', value: '1' };
  const other = { system: 'http://example.org/other', value: '2' };

  it('ordered: slices must appear in definition order', () => {
    const validate = withProfile('Patient', identifierSlices('open', true));
    expect(errors(validate({ resourceType: 'Patient', identifier: [nhs, mrn] }).issues)).toEqual([]);
    expect(errors(validate({ resourceType: 'Patient', identifier: [mrn, nhs] }).issues)).toEqual(['slice.out-of-order @ Patient.identifier[1]']);
  });

  it('openAtEnd: unsliced items must follow the sliced ones', () => {
    const validate = withProfile('Patient', identifierSlices('openAtEnd', false));
    expect(errors(validate({ resourceType: 'Patient', identifier: [nhs, other] }).issues)).toEqual([]);
    expect(errors(validate({ resourceType: 'Patient', identifier: [other, nhs] }).issues)).toEqual(['slice.not-at-end @ Patient.identifier[1]']);
  });

  it('open: unsliced items are allowed anywhere; closed: they are not', () => {
    expect(errors(withProfile('Patient', identifierSlices('open', false))({ resourceType: 'Patient', identifier: [other, nhs] }).issues)).toEqual([]);
    expect(errors(withProfile('Patient', identifierSlices('closed', false))({ resourceType: 'Patient', identifier: [other, nhs] }).issues)).toEqual(['slice.no-match-in-closed-slicing @ Patient.identifier[0]']);
  });

  it('reslicing: a reslice refines its slice and its own cardinality applies', () => {
    const slices = identifierSlices('open', false).map((e) =>
      e.id === 'Patient.identifier:mrn' ? { ...e, slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' } } : e,
    );
    const validate = withProfile('Patient', [
      ...slices,
      { id: 'Patient.identifier:mrn/official', path: 'Patient.identifier', sliceName: 'mrn/official', min: 0, max: '1' },
      { id: 'Patient.identifier:mrn/official.use', path: 'Patient.identifier.use', fixedCode: 'official' },
    ]);
    const official = { ...mrn, use: 'official' };
    expect(errors(validate({ resourceType: 'Patient', identifier: [official, mrn] }).issues)).toEqual([]);
    expect(errors(validate({ resourceType: 'Patient', identifier: [official, official] }).issues)).toEqual(['cardinality.too-many @ Patient (Patient.identifier:mrn/official)']);
  });
});
