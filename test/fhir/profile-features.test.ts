import { describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { englandRuleExtension } from '../../src/fhir/definitions/compiled/element-node.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { mayRememberEnglandPasses } from '../../src/fhir/validator/element-checks.js';
import type { Issue } from '../../src/issues/issue.js';
import { baseValidator } from '../support/shared-validator.js';

const base = baseValidator().registry;
const url = 'https://mdss.example.org/fhir/StructureDefinition/test-patient';

function validatorWith(...resources: unknown[]) {
  const registry = new CanonicalRegistry();
  registry.addAll(base.allResources());
  registry.addAll(resources);
  return createValidator({ registry });
}

function profile(elements: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'StructureDefinition',
    url,
    name: 'TestPatient',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: { element: [{ id: 'Patient', path: 'Patient' }, ...elements] },
    ...extra,
  };
}

const errors = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({ code: i.code, expression: i.expression }));

const nhsSlicing = [
  {
    id: 'Patient.identifier',
    path: 'Patient.identifier',
    slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
  },
  {
    id: 'Patient.identifier:nhsNumber',
    path: 'Patient.identifier',
    sliceName: 'nhsNumber',
    min: 1,
    max: '1',
  },
  {
    id: 'Patient.identifier:nhsNumber.system',
    path: 'Patient.identifier.system',
    min: 1,
    fixedUri: 'https://fhir.nhs.uk/Id/nhs-number',
  },
  {
    id: 'Patient.identifier:nhsNumber.value',
    path: 'Patient.identifier.value',
    min: 1,
    extension: [{ url: englandRuleExtension, valueCode: 'nhs-number' }],
  },
];

