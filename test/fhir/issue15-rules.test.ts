/**
 * R4 rules of issue 15, each on small inputs written for one behaviour (codes, locations and
 * severities; never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const notInfo = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.severity !== 'information')
    .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

describe('ElementDefinition invariants with PCRE-style regexes (eld-16, eld-19, eld-20)', () => {
  const sd = (elements: unknown[]) => ({
    resourceType: 'StructureDefinition',
    url: 'https://mdss.example.org/fhir/StructureDefinition/eld',
    name: 'Eld',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: { element: [{ id: 'Patient', path: 'Patient' }, ...elements] },
  });

  it('are evaluated: a good StructureDefinition has no evaluation warnings', () => {
    expect(
      notInfo(
        v.validate(
          sd([{ id: 'Patient.name:official', path: 'Patient.name', sliceName: 'official' }]),
        ).issues,
      ),
    ).toEqual([]);
  });

  it('eld-16: a sliceName that is not a token is an error on its element', () => {
    expect(
      notInfo(
        v.validate(sd([{ id: 'Patient.name:a b', path: 'Patient.name', sliceName: 'a b' }])).issues,
      ),
    ).toEqual(['error invariant.failed @ StructureDefinition.differential.element[1]']);
  });
});

const located = (issues: readonly Issue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => `${i.severity} @ ${i.expression} ${i.pointer}`);

describe('Resource.id has no extensions', () => {
  it('an extension on the id of any resource is an error at its id', () => {
    const r = v.validate({
      resourceType: 'Patient',
      id: 'a',
      _id: { extension: [{ url: 'https://mdss.example.org/x', valueString: 'y' }] },
    });
    expect(located(r.issues, 'structure.resource-id-extension')).toEqual([
      'error @ Patient.id /_id',
    ]);
    const contained = v.validate({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      contained: [
        {
          resourceType: 'Patient',
          _id: { extension: [{ url: 'https://mdss.example.org/x', valueString: 'y' }] },
        },
      ],
    });
    expect(located(contained.issues, 'structure.resource-id-extension')).toEqual([
      'error @ Observation.contained[0].id /contained/0/_id',
    ]);
    expect(
      located(
        v.validate({ resourceType: 'Patient', id: 'a' }).issues,
        'structure.resource-id-extension',
      ),
    ).toEqual([]);
  });
});

describe('Bundle.entry.fullUrl is absolute', () => {
  const bundle = (fullUrl: string) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ fullUrl, resource: { resourceType: 'Patient', id: '1' } }],
  });
  it('a relative fullUrl is an error; absolute URLs and urn:uuid:/urn:oid: are fine', () => {
    expect(located(v.validate(bundle('Patient/1')).issues, 'bundle.fullurl-not-absolute')).toEqual([
      'error @ Bundle.entry[0].fullUrl /entry/0/fullUrl',
    ]);
    for (const ok of [
      'https://example.org/fhir/Patient/1',
      'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6001',
      'urn:oid:1.2.3',
    ]) {
      expect(located(v.validate(bundle(ok)).issues, 'bundle.fullurl-not-absolute'), ok).toEqual([]);
    }
  });
});

describe('searchset entries by their search mode', () => {
  const searchset = (entries: unknown[]) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: entries,
  });
  const codes = ['bundle.search-match-without-id', 'bundle.search-outcome-not-operation-outcome'];
  const found = (b: unknown) =>
    v
      .validate(b)
      .issues.filter((i) => codes.includes(i.code))
      .map((i) => `${i.severity} ${i.code} @ ${i.expression} ${i.pointer}`);
  it('a match without an id and an outcome that is not an OperationOutcome are errors at the resource', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational' }],
    };
    expect(
      found(
        searchset([
          { search: { mode: 'outcome' }, resource: { resourceType: 'Patient', id: 'p' } },
          { search: { mode: 'match' }, resource: outcome },
        ]),
      ),
    ).toEqual([
      'error bundle.search-outcome-not-operation-outcome @ Bundle.entry[0].resource /entry/0/resource',
      'error bundle.search-match-without-id @ Bundle.entry[1].resource /entry/1/resource',
    ]);
  });
  it('matches with ids, outcomes, entries without a mode and other Bundle types are fine', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational' }],
    };
    expect(
      found(
        searchset([
          { search: { mode: 'match' }, resource: { resourceType: 'Patient', id: 'p' } },
          { search: { mode: 'outcome' }, resource: outcome },
          { resource: { resourceType: 'Patient' } },
          { search: { mode: 'include' }, resource: { resourceType: 'Patient' } },
        ]),
      ),
    ).toEqual([]);
    expect(
      found({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ search: { mode: 'match' }, resource: { resourceType: 'Patient' } }],
      }),
    ).toEqual([]);
  });
});

describe('a required-bound code given only as extensions', () => {
  const dar = {
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
    ],
  };
  const allergy = (more: Record<string, unknown>) => ({
    resourceType: 'AllergyIntolerance',
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: 'active',
        },
      ],
    },
    patient: { reference: 'Patient/1' },
    ...more,
  });
  it('is an error at the code, in lists and single values alike', () => {
    expect(
      located(
        v.validate(allergy({ _category: [dar], _criticality: dar })).issues,
        'binding.code-missing',
      ),
    ).toEqual([
      'error @ AllergyIntolerance.category[0] /_category/0',
      'error @ AllergyIntolerance.criticality /_criticality',
    ]);
  });
  it('a code with extensions, and an extension-only string or unbound code, are fine', () => {
    expect(
      located(
        v.validate(allergy({ category: ['food'], _category: [dar] })).issues,
        'binding.code-missing',
      ),
    ).toEqual([]);
    // Patient.language is bound `preferred` in R4; Patient.gender `required`
    expect(
      located(
        v.validate({ resourceType: 'Patient', _language: dar, _birthDate: dar }).issues,
        'binding.code-missing',
      ),
    ).toEqual([]);
    expect(
      located(v.validate({ resourceType: 'Patient', _gender: dar }).issues, 'binding.code-missing'),
    ).toEqual(['error @ Patient.gender /_gender']);
  });
});

describe('a MeasureReport against its Measure', () => {
  const url = 'https://mdss.example.org/fhir/Measure/beds';
  const measure = (scoring: string) => ({
    resourceType: 'Measure',
    url,
    status: 'active',
    scoring: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: scoring }],
    },
  });
  const report = {
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    measure: url,
    period: { start: '2026-01-01', end: '2026-01-31' },
    group: [
      { population: [{ count: 3 }] },
      { population: [{ count: 4 }], measureScore: { value: 4 } },
    ],
  };
  const withMeasure = (scoring: string) => {
    const registry = new CanonicalRegistry();
    registry.addAll(v.registry.allResources());
    registry.addAll([measure(scoring)]);
    return createValidator({ registry });
  };
  it('a cohort measure has no score: a group with a measureScore is an error at the score', () => {
    expect(
      located(withMeasure('cohort').validate(report).issues, 'measure.score-not-allowed'),
    ).toEqual(['error @ MeasureReport.group[1].measureScore /group/1/measureScore']);
    const bundled = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6002', resource: measure('cohort') },
        { fullUrl: 'urn:uuid:9ce2a97b-5cab-4986-814f-4734016e6003', resource: report },
      ],
    };
    expect(located(v.validate(bundled).issues, 'measure.score-not-allowed')).toEqual([
      'error @ Bundle.entry[1].resource.group[1].measureScore /entry/1/resource/group/1/measureScore',
    ]);
  });
  it('stratifiers are linked to the Measure group by code: unmatched and unreported ones are errors', () => {
    const registry = new CanonicalRegistry();
    registry.addAll(v.registry.allResources());
    const age = { text: 'age-band' };
    const sex = { coding: [{ system: 'https://mdss.example.org/cs', code: 'sex' }] };
    registry.addAll([
      { ...measure('proportion'), group: [{ stratifier: [{ code: age }, { code: sex }] }] },
    ]);
    const strat = createValidator({ registry });
    const stratified = (stratifier: unknown[]) => ({
      ...report,
      group: [{ population: [{ count: 3 }], stratifier }],
    });
    const codes = ['measure.stratifier-not-in-measure', 'measure.stratifier-missing'];
    const found = (r: unknown) =>
      strat
        .validate(r)
        .issues.filter((i) => codes.includes(i.code))
        .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);
    expect(found(stratified([{ code: [age] }, { code: [sex] }]))).toEqual([]);
    expect(found(stratified([{ code: [age] }, {}]))).toEqual([
      'error measure.stratifier-missing @ MeasureReport.group[0]',
      'error measure.stratifier-not-in-measure @ MeasureReport.group[0].stratifier[1]',
    ]);
  });
  it('a proportion measure, or a Measure that cannot be found, is not an error', () => {
    expect(
      located(withMeasure('proportion').validate(report).issues, 'measure.score-not-allowed'),
    ).toEqual([]);
    expect(located(v.validate(report).issues, 'measure.score-not-allowed')).toEqual([]);
  });
});

describe('example URLs when the allowExampleUrls option is off', () => {
  const strict = createValidator({ registry: v.registry, engine: { allowExampleUrls: false } });
  const doc = (url: string) => ({
    resourceType: 'DocumentReference',
    status: 'current',
    content: [{ attachment: { url } }],
  });
  it('a url or uri on an example domain is an error at the element; by default it passes', () => {
    expect(
      located(
        strict.validate(doc('http://repository.example.org/fhir/x')).issues,
        'primitive.example-url',
      ),
    ).toEqual(['error @ DocumentReference.content[0].attachment.url /content/0/attachment/url']);
    const pat = {
      resourceType: 'Patient',
      birthDate: '2000-01-01',
      _birthDate: { extension: [{ url: 'https://acme.com/ext', valueString: 'x' }] },
    };
    expect(located(strict.validate(pat).issues, 'primitive.example-url')).toEqual([
      'error @ Patient.birthDate.extension[0].url /_birthDate/extension/0/url',
    ]);
    expect(
      located(
        v.validate(doc('http://repository.example.org/fhir/x')).issues,
        'primitive.example-url',
      ),
    ).toEqual([]);
  });
  it('other hosts, look-alikes and non-URL uris pass', () => {
    for (const ok of [
      'https://fhir.nhs.uk/x',
      'https://notexample.org/x',
      'https://example.org.uk/x',
      'urn:oid:1.2.3',
      'mailto:a@example.org',
    ]) {
      expect(located(strict.validate(doc(ok)).issues, 'primitive.example-url'), ok).toEqual([]);
    }
  });
});

describe('a SearchParameter expression starts at one of its bases', () => {
  const sp = (base: string[], expression: string) => ({
    resourceType: 'SearchParameter',
    url: 'https://mdss.example.org/fhir/SearchParameter/x',
    name: 'X',
    status: 'draft',
    description: 'x',
    code: 'x',
    base,
    type: 'token',
    expression,
  });
  it('a path from another resource type is an error at the expression', () => {
    expect(
      located(
        v.validate(sp(['Patient'], 'Organization.name | Organization.alias')).issues,
        'searchparameter.expression-not-on-base',
      ),
    ).toEqual(['error @ SearchParameter.expression /expression']);
    expect(
      located(
        v.validate(sp(['Patient', 'Practitioner'], 'Patient.name | (Organization.name)')).issues,
        'searchparameter.expression-not-on-base',
      ),
    ).toEqual(['error @ SearchParameter.expression /expression']);
  });
  it('paths from the bases, from Resource, casts in parentheses and unions inside functions are fine', () => {
    for (const [base, expression] of [
      [['Patient', 'Practitioner'], 'Patient.name | Practitioner.name'],
      [['Patient'], 'Resource.id'],
      [['Resource'], 'Patient.id'],
      [
        ['Observation'],
        "(Observation.value as Quantity) | Observation.component.where(code.text = 'a|Organization.x').value",
      ],
      [['Observation'], 'Observation.subject.where(resolve() is Patient)'],
    ] as const) {
      expect(
        located(
          v.validate(sp([...base], expression)).issues,
          'searchparameter.expression-not-on-base',
        ),
        expression,
      ).toEqual([]);
    }
  });
});

describe('Attachment size and hash agree with the data', () => {
  const data = btoa('fourteen bytes'); // 14 bytes
  const media = (content: Record<string, unknown>) => ({
    resourceType: 'Media',
    status: 'completed',
    content: { contentType: 'text/plain', data, ...content },
  });
  it('a stated size other than the decoded length is an error at size', () => {
    expect(
      located(v.validate(media({ size: 100 })).issues, 'structure.attachment-size-mismatch'),
    ).toEqual(['error @ Media.content.size /content/size']);
    expect(
      located(v.validate(media({ size: 14 })).issues, 'structure.attachment-size-mismatch'),
    ).toEqual([]);
  });
  it('a stated hash other than the base64 SHA-1 of the data is an error at hash', () => {
    expect(
      located(v.validate(media({ hash: 'Zm9v' })).issues, 'structure.attachment-hash-mismatch'),
    ).toEqual(['error @ Media.content.hash /content/hash']);
    // SHA-1 of "fourteen bytes", computed independently (sha1sum)
    expect(
      located(
        v.validate(media({ hash: 'U12Hpw4eioLry2H4FKUbaheCaec=' })).issues,
        'structure.attachment-hash-mismatch',
      ),
    ).toEqual([]);
  });
});

describe('strict JSON', () => {
  it('comments, trailing commas, unquoted names and single quotes are input.invalid-json at their line and column', () => {
    const cases: [string, number, number][] = [
      ['{"resourceType": "Patient",\n  // a comment\n  "active": true}', 2, 3],
      ['{"resourceType": "Patient" /* a comment */}', 1, 28],
      ['{"resourceType": "Patient",\n "active": true,\n}', 3, 1],
      ['{"resourceType": "Patient", "name": [{"family": "x"},]}', 1, 54],
      ['{resourceType: "Patient"}', 1, 2],
      ["{'resourceType': 'Patient'}", 1, 2],
      ['{"resourceType": "Patient", "gender": \'male\'}', 1, 39],
    ];
    for (const [text, line, column] of cases) {
      const r = v.validate(text);
      expect(r.valid, text).toBe(false);
      expect(
        r.issues.map((i) => [i.code, i.severity, i.position?.line, i.position?.column]),
        text,
      ).toEqual([['input.invalid-json', 'fatal', line, column]]);
    }
  });
});

