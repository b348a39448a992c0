/**
 * General rules found on held-out HL7 validator cases (issue 15, second pass), each on small inputs
 * written for one behaviour: codes, FHIRPath locations and severities (never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { createNodeValidator } from '../../src/node/create-node-validator.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const located = (issues: readonly Issue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => `${i.severity} @ ${i.expression}`);
const errors = (issues: readonly Issue[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => `${i.code} @ ${i.expression}`);

describe('SearchParameter types agree with the R4 SearchParameters they name', () => {
  const sp = (type: string, derivedFrom?: string) => ({
    resourceType: 'SearchParameter',
    url: 'https://mdss.example.org/fhir/SearchParameter/org-name',
    name: 'OrgName',
    status: 'active',
    description: 'Organization name',
    code: 'name',
    base: ['Organization'],
    type,
    expression: 'Organization.name',
    ...(derivedFrom ? { derivedFrom } : {}),
  });

  it('a type other than the derivedFrom parameter (R4 Organization-name is string) is an error at type', () => {
    const r = v.validate(sp('token', 'http://hl7.org/fhir/SearchParameter/Organization-name'));
    expect(located(r.issues, 'searchparameter.derived-type-mismatch')).toEqual([
      'error @ SearchParameter.type',
    ]);
  });

  it('the same type, no derivedFrom, or a derivedFrom that is not loaded is fine', () => {
    for (const r of [
      v.validate(sp('string', 'http://hl7.org/fhir/SearchParameter/Organization-name')),
      v.validate(sp('token')),
      v.validate(sp('token', 'https://mdss.example.org/fhir/SearchParameter/unknown')),
    ])
      expect(located(r.issues, 'searchparameter.derived-type-mismatch')).toEqual([]);
  });

  const capability = (type: string, definition: string) => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-01-01',
    kind: 'instance',
    implementation: { description: 'test' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'AllergyIntolerance',
            searchParam: [
              {
                name: 'patient',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
                type: 'reference',
              },
              { name: 'clinical-status', definition, type },
            ],
          },
        ],
      },
    ],
  });

  it('a CapabilityStatement searchParam whose type differs from its definition (token) is an error at its type', () => {
    const r = v.validate(
      capability('date', 'http://hl7.org/fhir/SearchParameter/AllergyIntolerance-clinical-status'),
    );
    expect(located(r.issues, 'searchparameter.capability-type-mismatch')).toEqual([
      'error @ CapabilityStatement.rest[0].resource[0].searchParam[1].type',
    ]);
  });

  it('matching types and definitions that are not loaded are fine', () => {
    for (const r of [
      v.validate(
        capability(
          'token',
          'http://hl7.org/fhir/SearchParameter/AllergyIntolerance-clinical-status',
        ),
      ),
      v.validate(capability('date', 'https://mdss.example.org/fhir/SearchParameter/x')),
    ])
      expect(errors(r.issues)).toEqual([]);
  });
});

describe('a StructureDefinition differential applied to its base', () => {
  const sd = (
    elements: unknown[],
    base = 'http://hl7.org/fhir/StructureDefinition/Observation',
  ) => ({
    resourceType: 'StructureDefinition',
    url: 'https://mdss.example.org/fhir/StructureDefinition/obs',
    name: 'Obs',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Observation',
    baseDefinition: base,
    derivation: 'constraint',
    differential: { element: [{ id: 'Observation', path: 'Observation' }, ...elements] },
  });
  const faults = (r: { issues: readonly Issue[] }) =>
    r.issues
      .filter((i) => i.code === 'structuredefinition.differential-invalid')
      .map((i) => `${i.severity} @ ${i.expression} ${String(i.params?.['condition'])}`);

  it('a path the base does not have is an error at that differential element', () => {
    expect(
      faults(v.validate(sd([{ id: 'Observation.colour', path: 'Observation.colour' }]))),
    ).toEqual(['error @ StructureDefinition.differential.element[1] element-not-found']);
  });

  it('a choice renamed to a type the base does not allow is an error, even when the id is valid', () => {
    expect(
      faults(v.validate(sd([{ id: 'Observation.valueQuantity', path: 'Observation.valueBla' }]))),
    ).toEqual(['error @ StructureDefinition.differential.element[1] type-not-allowed']);
  });

  it('cardinality wider than the base and min above max are errors', () => {
    expect(
      faults(
        v.validate(
          sd([
            { id: 'Observation.status', path: 'Observation.status', max: '*' },
            { id: 'Observation.subject', path: 'Observation.subject', min: 2, max: '1' },
          ]),
        ),
      ),
    ).toEqual([
      'error @ StructureDefinition.differential.element[1] max-above-base',
      'error @ StructureDefinition.differential.element[2] min-above-max',
    ]);
  });

  it("a fixed value that contradicts the base profile's fixed value is an error", () => {
    const base = {
      resourceType: 'StructureDefinition',
      url: 'https://mdss.example.org/fhir/StructureDefinition/ext-base',
      name: 'ExtBase',
      status: 'draft',
      kind: 'complex-type',
      abstract: false,
      context: [{ type: 'element', expression: 'Element' }],
      type: 'Extension',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
      derivation: 'constraint',
      differential: {
        element: [
          { id: 'Extension', path: 'Extension' },
          {
            id: 'Extension.url',
            path: 'Extension.url',
            fixedUri: 'https://mdss.example.org/fhir/StructureDefinition/ext-base',
          },
        ],
      },
    };
    const derived = (url: string) => ({
      ...base,
      url: 'https://mdss.example.org/fhir/StructureDefinition/ext-derived',
      name: 'ExtDerived',
      baseDefinition: base.url,
      differential: {
        element: [
          { id: 'Extension', path: 'Extension' },
          { id: 'Extension.url', path: 'Extension.url', fixedUri: url },
        ],
      },
    });
    const withBase = createNodeValidator([base], { framework: 'none' });
    expect(
      faults(
        withBase.validate(derived('https://mdss.example.org/fhir/StructureDefinition/ext-derived')),
      ),
    ).toEqual(['error @ StructureDefinition.differential.element[1] fixed-conflict']);
    expect(faults(withBase.validate(derived(base.differential.element[1]!.fixedUri!)))).toEqual([]);
  });

  it('a discriminator path that starts at no element of the sliced type is an error at the discriminator', () => {
    const sliced = (path: string) =>
      sd([
        {
          id: 'Observation.extension',
          path: 'Observation.extension',
          slicing: { discriminator: [{ type: 'value', path }], rules: 'open' },
        },
        {
          id: 'Observation.component',
          path: 'Observation.component',
          slicing: { discriminator: [{ type: 'pattern', path: 'code' }], rules: 'open' },
        },
      ]);
    expect(
      v
        .validate(sliced('type'))
        .issues.filter((i) => i.code === 'structuredefinition.discriminator-path-invalid')
        .map((i) => `${i.severity} @ ${i.expression}`),
    ).toEqual(['error @ StructureDefinition.differential.element[1].slicing.discriminator[0]']);
    for (const path of ['url', 'value.ofType(Coding).code', "extension('x').value", '$this'])
      expect(errors(v.validate(sliced(path)).issues)).toEqual([]);
  });

  it('a consistent profile, a specialization and a profile of an unknown base are not reported', () => {
    expect(
      faults(
        v.validate(
          sd([
            { id: 'Observation.status', path: 'Observation.status', min: 1 },
            {
              id: 'Observation.value[x]',
              path: 'Observation.value[x]',
              type: [{ code: 'Quantity' }],
            },
            { id: 'Observation.valueQuantity', path: 'Observation.valueQuantity', min: 1 },
            { id: 'Observation.subject', path: 'Observation.subject', max: '1' },
          ]),
        ),
      ),
    ).toEqual([]);
    expect(
      faults(
        v.validate(
          sd(
            [{ id: 'Observation.colour', path: 'Observation.colour' }],
            'https://mdss.example.org/fhir/StructureDefinition/not-loaded',
          ),
        ),
      ),
    ).toEqual([]);
  });
});

describe('parameterised ValueSet filters (tools IG valueset-parameter, cqf-expression values)', () => {
  const valueSet = (expression: { language: string; expression: string }, declared = true) => ({
    resourceType: 'ValueSet',
    url: 'https://mdss.example.org/fhir/ValueSet/parameterised',
    status: 'active',
    ...(declared
      ? {
          extension: [
            {
              url: 'http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter',
              extension: [{ url: 'name', valueCode: 'p-inactive' }],
            },
          ],
        }
      : {}),
    compose: {
      include: [
        {
          system: 'http://snomed.info/sct',
          filter: [
            {
              property: 'inactive',
              op: '=',
              _value: {
                extension: [
                  {
                    url: 'http://hl7.org/fhir/StructureDefinition/cqf-expression',
                    valueExpression: expression,
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  });
  const at = 'ValueSet.compose.include[0].filter[0].value.extension[0].value.ofType(Expression)';
  const fhirpath = (expression: string) => ({ language: 'text/fhirpath', expression });
  const found = (r: { issues: readonly Issue[] }) =>
    r.issues
      .filter((i) => i.code.startsWith('valueset.filter-expression'))
      .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

  it('a language other than text/fhirpath is an error at the Expression', () => {
    expect(found(v.validate(valueSet({ language: 'text/cql', expression: 'x' })))).toEqual([
      `error valueset.filter-expression-language @ ${at}`,
    ]);
  });

  it('an expression that is not FHIRPath is an error at the Expression', () => {
    expect(found(v.validate(valueSet(fhirpath('$ and %p-inactive'))))).toEqual([
      `error valueset.filter-expression-invalid @ ${at}`,
    ]);
  });

  it('a %variable the ValueSet does not declare is an error; declared ones (with dashes) and environment variables pass', () => {
    expect(found(v.validate(valueSet(fhirpath('%p-inactive3'))))).toEqual([
      `error valueset.filter-expression-unknown-parameter @ ${at}`,
    ]);
    expect(found(v.validate(valueSet(fhirpath('%p-inactive'))))).toEqual([]);
    expect(found(v.validate(valueSet(fhirpath('%p-inactive and %resource.exists()'))))).toEqual([]);
    // a ValueSet that declares no parameters: names are not checked
    expect(found(v.validate(valueSet(fhirpath('%anything'), false)))).toEqual([]);
  });
});

describe('narrative hyperlinks inside the resource', () => {
  const patient = (div: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Patient',
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${div}</div>` },
    ...extra,
  });
  const found = (r: { issues: readonly Issue[] }) =>
    located(r.issues, 'structure.narrative-link-unresolved');

  it('a link to #x that names nothing in the resource is an error at the div', () => {
    expect(found(v.validate(patient('<p><a href="#other-entry">See above</a></p>')))).toEqual([
      'error @ Patient.text.div',
    ]);
  });

  it('links to an element id or name in the narrative, or to a contained resource, resolve', () => {
    expect(
      found(
        v.validate(patient('<p id="a">A</p><a name="b">B</a><a href="#a">a</a><a href="#b">b</a>')),
      ),
    ).toEqual([]);
    expect(
      found(
        v.validate(
          patient('<a href="#org1">the organisation</a>', {
            contained: [{ resourceType: 'Organization', id: 'org1', name: 'x' }],
            managingOrganization: { reference: '#org1' },
          }),
        ),
      ),
    ).toEqual([]);
    // external links and an empty fragment are not this rule's business
    expect(
      found(v.validate(patient('<a href="https://example.org/#x">x</a><a href="#">top</a>'))),
    ).toEqual([]);
  });
});

describe('SNOMED CT constraint filters are ECL', () => {
  const vs = (value: string) => ({
    resourceType: 'ValueSet',
    url: 'https://mdss.example.org/fhir/ValueSet/ecl',
    status: 'active',
    compose: {
      include: [
        { system: 'http://snomed.info/sct', filter: [{ property: 'constraint', op: '=', value }] },
      ],
    },
  });

  it('an expression that is not ECL is an error at the filter; valid ECL passes', () => {
    expect(
      located(v.validate(vs('234234 << 234234')).issues, 'valueset.filter-value-invalid'),
    ).toEqual(['error @ ValueSet.compose.include[0].filter[0]']);
    expect(
      errors(v.validate(vs('<< 404684003 |Clinical finding| MINUS << 64572001')).issues),
    ).toEqual([]);
  });
});

describe('references must resolve (engine option checkReferencesExist)', () => {
  const strict = createNodeValidator([], {
    framework: 'none',
    engine: { checkReferencesExist: true },
  });
  const coverage = (id: string, beneficiary: string) => ({
    resourceType: 'Coverage',
    id,
    status: 'active',
    beneficiary: { reference: beneficiary },
    payor: [{ display: 'x' }],
  });
  const parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'member', resource: { resourceType: 'Patient', id: '1' } },
      { name: 'old', resource: coverage('a', 'Patient/1') },
      { name: 'new', resource: coverage('b', 'Patient/2') },
    ],
  };

  it('a Type/id reference that resolves nowhere is an error; one resolved among the Parameters resources is not', () => {
    expect(located(strict.validate(parameters).issues, 'reference.not-found')).toEqual([
      'error @ Parameters.parameter[2].resource.beneficiary',
    ]);
  });

  it('off by default: an unresolved reference may be held by the receiver', () => {
    expect(located(v.validate(parameters).issues, 'reference.not-found')).toEqual([]);
    expect(
      located(
        strict.validate({ ...parameters, parameter: parameters.parameter.slice(0, 2) }).issues,
        'reference.not-found',
      ),
    ).toEqual([]);
  });
});
