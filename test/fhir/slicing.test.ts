/**
 * Slicing (issue 3): each discriminator type, closed/open/openAtEnd/ordered rules, slice cardinality
 * and reslicing, on small profiles written for one behaviour each.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { constraintProfile, validatorWith } from '../support/profile-fixtures.js';
import { baseValidator } from '../support/shared-validator.js';

let n = 0;

/** A validator with one profile on `type` made of `elements`; returns the validate function bound to it. */
function withProfile(type: string, elements: Record<string, unknown>[], extra: unknown[] = []) {
  const sd = constraintProfile(`slicing-test-${++n}`, type, elements);
  const v = validatorWith([sd, ...extra]);
  return (resource: unknown) => v.validate(resource, { profiles: [sd.url] });
}

const errors = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.severity === 'error')
    .map(
      (i) =>
        `${i.code} @ ${i.expression}${typeof i.params['path'] === 'string' && i.code.startsWith('cardinality') ? ` (${i.params['path']})` : ''}`,
    );
const obs = (extra: Record<string, unknown>) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'x' },
  ...extra,
});
const cat = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }],
});

describe('slicing discriminators', () => {
  it('pattern: matches by a pattern on the slice ($this)', () => {
    const validate = withProfile('Observation', [
      {
        id: 'Observation.category',
        path: 'Observation.category',
        slicing: { discriminator: [{ type: 'pattern', path: '$this' }], rules: 'open' },
      },
      {
        id: 'Observation.category:vs',
        path: 'Observation.category',
        sliceName: 'vs',
        min: 1,
        max: '1',
        patternCodeableConcept: cat('vital-signs'),
      },
    ]);
    expect(
      errors(validate(obs({ category: [cat('laboratory'), cat('vital-signs')] })).issues),
    ).toEqual([]);
    expect(errors(validate(obs({ category: [cat('laboratory')] })).issues)).toEqual([
      'cardinality.too-few @ Observation (Observation.category:vs)',
    ]);
  });

  it('exists: a slice for items with a value and one for items without', () => {
    const validate = withProfile('Observation', [
      {
        id: 'Observation.component',
        path: 'Observation.component',
        slicing: { discriminator: [{ type: 'exists', path: 'value' }], rules: 'closed' },
      },
      {
        id: 'Observation.component:withValue',
        path: 'Observation.component',
        sliceName: 'withValue',
        min: 1,
        max: '1',
      },
      {
        id: 'Observation.component:withValue.value[x]',
        path: 'Observation.component.value[x]',
        min: 1,
      },
      {
        id: 'Observation.component:withoutValue',
        path: 'Observation.component',
        sliceName: 'withoutValue',
        min: 0,
        max: '*',
      },
      {
        id: 'Observation.component:withoutValue.value[x]',
        path: 'Observation.component.value[x]',
        max: '0',
      },
    ]);
    const valued = { code: { text: 'a' }, valueString: 'x' };
    const empty = { code: { text: 'b' }, dataAbsentReason: { text: 'not asked' } };
    expect(errors(validate(obs({ component: [valued, empty, empty] })).issues)).toEqual([]);
    expect(errors(validate(obs({ component: [valued, valued] })).issues)).toEqual([
      'cardinality.too-many @ Observation (Observation.component:withValue)',
    ]);
  });

  it('type: slices a choice or a resource element by type', () => {
    const validate = withProfile('Bundle', [
      {
        id: 'Bundle.entry',
        path: 'Bundle.entry',
        slicing: { discriminator: [{ type: 'type', path: 'resource' }], rules: 'closed' },
      },
      { id: 'Bundle.entry:patient', path: 'Bundle.entry', sliceName: 'patient', min: 1, max: '1' },
      {
        id: 'Bundle.entry:patient.resource',
        path: 'Bundle.entry.resource',
        type: [{ code: 'Patient' }],
      },
      { id: 'Bundle.entry:other', path: 'Bundle.entry', sliceName: 'other', min: 0, max: '*' },
      {
        id: 'Bundle.entry:other.resource',
        path: 'Bundle.entry.resource',
        type: [{ code: 'Observation' }],
      },
    ]);
    const patient = {
      fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6001',
      resource: { resourceType: 'Patient' },
    };
    const observation = {
      fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6002',
      resource: obs({}),
    };
    const practitioner = {
      fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6003',
      resource: { resourceType: 'Practitioner' },
    };
    expect(
      errors(
        validate({ resourceType: 'Bundle', type: 'collection', entry: [patient, observation] })
          .issues,
      ),
    ).toEqual([]);
    expect(
      errors(
        validate({ resourceType: 'Bundle', type: 'collection', entry: [patient, practitioner] })
          .issues,
      ),
    ).toEqual(['slice.no-match-in-closed-slicing @ Bundle.entry[1]']);
  });

  it('type on a choice reached by its name: the renamed element (contentString) gives the type', () => {
    const validate = withProfile('Communication', [
      {
        id: 'Communication.payload',
        path: 'Communication.payload',
        slicing: { discriminator: [{ type: 'type', path: 'content' }], rules: 'closed' },
      },
      {
        id: 'Communication.payload:text',
        path: 'Communication.payload',
        sliceName: 'text',
        max: '1',
      },
      {
        id: 'Communication.payload:text.contentString',
        path: 'Communication.payload.contentString',
        type: [{ code: 'string' }],
      },
      {
        id: 'Communication.payload:file',
        path: 'Communication.payload',
        sliceName: 'file',
        max: '5',
      },
      {
        id: 'Communication.payload:file.contentAttachment',
        path: 'Communication.payload.contentAttachment',
        type: [{ code: 'Attachment' }],
      },
    ]);
    const comm = (payload: unknown[]) => ({
      resourceType: 'Communication',
      status: 'completed',
      payload,
    });
    const file = { contentAttachment: { title: 'a' } };
    expect(errors(validate(comm([{ contentString: 'x' }, file, file])).issues)).toEqual([]);
    expect(errors(validate(comm([{ contentString: 'x' }, { contentString: 'y' }])).issues)).toEqual(
      ['cardinality.too-many @ Communication (Communication.payload:text)'],
    );
    expect(
      errors(validate(comm([{ contentReference: { reference: 'Patient/1' } }])).issues),
    ).toEqual(['slice.no-match-in-closed-slicing @ Communication.payload[0]']);
  });

  it('profile: a Coding profile (whatever its kind) and a string profile decide membership by their rules', () => {
    const sdOf = (name: string, type: string, kind: string, element: Record<string, unknown>) => ({
      resourceType: 'StructureDefinition',
      url: `https://mdss.example.org/fhir/StructureDefinition/${name}`,
      name,
      status: 'draft',
      kind,
      abstract: false,
      type,
      baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
      derivation: 'constraint',
      differential: { element: [element] },
    });
    const codingA = sdOf('SlicingCodingA', 'Coding', 'resource', {
      id: 'Coding.system',
      path: 'Coding.system',
      fixedUri: 'https://mdss.example.org/a',
    });
    const textB = sdOf('SlicingTextB', 'string', 'primitive-type', {
      id: 'string',
      path: 'string',
      fixedString: 'B',
    });
    const validate = withProfile(
      'Observation',
      [
        {
          id: 'Observation.category',
          path: 'Observation.category',
          slicing: {
            discriminator: [
              { type: 'profile', path: 'coding' },
              { type: 'profile', path: 'text' },
            ],
            rules: 'open',
          },
        },
        { id: 'Observation.category:a', path: 'Observation.category', sliceName: 'a', min: 1 },
        {
          id: 'Observation.category:a.coding',
          path: 'Observation.category.coding',
          min: 1,
          type: [{ code: 'Coding', profile: [codingA.url] }],
        },
        { id: 'Observation.category:b', path: 'Observation.category', sliceName: 'b', min: 1 },
        {
          id: 'Observation.category:b.text',
          path: 'Observation.category.text',
          min: 1,
          type: [{ code: 'string', profile: [textB.url] }],
        },
      ],
      [codingA, textB],
    );
    const a = { coding: [{ system: 'https://mdss.example.org/a', code: 'x' }] };
    expect(errors(validate(obs({ category: [a, { text: 'B' }] })).issues)).toEqual([]);
    expect(errors(validate(obs({ category: [a, { text: 'C' }] })).issues)).toEqual([
      'cardinality.too-few @ Observation (Observation.category:b)',
    ]);
  });

  it('value: a slice that prohibits the discriminator element (max 0) matches the items without it', () => {
    const validate = withProfile('Patient', [
      {
        id: 'Patient.telecom',
        path: 'Patient.telecom',
        slicing: {
          discriminator: [
            { type: 'value', path: 'system' },
            { type: 'value', path: 'use' },
          ],
          rules: 'closed',
        },
      },
      { id: 'Patient.telecom:home', path: 'Patient.telecom', sliceName: 'home', max: '1' },
      { id: 'Patient.telecom:home.system', path: 'Patient.telecom.system', fixedCode: 'phone' },
      { id: 'Patient.telecom:home.use', path: 'Patient.telecom.use', fixedCode: 'home' },
      { id: 'Patient.telecom:email', path: 'Patient.telecom', sliceName: 'email', max: '1' },
      { id: 'Patient.telecom:email.system', path: 'Patient.telecom.system', fixedCode: 'email' },
      { id: 'Patient.telecom:email.use', path: 'Patient.telecom.use', max: '0' },
    ]);
    const home = { system: 'phone', use: 'home', value: '1' };
    expect(
      errors(
        validate({ resourceType: 'Patient', telecom: [home, { system: 'email', value: 'a@b.c' }] })
          .issues,
      ),
    ).toEqual([]);
    expect(
      errors(
        validate({
          resourceType: 'Patient',
          telecom: [home, { system: 'email', use: 'work', value: 'a@b.c' }],
        }).issues,
      ),
    ).toEqual(['slice.no-match-in-closed-slicing @ Patient.telecom[1]']);
  });

  it('profile: an item belongs to the slice whose profile it conforms to', () => {
    const namedPatient = {
      resourceType: 'StructureDefinition',
      url: 'https://mdss.example.org/fhir/StructureDefinition/slicing-named-patient',
      name: 'NamedPatient',
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Patient',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
      derivation: 'constraint',
      differential: {
        element: [
          { id: 'Patient', path: 'Patient' },
          { id: 'Patient.name', path: 'Patient.name', min: 1 },
        ],
      },
    };
    const validate = withProfile(
      'Bundle',
      [
        {
          id: 'Bundle.entry',
          path: 'Bundle.entry',
          slicing: { discriminator: [{ type: 'profile', path: 'resource' }], rules: 'open' },
        },
        { id: 'Bundle.entry:named', path: 'Bundle.entry', sliceName: 'named', min: 1, max: '*' },
        {
          id: 'Bundle.entry:named.resource',
          path: 'Bundle.entry.resource',
          type: [{ code: 'Patient', profile: [namedPatient.url] }],
        },
      ],
      [namedPatient],
    );
    const entry = (resource: unknown, i: number) => ({
      fullUrl: `urn:uuid:9ce2a97b-5cab-4986-814f-4734016e610${i}`,
      resource,
    });
    expect(
      errors(
        validate({
          resourceType: 'Bundle',
          type: 'collection',
          entry: [entry({ resourceType: 'Patient', name: [{ family: 'Fake' }] }, 1)],
        }).issues,
      ),
    ).toEqual([]);
    expect(
      errors(
        validate({
          resourceType: 'Bundle',
          type: 'collection',
          entry: [entry({ resourceType: 'Patient' }, 2)],
        }).issues,
      ),
    ).toEqual(['cardinality.too-few @ Bundle (Bundle.entry:named)']);
  });
});