describe('extension contexts the R4 specification itself uses', () => {
  it('structuredefinition-fhir-type on ElementDefinition.type (as in R4 snapshots) is allowed', () => {
    const fhirType = {
      url: 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type',
      valueUrl: 'string',
    };
    const sd = {
      resourceType: 'StructureDefinition',
      url: 'https://mdss.example.org/fhir/StructureDefinition/ctx',
      name: 'Ctx',
      status: 'draft',
      kind: 'logical',
      abstract: false,
      type: 'https://mdss.example.org/fhir/StructureDefinition/ctx',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Element',
      derivation: 'specialization',
      differential: {
        element: [
          { id: 'Ctx', path: 'Ctx' },
          {
            id: 'Ctx.id',
            path: 'Ctx.id',
            min: 0,
            max: '1',
            type: [{ extension: [fhirType], code: 'http://hl7.org/fhirpath/System.String' }],
          },
        ],
      },
    };
    expect(located(v.validate(sd).issues, 'extension.context-not-allowed')).toEqual([]);
    // elsewhere it is still out of context
    const patient = {
      resourceType: 'Patient',
      birthDate: '2000-01-01',
      _birthDate: { extension: [fhirType] },
    };
    expect(located(v.validate(patient).issues, 'extension.context-not-allowed')).toEqual([
      'error @ Patient.birthDate.extension[0] /_birthDate/extension/0',
    ]);
  });
});