describe('profile features', () => {
  it('applies an England rule attached to a sliced element, only to that slice', () => {
    const v = validatorWith(profile(nhsSlicing));
    const r = v.validate(
      {
        resourceType: 'Patient',
        identifier: [
          { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9912003890' },
          { system: 'http://example.org/mrn', value: '9912003890' },
        ],
      },
      { profiles: [url] },
    );
    expect(errors(r.issues)).toEqual([
      { code: 'england.nhs-number-check-digit', expression: 'Patient.identifier[0].value' },
    ]);
  });

  it('checks England rules on every value, passes remembered per element and test-number option', () => {
    const strict = validatorWith(profile(nhsSlicing));
    const lenient = createValidator({
      registry: (() => {
        const registry = new CanonicalRegistry();
        registry.addAll(base.allResources());
        registry.addAll([profile(nhsSlicing)]);
        return registry;
      })(),
      engine: { allowTestNumbers: true },
    });
    const patient = (value: string) => ({
      resourceType: 'Patient',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value }],
    });
    const codesOf = (v: ReturnType<typeof createValidator>, value: string) =>
      errors(v.validate(patient(value), { profiles: [url] }).issues).map((i) => i.code);
    for (let round = 0; round < 3; round++) {
      // 999 007 9196: a well-formed number in the test range
      expect(codesOf(lenient, '9990079196')).toEqual([]);
      expect(codesOf(strict, '9990079196')).toEqual(['england.nhs-number-test-range']);
      expect(codesOf(strict, '9434765919')).toEqual([]);
      expect(codesOf(strict, '9912003890')).toEqual(['england.nhs-number-check-digit']);
      expect(codesOf(lenient, '9912003890')).toEqual(['england.nhs-number-check-digit']);
    }
  });

  it('reports a missing required slice as cardinality.too-few with the slice id', () => {
    const v = validatorWith(profile(nhsSlicing));
    const r = v.validate(
      { resourceType: 'Patient', identifier: [{ system: 'http://example.org/mrn', value: '1' }] },
      { profiles: [url] },
    );
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'cardinality.too-few',
        expression: 'Patient',
        params: expect.objectContaining({ path: 'Patient.identifier:nhsNumber' }),
      }),
    ]);
  });

  it('reports slice.no-match-in-closed-slicing for an item matching no slice of a closed slicing', () => {
    const closed = nhsSlicing.map((e) =>
      e.id === 'Patient.identifier'
        ? { ...e, slicing: { ...(e['slicing'] as object), rules: 'closed' } }
        : e,
    );
    const v = validatorWith(profile(closed));
    const r = v.validate(
      {
        resourceType: 'Patient',
        identifier: [
          { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449307539' },
          { system: 'http://example.org/mrn', value: '1' },
        ],
      },
      { profiles: [url] },
    );
    expect(errors(r.issues)).toEqual([
      { code: 'slice.no-match-in-closed-slicing', expression: 'Patient.identifier[1]' },
    ]);
  });

  it('tells pattern (partial) from fixed (exact)', () => {
    const v = validatorWith(
      profile([
        {
          id: 'Patient.maritalStatus',
          path: 'Patient.maritalStatus',
          patternCodeableConcept: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' },
            ],
          },
        },
        { id: 'Patient.gender', path: 'Patient.gender', fixedCode: 'female' },
      ]),
    );
    const ok = v.validate(
      {
        resourceType: 'Patient',
        gender: 'female',
        maritalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
              code: 'M',
              display: 'Married',
            },
          ],
          text: 'Married',
        },
      },
      { profiles: [url] },
    );
    expect(errors(ok.issues)).toEqual([]);
    const bad = v.validate(
      {
        resourceType: 'Patient',
        gender: 'male',
        maritalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'S' }],
        },
      },
      { profiles: [url] },
    );
    expect(errors(bad.issues)).toEqual([
      { code: 'fixed.mismatch', expression: 'Patient.gender' },
      { code: 'pattern.mismatch', expression: 'Patient.maritalStatus' },
    ]);
  });

  it('reports profile.unresolved for a requested profile that is not loaded', () => {
    const r = baseValidator().validate(
      { resourceType: 'Patient' },
      { profiles: ['http://example.org/nope'] },
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({ code: 'profile.unresolved', severity: 'error' }),
    );
  });

  it('reports binding.not-in-value-set for a code outside a required binding', () => {
    const r = baseValidator().validate({ resourceType: 'Patient', gender: 'mal' });
    expect(errors(r.issues)).toEqual([
      { code: 'binding.not-in-value-set', expression: 'Patient.gender' },
    ]);
  });

  it('reports an unknown extension as a warning and an unknown modifier extension as an error', () => {
    const r = baseValidator().validate({
      resourceType: 'Patient',
      extension: [{ url: 'http://example.org/x', valueString: 'a' }],
      modifierExtension: [{ url: 'http://partner.nhs.uk/y', valueString: 'b' }],
    });
    expect(
      r.issues
        .filter((i) => i.code.startsWith('extension.'))
        .map((i) => [i.code, i.severity, i.expression]),
    ).toEqual([
      ['extension.unknown', 'warning', 'Patient.extension[0]'],
      ['extension.modifier-unknown', 'error', 'Patient.modifierExtension[0]'],
    ]);
  });

  it('reports an unknown modifier extension on an example domain as a warning (error when example URLs are off)', () => {
    const resource = {
      resourceType: 'Patient',
      modifierExtension: [
        { url: 'http://example.org/fhir/StructureDefinition/y', valueString: 'b' },
      ],
    };
    const pick = (issues: readonly { code: string; severity: string; expression: string }[]) =>
      issues
        .filter((i) => i.code.startsWith('extension.'))
        .map((i) => [i.code, i.severity, i.expression]);
    expect(pick(baseValidator().validate(resource).issues)).toEqual([
      ['extension.modifier-unknown', 'warning', 'Patient.modifierExtension[0]'],
    ]);
    const strict = createValidator({ registry: base, engine: { allowExampleUrls: false } });
    expect(pick(strict.validate(resource).issues)).toContainEqual([
      'extension.modifier-unknown',
      'error',
      'Patient.modifierExtension[0]',
    ]);
  });

  it('checks a known extension by its definition: value type and context', () => {
    const r = baseValidator().validate({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
          valueDateTime: '2020-01-01T10:00:00Z',
        },
      ],
    });
    expect(errors(r.issues)).toContainEqual({
      code: 'extension.context-not-allowed',
      expression: 'Observation.extension[0]',
    });
    const ok = baseValidator().validate({
      resourceType: 'Patient',
      birthDate: '2020-01-01',
      _birthDate: {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
            valueDateTime: '2020-01-01T10:00:00Z',
          },
        ],
      },
    });
    expect(errors(ok.issues)).toEqual([]);
  });
});

describe('profiles that cannot be used', () => {
  it('reports profile.unresolved (not a crash) when a profile base cannot be resolved', () => {
    const broken = {
      resourceType: 'StructureDefinition',
      url: 'http://example.org/broken',
      name: 'Broken',
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Patient',
      baseDefinition: 'http://example.org/missing-base',
      derivation: 'constraint',
      differential: { element: [{ id: 'Patient', path: 'Patient' }] },
    };
    const v = validatorWith(broken);
    const r = v.validate({ resourceType: 'Patient' }, { profiles: ['http://example.org/broken'] });
    expect(r.issues).toContainEqual(
      expect.objectContaining({ code: 'profile.unresolved', severity: 'error' }),
    );
  });
});

