/**
 * Element rules of profiles found on the HL7 validator's XML cases (issue 20), general to JSON and
 * XML: minLength, the R5 value-presence rules R4 profiles state by cross-version extensions, parts
 * of complex extensions, type profiles in StructureDefinitions. Small inputs written for one
 * behaviour each (codes, locations, severities; never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { createFhirXmlReader, validateFhirXml } from '../../src/fhir/xml/validate-fhir-xml.js';
import {
  constraintProfile as profile,
  registryWith,
  testProfileBase as t,
  validatorWith,
} from '../support/profile-fixtures.js';

const notInfo = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.severity !== 'information')
    .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };

describe('the minLength extension on an ElementDefinition', () => {
  const p = profile('min-length', 'Patient', [
    {
      id: 'Patient.id',
      path: 'Patient.id',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/minLength', valueInteger: 5 }],
    },
    {
      id: 'Patient.name.family',
      path: 'Patient.name.family',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/minLength', valueInteger: 2 }],
    },
  ]);
  const v = validatorWith([p]);

  it('a shorter string is primitive.too-short (error) at the value', () => {
    const r = v.validate(
      { resourceType: 'Patient', id: 'abc', text: narrative, name: [{ family: 'X' }] },
      { profiles: [p.url] },
    );
    expect(notInfo(r.issues)).toEqual([
      'error primitive.too-short @ Patient.id',
      'error primitive.too-short @ Patient.name[0].family',
    ]);
  });

  it('long enough strings pass, and the same rule holds in XML', () => {
    const ok = v.validate(
      { resourceType: 'Patient', id: 'abcde', text: narrative, name: [{ family: 'Xy' }] },
      { profiles: [p.url] },
    );
    expect(notInfo(ok.issues)).toEqual([]);
    const xml = validateFhirXml(
      v,
      createFhirXmlReader(v.registry),
      '<Patient xmlns="http://hl7.org/fhir"><id value="ab"/></Patient>',
      { profiles: [p.url] },
    );
    expect(notInfo(xml.issues)).toContain('error primitive.too-short @ Patient.id');
  });
});

describe('mustHaveValue and valueAlternatives (R5 rules by their R4 cross-version extensions)', () => {
  const xver = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.';
  const dar = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
  const present = profile('must-have-value', 'Patient', [
    {
      id: 'Patient.active',
      path: 'Patient.active',
      extension: [{ url: `${xver}mustHaveValue`, valueBoolean: true }],
    },
  ]);
  const alternative = profile('value-alternatives', 'Patient', [
    {
      id: 'Patient.active',
      path: 'Patient.active',
      extension: [{ url: `${xver}valueAlternatives`, valueCanonical: dar }],
    },
  ]);
  const v = validatorWith([present, alternative]);
  const patient = (active: Record<string, unknown>) => ({
    resourceType: 'Patient',
    text: narrative,
    ...active,
  });
  const absent = { _active: { extension: [{ url: dar, valueCode: 'unknown' }] } };

  it('mustHaveValue: extensions without a value are primitive.value-required (error)', () => {
    const r = v.validate(patient(absent), { profiles: [present.url] });
    expect(notInfo(r.issues)).toEqual(['error primitive.value-required @ Patient.active']);
    expect(
      notInfo(v.validate(patient({ active: true }), { profiles: [present.url] }).issues),
    ).toEqual([]);
  });

  it('valueAlternatives: an absent value needs one of the listed extensions', () => {
    expect(notInfo(v.validate(patient(absent), { profiles: [alternative.url] }).issues)).toEqual(
      [],
    );
    const other = {
      _active: {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/iso21090-nullFlavor', valueCode: 'UNK' },
        ],
      },
    };
    const r = v.validate(patient(other), { profiles: [alternative.url] });
    expect(notInfo(r.issues)).toContain(
      'error primitive.value-alternative-missing @ Patient.active',
    );
  });
});

describe('parts of a complex extension', () => {
  const animal = 'http://hl7.org/fhir/StructureDefinition/patient-animal';
  const species = { url: 'species', valueCodeableConcept: { text: 'dog' } };
  const v = validatorWith([]);
  const patient = (parts: unknown[]) => ({
    resourceType: 'Patient',
    text: narrative,
    extension: [{ url: animal, extension: parts }],
  });

  it('a relative url the definition does not list is extension.sub-extension-undefined (error)', () => {
    const r = v.validate(patient([species, { url: 'species-x', valueString: 'x' }]));
    expect(notInfo(r.issues)).toEqual([
      'error extension.sub-extension-undefined @ Patient.extension[0].extension[1]',
    ]);
  });

  it('listed parts pass, and an absolute url is an ordinary extension', () => {
    expect(notInfo(v.validate(patient([species])).issues)).toEqual([]);
    const r = v.validate(
      patient([species, { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime' }]),
    );
    expect(notInfo(r.issues).filter((i) => i.includes('sub-extension'))).toEqual([]);
  });
});

describe('a type profile in a StructureDefinition must constrain that type', () => {
  const v = validatorWith([]);
  const sd = (profiles: string[]) =>
    profile('typed-value', 'Observation', [
      {
        id: 'Observation.value[x]',
        path: 'Observation.value[x]',
        type: [{ code: 'Quantity', profile: profiles }],
      },
    ]);

  it('Count (a specialisation of Quantity) on Quantity is structuredefinition.type-profile-wrong-type', () => {
    const r = v.validate({
      ...sd(['http://hl7.org/fhir/StructureDefinition/Count']),
      text: narrative,
    });
    expect(notInfo(r.issues)).toContain(
      'error structuredefinition.type-profile-wrong-type @ StructureDefinition.differential.element[1].type[0].profile[0]',
    );
  });

  it('SimpleQuantity (a constraint on Quantity) is allowed', () => {
    const r = v.validate({
      ...sd(['http://hl7.org/fhir/StructureDefinition/SimpleQuantity']),
      text: narrative,
    });
    expect(notInfo(r.issues).filter((i) => i.includes('type-profile-wrong-type'))).toEqual([]);
  });
});

describe('references resolved outside the payload (resolveReference option)', () => {
  const circle = profile('linked-circle', 'Patient', [
    { id: 'Patient.gender', path: 'Patient.gender', fixedCode: 'other' },
    {
      id: 'Patient.link.other',
      path: 'Patient.link.other',
      type: [{ code: 'Reference', targetProfile: [`${t}linked-circle`] }],
    },
  ]);
  const patient = (id: string, gender: string, other?: string) => ({
    resourceType: 'Patient',
    id,
    text: narrative,
    gender,
    ...(other ? { link: [{ other: { reference: `Patient/${other}` }, type: 'seealso' }] } : {}),
  });
  const held: Record<string, unknown> = {
    'Patient/good': patient('good', 'other'),
    'Patient/bad': patient('bad', 'male'),
    'Patient/back': patient('back', 'other', 'source'),
    'Patient/source': patient('source', 'other', 'back'),
    'Patient/relay': patient('relay', 'other', 'bad'),
  };
  const registry = registryWith(circle);
  const v = createValidator({ registry, resolveReference: (ref) => held[ref] });

  it('a held target that breaks the target profile is reference.target-profile-mismatch (error)', () => {
    const r = v.validate(patient('source', 'other', 'bad'), { profiles: [circle.url] });
    expect(notInfo(r.issues)).toEqual([
      'error reference.target-profile-mismatch @ Patient.link[0].other',
    ]);
    // through a conforming relay whose own target does not conform
    const relayed = v.validate(patient('source', 'other', 'relay'), { profiles: [circle.url] });
    expect(notInfo(relayed.issues)).toEqual([
      'error reference.target-profile-mismatch @ Patient.link[0].other',
    ]);
  });

  it('resources that refer round a circle conform (the check met again is taken to hold)', () => {
    const r = v.validate(held['Patient/source'], { profiles: [circle.url] });
    expect(notInfo(r.issues)).toEqual([]);
    expect(
      notInfo(v.validate(patient('x', 'other', 'good'), { profiles: [circle.url] }).issues),
    ).toEqual([]);
  });

  it('without the option, a target outside the payload is not checked', () => {
    const plain = validatorWith([circle]);
    const r = plain.validate(patient('source', 'other', 'bad'), { profiles: [circle.url] });
    expect(notInfo(r.issues)).toEqual([]);
  });
});

describe('constraints on primitive elements', () => {
  const name = {
    resourceType: 'StructureDefinition',
    url: `${t}upper-given`,
    name: 'UpperGiven',
    status: 'draft',
    kind: 'complex-type',
    abstract: false,
    type: 'HumanName',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/HumanName',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'HumanName', path: 'HumanName' },
        {
          id: 'HumanName.given',
          path: 'HumanName.given',
          constraint: [
            {
              key: 'upper-1',
              severity: 'error',
              human: 'starts upper case',
              expression: "matches('^[A-Z]')",
            },
          ],
        },
      ],
    },
  };
  const p = profile('upper-names', 'Patient', [
    {
      id: 'Patient.name',
      path: 'Patient.name',
      type: [{ code: 'HumanName', profile: [name.url] }],
    },
  ]);
  const v = validatorWith([name, p]);

  it('a value that breaks the constraint is invariant.failed at that value', () => {
    const r = v.validate(
      { resourceType: 'Patient', text: narrative, name: [{ given: ['Ann', 'bob'] }] },
      { profiles: [p.url] },
    );
    expect(notInfo(r.issues)).toEqual(['error invariant.failed @ Patient.name[0].given[1]']);
  });

  it('values that hold it pass', () => {
    const r = v.validate(
      { resourceType: 'Patient', text: narrative, name: [{ given: ['Ann'] }] },
      { profiles: [p.url] },
    );
    expect(notInfo(r.issues)).toEqual([]);
  });
});

describe('FHIRPath memberOf() from local terminology', () => {
  const vs = {
    resourceType: 'ValueSet',
    url: 'https://mdss.example.org/fhir/ValueSet/low-only',
    status: 'draft',
    compose: {
      include: [
        {
          system: 'http://hl7.org/fhir/allergy-intolerance-criticality',
          concept: [{ code: 'low' }],
        },
      ],
    },
  };
  const p = profile('member-of', 'Basic', [
    {
      id: 'Basic.code',
      path: 'Basic.code',
      constraint: [
        {
          key: 'mo-1',
          severity: 'error',
          human: 'in the value set',
          expression: `memberOf('${vs.url}')`,
        },
      ],
    },
  ]);
  const v = validatorWith([vs, p]);
  const basic = (code: string) => ({
    resourceType: 'Basic',
    text: narrative,
    code: { coding: [{ system: 'http://hl7.org/fhir/allergy-intolerance-criticality', code }] },
  });

  it('a code outside the value set fails the invariant (no evaluation error)', () => {
    const r = v.validate(basic('high'), { profiles: [p.url] });
    expect(notInfo(r.issues)).toEqual(['error invariant.failed @ Basic.code']);
  });

  it('a code in it passes', () => {
    expect(notInfo(v.validate(basic('low'), { profiles: [p.url] }).issues)).toEqual([]);
  });
});

describe('a type profile that cannot be resolved', () => {
  const missing = 'https://mdss.example.org/fhir/StructureDefinition/not-loaded-identifier';
  const typed = { code: 'Identifier', profile: [missing] };
  const flat = profile('typed-identifier', 'Patient', [
    { id: 'Patient.identifier', path: 'Patient.identifier', type: [typed] },
  ]);
  const expanded = profile('typed-identifier-expanded', 'Patient', [
    { id: 'Patient.identifier', path: 'Patient.identifier', type: [typed] },
    { id: 'Patient.identifier.system', path: 'Patient.identifier.system', min: 1 },
  ]);
  const v = validatorWith([flat, expanded]);
  const patient = {
    resourceType: 'Patient',
    text: narrative,
    identifier: [{ system: 'https://mdss.example.org/id', value: '1' }],
  };

  it('is profile.type-profile-unresolved (error) at the value, whether or not the snapshot expanded it', () => {
    for (const p of [flat, expanded])
      expect(notInfo(v.validate(patient, { profiles: [p.url] }).issues)).toEqual([
        'error profile.type-profile-unresolved @ Patient.identifier[0]',
      ]);
  });
});

describe('rules on the sliced element apply to every slice', () => {
  const p = profile('params-closed', 'Parameters', [
    {
      id: 'Parameters.parameter',
      path: 'Parameters.parameter',
      slicing: { discriminator: [{ type: 'value', path: 'name' }], rules: 'closed' },
    },
    { id: 'Parameters.parameter.extension', path: 'Parameters.parameter.extension', max: '0' },
    {
      id: 'Parameters.parameter:a',
      path: 'Parameters.parameter',
      sliceName: 'a',
      min: 1,
      max: '1',
    },
    { id: 'Parameters.parameter:a.name', path: 'Parameters.parameter.name', fixedString: 'a' },
  ]);
  const v = validatorWith([p]);
  const ext = {
    url: 'http://hl7.org/fhir/StructureDefinition/parameters-fullUrl',
    valueUri: 'urn:x',
  };

  it('an item of a slice breaking a rule of the sliced element is reported', () => {
    const r = v.validate(
      {
        resourceType: 'Parameters',
        parameter: [{ extension: [ext], name: 'a', valueString: 'x' }],
      },
      { profiles: [p.url] },
    );
    expect(notInfo(r.issues)).toContain('error cardinality.too-many @ Parameters.parameter[0]');
  });

  it('an item that keeps them passes', () => {
    const r = v.validate(
      { resourceType: 'Parameters', parameter: [{ name: 'a', valueString: 'x' }] },
      { profiles: [p.url] },
    );
    expect(notInfo(r.issues)).toEqual([]);
  });
});