describe('R4 vital signs profiles apply by code', () => {
  const observation = (code: string, valueQuantity: Record<string, unknown>) => ({
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
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: 'Patient/1' },
    effectiveDateTime: '2024-01-01',
    valueQuantity,
  });
  const celsius = { value: 37, unit: 'C', system: 'http://unitsofmeasure.org', code: 'Cel' };

  it('an Observation with LOINC 8310-5 is checked against bodytemp, without declaring it', () => {
    const good = v.validate(observation('8310-5', celsius));
    expect(good.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(good.profiles).toContain('http://hl7.org/fhir/StructureDefinition/bodytemp|4.0.1');
    const metres = v.validate(observation('8310-5', { ...celsius, code: 'm' }));
    expect(located(metres.issues, 'binding.not-in-value-set')).toEqual([
      'error @ Observation.value.ofType(Quantity).code /valueQuantity/code',
    ]);
  });

  it('a component unit outside Vital Signs Units is a warning, as the HL7 validator reports it', () => {
    const flow = {
      code: { coding: [{ system: 'http://loinc.org', code: '3151-8' }] },
      valueQuantity: {
        value: 2,
        unit: 'L/min',
        system: 'http://unitsofmeasure.org',
        code: 'L/min',
      },
    };
    const r = v.validate({
      ...observation('2708-6', {
        value: 97,
        unit: '%',
        system: 'http://unitsofmeasure.org',
        code: '%',
      }),
      component: [flow],
    });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(located(r.issues, 'binding.not-in-value-set-extensible')).toContain(
      'warning @ Observation.component[0].value.ofType(Quantity) /component/0/valueQuantity',
    );
  });

  it('other codes get no vital signs profile, and the option turns the rule off', () => {
    expect(v.validate(observation('2339-0', { ...celsius, code: 'mg/dL' })).profiles).toEqual([]);
    const off = createValidator({ registry: v.registry, engine: { vitalSignsProfiles: false } });
    const metres = off.validate(observation('8310-5', { ...celsius, code: 'm' }));
    expect(metres.profiles).toEqual([]);
    expect(located(metres.issues, 'binding.not-in-value-set')).toEqual([]);
  });
});