describe('slicing rules', () => {
  const identifierSlices = (rules: string, ordered: boolean) => [
    {
      id: 'Patient.identifier',
      path: 'Patient.identifier',
      slicing: { discriminator: [{ type: 'value', path: 'system' }], rules, ordered },
    },
    {
      id: 'Patient.identifier:nhs',
      path: 'Patient.identifier',
      sliceName: 'nhs',
      min: 0,
      max: '1',
    },
    {
      id: 'Patient.identifier:nhs.system',
      path: 'Patient.identifier.system',
      fixedUri: 'https://fhir.nhs.uk/Id/nhs-number',
    },
    {
      id: 'Patient.identifier:mrn',
      path: 'Patient.identifier',
      sliceName: 'mrn',
      min: 0,
      max: '*',
    },
    {
      id: 'Patient.identifier:mrn.system',
      path: 'Patient.identifier.system',
      fixedUri: 'http://example.org/mrn',
    },
  ];
  const nhs = { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449307539' };
  const mrn = { system: 'http://example.org/mrn', value: '1' };
  const other = { system: 'http://example.org/other', value: '2' };

  it('ordered: slices must appear in definition order', () => {
    const validate = withProfile('Patient', identifierSlices('open', true));
    expect(errors(validate({ resourceType: 'Patient', identifier: [nhs, mrn] }).issues)).toEqual(
      [],
    );
    expect(errors(validate({ resourceType: 'Patient', identifier: [mrn, nhs] }).issues)).toEqual([
      'slice.out-of-order @ Patient.identifier[1]',
    ]);
  });

  it('openAtEnd: unsliced items must follow the sliced ones', () => {
    const validate = withProfile('Patient', identifierSlices('openAtEnd', false));
    expect(errors(validate({ resourceType: 'Patient', identifier: [nhs, other] }).issues)).toEqual(
      [],
    );
    expect(errors(validate({ resourceType: 'Patient', identifier: [other, nhs] }).issues)).toEqual([
      'slice.not-at-end @ Patient.identifier[1]',
    ]);
  });

  it('open: unsliced items are allowed anywhere; closed: they are not', () => {
    expect(
      errors(
        withProfile(
          'Patient',
          identifierSlices('open', false),
        )({ resourceType: 'Patient', identifier: [other, nhs] }).issues,
      ),
    ).toEqual([]);
    expect(
      errors(
        withProfile(
          'Patient',
          identifierSlices('closed', false),
        )({ resourceType: 'Patient', identifier: [other, nhs] }).issues,
      ),
    ).toEqual(['slice.no-match-in-closed-slicing @ Patient.identifier[0]']);
  });

  it('reslicing: a reslice refines its slice and its own cardinality applies', () => {
    const slices = identifierSlices('open', false).map((e) =>
      e.id === 'Patient.identifier:mrn'
        ? { ...e, slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' } }
        : e,
    );
    const validate = withProfile('Patient', [
      ...slices,
      {
        id: 'Patient.identifier:mrn/official',
        path: 'Patient.identifier',
        sliceName: 'mrn/official',
        min: 0,
        max: '1',
      },
      {
        id: 'Patient.identifier:mrn/official.use',
        path: 'Patient.identifier.use',
        fixedCode: 'official',
      },
    ]);
    const official = { ...mrn, use: 'official' };
    expect(
      errors(validate({ resourceType: 'Patient', identifier: [official, mrn] }).issues),
    ).toEqual([]);
    expect(
      errors(validate({ resourceType: 'Patient', identifier: [official, official] }).issues),
    ).toEqual(['cardinality.too-many @ Patient (Patient.identifier:mrn/official)']);
  });
});

describe('slicing: values in re-slices, the unsliced element, value sets that cannot be expanded (issue 15)', () => {
  const loinc = (code: string) => ({ system: 'http://loinc.org', code });
  const sct = (code: string) => ({ system: 'http://snomed.info/sct', code });
  const bpComponent = (...coding: unknown[]) => ({
    code: { coding },
    valueQuantity: {
      value: 120,
      unit: 'mm[Hg]',
      system: 'http://unitsofmeasure.org',
      code: 'mm[Hg]',
    },
  });
  const vitalSignsBp = (component: unknown[]) => ({
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
    code: { coding: [loinc('85354-9')] },
    subject: { reference: 'Patient/1' },
    effectiveDateTime: '2024-01-01',
    component,
  });

  it('finds discriminator values fixed in re-slices (R4 bp: component by code.coding.code/system)', () => {
    const v = baseValidator();
    const bp = 'http://hl7.org/fhir/StructureDefinition/bp';
    const good = v.validate(
      vitalSignsBp([bpComponent(sct('72313002'), loinc('8480-6')), bpComponent(loinc('8462-4'))]),
      { profiles: [bp] },
    );
    expect(errors(good.issues)).toEqual([]);
    const noDiastolic = v.validate(
      vitalSignsBp([bpComponent(loinc('8480-6')), bpComponent(loinc('9999-4'))]),
      { profiles: [bp] },
    );
    expect(errors(noDiastolic.issues)).toEqual([
      'cardinality.too-few @ Observation (Observation.component:DiastolicBP)',
    ]);
  });

  it('a discriminator value fixed on the unsliced element holds in every slice', () => {
    const validate = withProfile('Observation', [
      {
        id: 'Observation.component',
        path: 'Observation.component',
        slicing: { discriminator: [{ type: 'value', path: 'code.text' }], rules: 'closed' },
      },
      {
        id: 'Observation.component.code.coding',
        path: 'Observation.component.code.coding',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      {
        id: 'Observation.component.code.coding:loinc',
        path: 'Observation.component.code.coding',
        sliceName: 'loinc',
        min: 0,
        max: '1',
      },
      {
        id: 'Observation.component.code.coding:loinc.system',
        path: 'Observation.component.code.coding.system',
        fixedUri: 'http://loinc.org',
      },
      {
        id: 'Observation.component.code.coding:snomed',
        path: 'Observation.component.code.coding',
        sliceName: 'snomed',
        min: 0,
        max: '*',
      },
      {
        id: 'Observation.component.code.coding:snomed.system',
        path: 'Observation.component.code.coding.system',
        fixedUri: 'http://snomed.info/sct',
      },
      {
        id: 'Observation.component:a',
        path: 'Observation.component',
        sliceName: 'a',
        min: 1,
        max: '1',
      },
      {
        id: 'Observation.component:a.code.coding',
        path: 'Observation.component.code.coding',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      {
        id: 'Observation.component:a.code.coding:loinc',
        path: 'Observation.component.code.coding',
        sliceName: 'loinc',
        min: 1,
        max: '1',
      },
      {
        id: 'Observation.component:a.code.coding:loinc.code',
        path: 'Observation.component.code.coding.code',
        fixedCode: '8480-6',
      },
      {
        id: 'Observation.component:a.code.coding:snomed',
        path: 'Observation.component.code.coding',
        sliceName: 'snomed',
        min: 1,
      },
      {
        id: 'Observation.component:a.code.text',
        path: 'Observation.component.code.text',
        fixedString: 'A',
      },
    ]);
    const component = (...coding: unknown[]) => ({ code: { coding, text: 'A' }, valueString: 'x' });
    expect(
      errors(validate(obs({ component: [component(sct('72313002'), loinc('8480-6'))] })).issues),
    ).toEqual([]);
    expect(errors(validate(obs({ component: [component(loinc('8480-6'))] })).issues)).toEqual([
      'cardinality.too-few @ Observation.component[0].code (Observation.component:a.code.coding:snomed)',
    ]);
  });

  it('membership that rests on value sets it cannot expand is a warning, not an error', () => {
    const vs = (name: string) => ({
      resourceType: 'ValueSet',
      url: `https://mdss.example.org/fhir/ValueSet/${name}`,
      status: 'active',
      compose: {
        include: [
          {
            system: 'http://snomed.info/sct',
            filter: [{ property: 'concept', op: 'is-a', value: '363787002' }],
          },
        ],
      },
    });
    const local = {
      resourceType: 'ValueSet',
      url: 'https://mdss.example.org/fhir/ValueSet/local',
      status: 'active',
      compose: { include: [{ system: 'https://mdss.example.org/cs', concept: [{ code: 'L1' }] }] },
    };
    const cs = {
      resourceType: 'CodeSystem',
      url: 'https://mdss.example.org/cs',
      status: 'active',
      content: 'complete',
      concept: [{ code: 'L1' }, { code: 'L2' }],
    };
    const validate = withProfile(
      'Observation',
      [
        {
          id: 'Observation.code.coding',
          path: 'Observation.code.coding',
          slicing: { discriminator: [{ type: 'type', path: '$this' }], rules: 'closed' },
        },
        {
          id: 'Observation.code.coding:a',
          path: 'Observation.code.coding',
          sliceName: 'a',
          min: 0,
          max: '*',
          binding: { strength: 'extensible', valueSet: 'https://mdss.example.org/fhir/ValueSet/a' },
        },
        {
          id: 'Observation.code.coding:b',
          path: 'Observation.code.coding',
          sliceName: 'b',
          min: 1,
          max: '*',
          binding: { strength: 'extensible', valueSet: 'https://mdss.example.org/fhir/ValueSet/b' },
        },
        {
          id: 'Observation.code.coding:local',
          path: 'Observation.code.coding',
          sliceName: 'local',
          min: 0,
          max: '1',
          binding: { strength: 'required', valueSet: local.url },
        },
      ],
      [vs('a'), vs('b'), local, cs],
    );
    const result = validate(obs({ code: { coding: [sct('1000821000000103')] } }));
    expect(errors(result.issues)).toEqual([]);
    expect(
      result.issues
        .filter((i) => i.code === 'slice.membership-not-checked')
        .map((i) => [i.severity, i.expression]),
    ).toEqual([['warning', 'Observation.code.coding[0]']]);
    // a code the local value set decides belongs to that slice alone
    const decided = validate(
      obs({
        code: {
          coding: [sct('1000821000000103'), { system: 'https://mdss.example.org/cs', code: 'L1' }],
        },
      }),
    );
    expect(
      decided.issues.filter((i) => i.code.startsWith('slice.')).map((i) => i.expression),
    ).toEqual(['Observation.code.coding[0]']);
  });
});

describe('profile discriminator on a polymorphic element (issue 15)', () => {
  const profileOn = (type: string, n: string) => ({
    resourceType: 'StructureDefinition',
    url: `https://mdss.example.org/fhir/StructureDefinition/poly-${n}`,
    name: `Poly${n}`,
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: [{ id: type, path: type }] },
  });
  const patient = profileOn('Patient', 'patient');
  const practitioner = profileOn('Practitioner', 'practitioner');
  const role = profileOn('PractitionerRole', 'role');

  it('an entry belongs to the slice whose type and profile it satisfies, and is checked against that profile only', () => {
    const validate = withProfile(
      'Bundle',
      [
        {
          id: 'Bundle.entry',
          path: 'Bundle.entry',
          slicing: { discriminator: [{ type: 'profile', path: 'resource' }], rules: 'open' },
        },
        {
          id: 'Bundle.entry:subject',
          path: 'Bundle.entry',
          sliceName: 'subject',
          min: 1,
          max: '1',
        },
        {
          id: 'Bundle.entry:subject.resource',
          path: 'Bundle.entry.resource',
          type: [{ code: 'Patient', profile: [patient.url] }],
        },
        { id: 'Bundle.entry:staff', path: 'Bundle.entry', sliceName: 'staff', min: 1, max: '2' },
        {
          id: 'Bundle.entry:staff.resource',
          path: 'Bundle.entry.resource',
          type: [
            { code: 'Practitioner', profile: [practitioner.url] },
            { code: 'PractitionerRole', profile: [role.url] },
          ],
        },
      ],
      [patient, practitioner, role],
    );
    const entry = (resourceType: string, i: number) => ({
      fullUrl: `urn:uuid:9ce2a97b-5cab-4986-814f-4734016e620${i}`,
      resource: { resourceType },
    });
    const bundle = (...entries: unknown[]) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: entries,
    });
    expect(
      errors(
        validate(
          bundle(entry('Patient', 1), entry('Practitioner', 2), entry('PractitionerRole', 3)),
        ).issues,
      ),
    ).toEqual([]);
    expect(errors(validate(bundle(entry('Patient', 1), entry('Patient', 2))).issues)).toEqual([
      'cardinality.too-few @ Bundle (Bundle.entry:staff)',
      'cardinality.too-many @ Bundle (Bundle.entry:subject)',
    ]);
  });
});

describe('fixed values of a slice (settled by the walker when equal)', () => {
  const elements = (system: string, code: string) => [
    {
      id: 'Observation.code.coding',
      path: 'Observation.code.coding',
      slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
    },
    {
      id: 'Observation.code.coding:s',
      path: 'Observation.code.coding',
      sliceName: 's',
      min: 0,
      max: '1',
    },
    {
      id: 'Observation.code.coding:s.system',
      path: 'Observation.code.coding.system',
      min: 1,
      fixedUri: system,
    },
    {
      id: 'Observation.code.coding:s.code',
      path: 'Observation.code.coding.code',
      min: 1,
      fixedCode: code,
    },
  ];
  const withCoding = (coding: Record<string, unknown>) => obs({ code: { coding: [coding] } });
  const all = (issues: readonly Issue[]) => issues.map((i) => `${i.code} @ ${i.expression}`);

  it('settles a value equal to the fixed one, and still checks its _name, content and example URL', () => {
    const validate = withProfile('Observation', elements('https://mdss.example.org/s', 'a'));
    expect(
      errors(validate(withCoding({ system: 'https://mdss.example.org/s', code: 'a' })).issues),
    ).toEqual([]);
    expect(
      errors(
        validate(withCoding({ system: 'https://mdss.example.org/s', code: 'a', _code: { id: 7 } }))
          .issues,
      ),
    ).toEqual(['structure.wrong-json-type @ Observation.code.coding[0].code.id']);
    // a fixed value whose own content is invalid is reported on the value, as without the kind
    const bad = withProfile('Observation', elements('https://mdss.example.org/s', ' a'));
    expect(
      errors(bad(withCoding({ system: 'https://mdss.example.org/s', code: ' a' })).issues),
    ).toContain('primitive.invalid-format @ Observation.code.coding[0].code');
    // a fixed example URL is reported when the engine option forbids example URLs
    const sd = constraintProfile(
      `slicing-test-${++n}`,
      'Observation',
      elements('http://example.org/s', 'a'),
    );
    const strict = validatorWith([sd], { allowExampleUrls: false });
    expect(
      all(
        strict.validate(withCoding({ system: 'http://example.org/s', code: 'a' }), {
          profiles: [sd.url],
        }).issues,
      ),
    ).toContain('primitive.example-url @ Observation.code.coding[0].system');
  });
});