describe('references', () => {
  const v = baseValidator();
  const errs = (r: ReturnType<typeof v.validate>) =>
    r.issues
      .filter((i) => i.severity !== 'information')
      .map((i) => [i.code, i.severity, i.expression]);

  it('checks the referenced type against the target types (a warning while the reference resolves nowhere)', () => {
    const r = v.validate({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'Medication/1' },
    });
    expect(errs(r)).toContainEqual([
      'reference.wrong-target-type',
      'warning',
      'Observation.subject',
    ]);
  });

  it('warns about a reference that is not Type/id, an absolute URL, a urn or #id', () => {
    const r = v.validate({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'just some text' },
    });
    expect(errs(r)).toContainEqual([
      'reference.invalid-format',
      'warning',
      'Observation.subject.reference',
    ]);
  });

  it('resolves references inside a Bundle through its index, and checks the resolved type', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'document',
      identifier: {
        system: 'urn:ietf:rfc:3986',
        value: 'urn:uuid:0b8f3a1e-4c11-4d55-9a1e-6b3c7d2e9f01',
      },
      timestamp: '2026-01-01T00:00:00Z',
      entry: [
        {
          fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
          resource: {
            resourceType: 'Composition',
            status: 'final',
            type: { text: 'x' },
            date: '2026-01-01',
            author: [{ reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0b' }],
            title: 'x',
            subject: { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0c' },
          },
        },
        {
          fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0b',
          resource: { resourceType: 'Practitioner' },
        },
        {
          fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0d',
          resource: { resourceType: 'Medication' },
        },
      ],
    };
    const r = v.validate(bundle);
    expect(errs(r)).toContainEqual([
      'reference.not-found-in-bundle',
      'error',
      'Bundle.entry[0].resource.subject',
    ]);
    const wrongType = structuredClone(bundle);
    (wrongType.entry[0]!.resource as Record<string, unknown>)['author'] = [
      { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0d' },
    ];
    expect(errs(v.validate(wrongType))).toContainEqual([
      'reference.wrong-target-type',
      'error',
      'Bundle.entry[0].resource.author[0]',
    ]);
  });

  it('reports an ambiguous reference that matches two entries', () => {
    const r = v.validate({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'http://a.org/fhir/Patient/1', resource: { resourceType: 'Patient', id: '1' } },
        { fullUrl: 'http://b.org/fhir/Patient/1', resource: { resourceType: 'Patient', id: '1' } },
        {
          fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0e',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'Patient/1' },
          },
        },
      ],
    });
    expect(errs(r)).toContainEqual([
      'reference.ambiguous-in-bundle',
      'error',
      'Bundle.entry[2].resource.subject',
    ]);
  });

  it("resolves a relative reference against the referrer's RESTful fullUrl; several other Type/id matches are only a warning", () => {
    const bundle = (base: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'http://a.org/fhir/Patient/1', resource: { resourceType: 'Patient', id: '1' } },
        { fullUrl: 'http://b.org/fhir/Patient/1', resource: { resourceType: 'Patient', id: '1' } },
        {
          fullUrl: `${base}Observation/9`,
          resource: {
            resourceType: 'Observation',
            id: '9',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'Patient/1' },
          },
        },
      ],
    });
    const all = (r: ReturnType<typeof v.validate>) =>
      r.issues
        .filter((i) => i.code.startsWith('reference.'))
        .map((i) => [i.code, i.severity, i.expression]);
    expect(all(v.validate(bundle('http://b.org/fhir/')))).toEqual([]);
    expect(all(v.validate(bundle('http://c.org/fhir/')))).toEqual([
      ['reference.ambiguous-in-bundle', 'warning', 'Bundle.entry[2].resource.subject'],
    ]);
  });
});

describe('England-rule passes kept between calls', () => {
  it('remembers codes, never a person identifier', () => {
    expect(mayRememberEnglandPasses(['sctid'])).toBe(true);
    expect(mayRememberEnglandPasses(['ods-code'])).toBe(true);
    expect(mayRememberEnglandPasses(['nhs-number'])).toBe(false);
    expect(mayRememberEnglandPasses(['uk-postcode'])).toBe(false);
    expect(mayRememberEnglandPasses(['ods-code', 'nhs-number'])).toBe(false);
  });
});