describe('choice elements under a profile', () => {
  let n = 0;
  const withProfile = (elements: unknown[]) => {
    const url = `https://mdss.example.org/fhir/StructureDefinition/issue15-choice-${++n}`;
    const sd = {
      resourceType: 'StructureDefinition',
      url,
      name: `Choice${n}`,
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Observation',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation',
      derivation: 'constraint',
      differential: { element: [{ id: 'Observation', path: 'Observation' }, ...elements] },
    };
    const registry = new CanonicalRegistry();
    registry.addAll(v.registry.allResources());
    registry.add(sd);
    const validator = createValidator({ registry });
    return (resource: unknown) => validator.validate(resource, { profiles: [url] }).issues;
  };
  const obs = (extra: Record<string, unknown>) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'x' },
    ...extra,
  });
  const errorsAt = (issues: readonly Issue[]) =>
    issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.code} @ ${i.expression} ${i.pointer}`);

  it('a type-specific max 0 (value[x]:valueQuantity) forbids that type', () => {
    const validate = withProfile([
      { id: 'Observation.value[x]:valueQuantity', path: 'Observation.valueQuantity', max: '0' },
    ]);
    expect(errorsAt(validate(obs({ valueQuantity: { value: 1 } })))).toEqual([
      'cardinality.too-many @ Observation.value.ofType(Quantity) /valueQuantity',
    ]);
    expect(errorsAt(validate(obs({})))).toEqual([]);
  });

  it('a choice type the profile does not allow is one error, not unknown property plus minimum required', () => {
    const validate = withProfile([
      {
        id: 'Observation.value[x]',
        path: 'Observation.value[x]',
        min: 1,
        type: [{ code: 'Quantity' }],
      },
    ]);
    expect(errorsAt(validate(obs({ valueString: 'a' })))).toEqual([
      'structure.choice-type-not-allowed @ Observation /valueString',
    ]);
    expect(errorsAt(validate(obs({ valueFoo: 'a', valueQuantity: { value: 1 } })))).toEqual([
      'structure.unknown-property @ Observation /valueFoo',
    ]);
  });
});

describe('ElementDefinition.type.aggregation', () => {
  let n = 0;
  const withProfile = (aggregation: string[]) => {
    const url = `https://mdss.example.org/fhir/StructureDefinition/issue15-aggregation-${++n}`;
    const sd = {
      resourceType: 'StructureDefinition',
      url,
      name: `Aggregation${n}`,
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Observation',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation',
      derivation: 'constraint',
      differential: {
        element: [
          { id: 'Observation', path: 'Observation' },
          {
            id: 'Observation.subject',
            path: 'Observation.subject',
            type: [
              {
                code: 'Reference',
                targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'],
                aggregation,
              },
            ],
          },
        ],
      },
    };
    const registry = new CanonicalRegistry();
    registry.addAll(v.registry.allResources());
    registry.add(sd);
    return { url, validator: createValidator({ registry }) };
  };
  const patient = { resourceType: 'Patient', id: 'p1' };
  const obs = (reference: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'x' },
    subject: { reference },
    ...extra,
  });
  const agg = (issues: readonly Issue[]) => located(issues, 'reference.aggregation-not-allowed');

  it('contained only: a contained reference passes, an external one is an error at the Reference', () => {
    const { url, validator } = withProfile(['contained']);
    expect(
      agg(validator.validate(obs('#p1', { contained: [patient] }), { profiles: [url] }).issues),
    ).toEqual([]);
    expect(agg(validator.validate(obs('Patient/p1'), { profiles: [url] }).issues)).toEqual([
      'error @ Observation.subject /subject',
    ]);
  });

  it('bundled only: resolved in the Bundle passes; a contained one, or one the Bundle lacks, is an error', () => {
    const { url, validator } = withProfile(['bundled']);
    const bundle = (o: unknown) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'https://example.org/fhir/Patient/p1', resource: patient },
        { fullUrl: 'https://example.org/fhir/Observation/o1', resource: o },
      ],
    });
    const withMeta = (o: Record<string, unknown>) => ({ ...o, meta: { profile: [url] } });
    expect(agg(validator.validate(bundle(withMeta(obs('Patient/p1')))).issues)).toEqual([]);
    expect(agg(validator.validate(bundle(withMeta(obs('Patient/p2')))).issues)).toEqual([
      'error @ Bundle.entry[1].resource.subject /entry/1/resource/subject',
    ]);
    expect(
      agg(validator.validate(obs('#p1', { contained: [patient] }), { profiles: [url] }).issues),
    ).toEqual(['error @ Observation.subject /subject']);
    // outside any Bundle, bundled cannot be told from referenced
    expect(agg(validator.validate(obs('Patient/p1'), { profiles: [url] }).issues)).toEqual([]);
  });
});

describe('reference target profiles from the core specification', () => {
  it('a core profile (vitalsigns) as targetProfile means its type (Observation), not a type named vitalsigns', () => {
    const heartRate = {
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
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { reference: 'Patient/1' },
      effectiveDateTime: '2024-01-01',
      valueQuantity: {
        value: 60,
        unit: 'beats/minute',
        system: 'http://unitsofmeasure.org',
        code: '/min',
      },
      derivedFrom: [{ reference: 'Observation/2' }],
    };
    const r = v.validate(heartRate);
    expect(r.profiles).toContain('http://hl7.org/fhir/StructureDefinition/heartrate|4.0.1');
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([]);
  });
});

describe('Coding.system', () => {
  const obs = (coding: unknown[]) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding },
  });
  it('a relative system is an error at the system', () => {
    expect(
      located(
        v.validate(obs([{ system: 'Location', code: 'x' }])).issues,
        'structure.coding-system-relative',
      ),
    ).toEqual(['error @ Observation.code.coding[0].system /code/coding/0/system']);
  });
  it('a ValueSet url used as the system is an error; a CodeSystem url is fine', () => {
    expect(
      located(
        v.validate(
          obs([{ system: 'http://hl7.org/fhir/ValueSet/observation-status', code: 'final' }]),
        ).issues,
        'structure.coding-system-is-value-set',
      ),
    ).toEqual(['error @ Observation.code.coding[0].system /code/coding/0/system']);
    const ok = v.validate(
      obs([
        { system: 'http://hl7.org/fhir/observation-status', code: 'final' },
        { system: 'http://loinc.org', code: '8310-5' },
      ]),
    ).issues;
    expect(ok.filter((i) => i.code.startsWith('structure.coding-system'))).toEqual([]);
  });
});
