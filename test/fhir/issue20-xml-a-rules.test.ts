/**
 * General R4 rules found on the HL7 validator's XML cases (issue 20, helper xml-a), each on small
 * inputs written for one behaviour (codes, locations and severities; never message text). JSON and
 * XML give the same issues, so most inputs are JSON; XML inputs cover what the reader carries.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { createFhirXmlReader, validateFhirXml } from '../../src/fhir/xml/validate-fhir-xml.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const reader = createFhirXmlReader(v.registry);

/** The issues with one of `codes`, as `severity code @ expression`. */
const found = (issues: readonly Issue[], ...codes: string[]) =>
  issues
    .filter((i) => codes.includes(i.code))
    .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

function validatorWith(...resources: unknown[]) {
  const registry = new CanonicalRegistry();
  registry.addAll(v.registry.allResources());
  registry.addAll(resources);
  return createValidator({ registry });
}

describe('MeasureReport populations', () => {
  const url = 'https://mdss.example.org/fhir/Measure/m';
  const popCode = (code: string) => ({
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code }],
  });
  const measure = {
    resourceType: 'Measure',
    url,
    status: 'active',
    group: [
      { population: [{ code: popCode('initial-population'), criteria: { language: 'text/cql' } }] },
    ],
  };
  const report = (type: string, population: unknown[]) => ({
    resourceType: 'MeasureReport',
    status: 'complete',
    type,
    measure: url,
    period: { start: '2026-01-01', end: '2026-01-31' },
    group: [{ population }],
  });
  const codes = [
    'measure.population-not-in-measure',
    'measure.subjects-not-subject-list',
    'measure.population-count-missing',
  ];

  it('a population whose code the Measure group does not define is an error at the population', () => {
    const withMeasure = validatorWith(measure);
    const r = report('summary', [
      { code: popCode('initial-population'), count: 3 },
      { code: popCode('numerator'), count: 2 },
    ]);
    expect(found(withMeasure.validate(r).issues, ...codes)).toEqual([
      'error measure.population-not-in-measure @ MeasureReport.group[0].population[1]',
    ]);
    // the Measure cannot be found: not judged
    expect(found(v.validate(r).issues, 'measure.population-not-in-measure')).toEqual([]);
  });

  it("only a 'subject-list' report lists subjects; other populations carry a count", () => {
    const subjects = { reference: 'List/l1' };
    expect(
      found(v.validate(report('summary', [{ subjectResults: subjects }, {}])).issues, ...codes),
    ).toEqual([
      'error measure.subjects-not-subject-list @ MeasureReport.group[0].population[0]',
      'warning measure.population-count-missing @ MeasureReport.group[0].population[1]',
    ]);
    expect(
      found(v.validate(report('subject-list', [{ subjectResults: subjects }])).issues, ...codes),
    ).toEqual([]);
  });

  it('the same issues from XML', () => {
    const xml = `<MeasureReport xmlns="http://hl7.org/fhir"><status value="complete"/><type value="summary"/>
<measure value="${url}"/><period><start value="2026-01-01"/></period>
<group><population><subjectResults><reference value="List/l1"/></subjectResults></population></group></MeasureReport>`;
    expect(found(validateFhirXml(v, reader, xml).issues, ...codes)).toEqual([
      'error measure.subjects-not-subject-list @ MeasureReport.group[0].population[0]',
    ]);
  });
});

describe('canonical references are absolute', () => {
  const measure = (library: string[]) => ({
    resourceType: 'Measure',
    status: 'active',
    library,
  });
  it('a relative canonical is an error at the element; absolute URIs and #fragments are not', () => {
    expect(
      found(
        v.validate(measure(['Library/lib', 'http://a.org/Library/x|1', 'urn:uuid:1'])).issues,
        'primitive.canonical-not-absolute',
      ),
    ).toEqual(['error primitive.canonical-not-absolute @ Measure.library[0]']);
    expect(
      found(v.validate(measure(['urn:oid:1.2.3'])).issues, 'primitive.canonical-not-absolute'),
    ).toEqual([]);
  });
});

describe('narrative controls a profile sets (narrative-language-control, narrative-source-control)', () => {
  const base = 'https://mdss.example.org/fhir/StructureDefinition/';
  const profile = (id: string, url: string, valueCode: string) => ({
    resourceType: 'StructureDefinition',
    url: base + id,
    name: id.replace(/-/g, ''),
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Patient', path: 'Patient' },
        {
          id: 'Patient.text',
          path: 'Patient.text',
          extension: [{ url: `http://hl7.org/fhir/StructureDefinition/${url}`, valueCode }],
        },
      ],
    },
  });
  const lang = 'narrative-language-control';
  const pv = validatorWith(
    profile('lang-no', lang, '_no'),
    profile('lang-yes', lang, '_yes'),
    profile('lang-resource', lang, '_resource'),
    profile('lang-de', lang, 'de'),
    profile('source-warning', 'narrative-source-control', 'warning'),
    profile('source-error', 'narrative-source-control', 'error'),
  );
  const codes = [
    'profile.narrative-language-sections-prohibited',
    'profile.narrative-language-sections-required',
    'profile.narrative-language-section-missing',
    'profile.narrative-source-missing',
  ];
  const x = 'xmlns="http://www.w3.org/1999/xhtml"';
  const none = `<div ${x}>Plain</div>`;
  const two = `<div ${x}><div lang="en" xml:lang="en">A</div><div xml:lang="pt">B</div></div>`;
  const patient = (div: string) => ({
    resourceType: 'Patient',
    language: 'en',
    text: { status: 'extensions', div },
  });
  const run = (id: string, div: string) =>
    found(pv.validate(patient(div), { profiles: [base + id] }).issues, ...codes);

  it('_no prohibits language sections, _yes requires them', () => {
    expect(run('lang-no', none)).toEqual([]);
    expect(run('lang-no', two)).toEqual([
      'error profile.narrative-language-sections-prohibited @ Patient.text',
    ]);
    expect(run('lang-yes', two)).toEqual([]);
    expect(run('lang-yes', none)).toEqual([
      'error profile.narrative-language-sections-required @ Patient.text',
    ]);
  });

  it("_resource requires a section in the resource's language; a code requires that language", () => {
    expect(run('lang-resource', two)).toEqual([]);
    const ptDe = `<div ${x}><div xml:lang="pt">A</div><div lang="de">B</div></div>`;
    expect(run('lang-resource', ptDe)).toEqual([
      'error profile.narrative-language-section-missing @ Patient.text',
    ]);
    expect(run('lang-de', ptDe)).toEqual([]);
    expect(run('lang-de', two)).toEqual([
      'error profile.narrative-language-section-missing @ Patient.text',
    ]);
    // nested lang attributes are not sections
    expect(run('lang-yes', `<div ${x}><p>x <span lang="en">y</span></p></div>`)).toEqual([
      'error profile.narrative-language-sections-required @ Patient.text',
    ]);
  });

  it('source control: texts outside a source class, reported once with the severity the profile gives', () => {
    const sourced = `<div ${x}><p class="generated">a <b>b</b></p><h1 class="x boilerplate">c</h1></div>`;
    expect(run('source-warning', sourced)).toEqual([]);
    const loose = `<div ${x}>loose<p>also loose</p><p class="original">ok</p></div>`;
    expect(run('source-warning', loose)).toEqual([
      'warning profile.narrative-source-missing @ Patient.text',
    ]);
    expect(run('source-error', loose)).toEqual([
      'error profile.narrative-source-missing @ Patient.text',
    ]);
  });

  it('the same issues from XML', () => {
    const xml = `<Patient xmlns="http://hl7.org/fhir"><language value="en"/><text><status value="extensions"/>
${two}</text></Patient>`;
    expect(
      found(
        validateFhirXml(pv, createFhirXmlReader(pv.registry), xml, { profiles: [base + 'lang-no'] })
          .issues,
        ...codes,
      ),
    ).toEqual(['error profile.narrative-language-sections-prohibited @ Patient.text']);
  });
});

describe('Bundle fullUrls and references from URN entries', () => {
  const composition = (author: string) => ({
    resourceType: 'Composition',
    status: 'final',
    type: { text: 'note' },
    date: '2026-01-01',
    author: [{ reference: author }],
    title: 't',
  });
  const org = { resourceType: 'Organization', id: '666', name: 'o' };
  const doc = (entries: { fullUrl: string; resource: unknown }[]) => ({
    resourceType: 'Bundle',
    identifier: { system: 'https://mdss.example.org/ids', value: '1' },
    type: 'document',
    timestamp: '2026-01-01T00:00:00Z',
    entry: entries,
  });

  it('a RESTful fullUrl needs the resource to carry its id: an error at the entry', () => {
    const r = v.validate(
      doc([
        { fullUrl: 'http://a.org/fhir/Composition/1', resource: composition('Organization/666') },
        { fullUrl: 'http://a.org/fhir/Organization/666', resource: org },
      ]),
    );
    expect(
      found(r.issues, 'bundle.fullurl-resource-without-id', 'reference.not-found-in-bundle'),
    ).toEqual(['error bundle.fullurl-resource-without-id @ Bundle.entry[0]']);
    // a URN fullUrl does not name an id
    const urn = v.validate(
      doc([
        {
          fullUrl: 'urn:uuid:10a67a86-a9ec-427e-ba3f-f042cef21733',
          resource: composition('urn:uuid:2aaf815f-3ebe-4a03-9b87-05d0700313b2'),
        },
        { fullUrl: 'urn:uuid:2aaf815f-3ebe-4a03-9b87-05d0700313b2', resource: org },
      ]),
    );
    expect(
      found(urn.issues, 'bundle.fullurl-resource-without-id', 'reference.not-found-in-bundle'),
    ).toEqual([]);
  });

  it('in a document, Type/id from an entry with a URN fullUrl resolves to nothing (an error)', () => {
    const r = v.validate(
      doc([
        {
          fullUrl: 'urn:uuid:10a67a86-a9ec-427e-ba3f-f042cef21733',
          resource: composition('Organization/666'),
        },
        { fullUrl: 'urn:uuid:2aaf815f-3ebe-4a03-9b87-05d0700313b2', resource: org },
      ]),
    );
    expect(found(r.issues, 'reference.not-found-in-bundle')).toEqual([
      'error reference.not-found-in-bundle @ Bundle.entry[0].resource.author[0]',
    ]);
    // in a collection the Type/id match still stands (no self-containment rule)
    const collection = v.validate({
      ...doc([
        {
          fullUrl: 'urn:uuid:10a67a86-a9ec-427e-ba3f-f042cef21733',
          resource: composition('Organization/666'),
        },
        { fullUrl: 'urn:uuid:2aaf815f-3ebe-4a03-9b87-05d0700313b2', resource: org },
      ]),
      type: 'collection',
    });
    expect(found(collection.issues, 'reference.not-found-in-bundle')).toEqual([]);
  });
});

describe('identifiers with system urn:ietf:rfc:3986, and not-present CodeSystems', () => {
  const codeSystem = (value: string, content: string, concept?: unknown[]) => ({
    resourceType: 'CodeSystem',
    url: 'https://mdss.example.org/fhir/CodeSystem/cs',
    identifier: [{ system: 'urn:ietf:rfc:3986', value }],
    name: 'Cs',
    status: 'active',
    content,
    ...(concept ? { concept } : {}),
  });
  const codes = ['structure.identifier-value-not-uri', 'codesystem.concepts-not-present'];

  it('an rfc3986 identifier value without a scheme is an error at the value', () => {
    expect(
      found(v.validate(codeSystem('2.16.840.1.113883.6.57', 'complete')).issues, ...codes),
    ).toEqual(['error structure.identifier-value-not-uri @ CodeSystem.identifier[0].value']);
    expect(
      found(v.validate(codeSystem('urn:oid:2.16.840.1.113883.6.57', 'complete')).issues, ...codes),
    ).toEqual([]);
    const patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'abc' }],
    };
    expect(found(v.validate(patient).issues, ...codes)).toEqual([
      'error structure.identifier-value-not-uri @ Patient.identifier[0].value',
    ]);
  });

  it('content not-present with concepts is an error at the first concept', () => {
    const withConcepts = codeSystem('urn:oid:1.2.3', 'not-present', [{ code: 'a' }]);
    expect(found(v.validate(withConcepts).issues, ...codes)).toEqual([
      'error codesystem.concepts-not-present @ CodeSystem.concept[0]',
    ]);
    expect(found(v.validate(codeSystem('urn:oid:1.2.3', 'not-present')).issues, ...codes)).toEqual(
      [],
    );
  });

  it('the same issues from XML', () => {
    const xml = `<CodeSystem xmlns="http://hl7.org/fhir"><url value="https://mdss.example.org/fhir/CodeSystem/cs"/>
<identifier><system value="urn:ietf:rfc:3986"/><value value="1.2.3"/></identifier><name value="Cs"/>
<status value="active"/><content value="not-present"/><concept><code value="a"/></concept></CodeSystem>`;
    expect(found(validateFhirXml(v, reader, xml).issues, ...codes).sort()).toEqual([
      'error codesystem.concepts-not-present @ CodeSystem.concept[0]',
      'error structure.identifier-value-not-uri @ CodeSystem.identifier[0].value',
    ]);
  });
});

describe('required slices of an element that has no items', () => {
  const url = 'https://mdss.example.org/fhir/StructureDefinition/required-slice';
  const sd = {
    resourceType: 'StructureDefinition',
    url,
    name: 'RequiredSlice',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Patient', path: 'Patient' },
        {
          id: 'Patient.identifier',
          path: 'Patient.identifier',
          slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
        },
        { id: 'Patient.identifier:a', path: 'Patient.identifier', sliceName: 'a', min: 1 },
        {
          id: 'Patient.identifier:a.system',
          path: 'Patient.identifier.system',
          fixedUri: 'https://mdss.example.org/a',
        },
        { id: 'Patient.identifier:b', path: 'Patient.identifier', sliceName: 'b', min: 0 },
        {
          id: 'Patient.identifier:b.system',
          path: 'Patient.identifier.system',
          fixedUri: 'https://mdss.example.org/b',
        },
      ],
    },
  };
  const pv = validatorWith(sd);
  const tooFew = (issues: readonly Issue[]) =>
    issues
      .filter((i) => i.code === 'cardinality.too-few')
      .map((i) => `${i.severity} @ ${i.expression} ${String(i.params?.['path'] ?? '')}`);

  it('a required slice is missing when the sliced element is absent: an error at the parent', () => {
    expect(tooFew(pv.validate({ resourceType: 'Patient' }, { profiles: [url] }).issues)).toEqual([
      'error @ Patient Patient.identifier:a',
    ]);
    const present = {
      resourceType: 'Patient',
      identifier: [{ system: 'https://mdss.example.org/a', value: '1' }],
    };
    expect(tooFew(pv.validate(present, { profiles: [url] }).issues)).toEqual([]);
  });

  it('the same from XML', () => {
    const xml = '<Patient xmlns="http://hl7.org/fhir"><active value="true"/></Patient>';
    expect(
      tooFew(
        validateFhirXml(pv, createFhirXmlReader(pv.registry), xml, { profiles: [url] }).issues,
      ),
    ).toEqual(['error @ Patient Patient.identifier:a']);
  });
});

describe('Measure criteria name definitions of its CQL libraries', () => {
  const cql = `library Screening version '1.0.0'
using FHIR version '4.0.1'
context Patient
define "Initial Population":
  true
define Denominator:
  true
define function "Age In Years"(p Patient):
  1
`;
  const library = {
    resourceType: 'Library',
    url: 'https://mdss.example.org/fhir/Library/screening',
    name: 'Screening',
    status: 'active',
    type: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/library-type', code: 'logic-library' },
      ],
    },
    content: [{ contentType: 'text/cql', data: btoa(cql) }],
  };
  const measure = (libraryUrl: string, criteria: { language: string; expression: string }[]) => ({
    resourceType: 'Measure',
    status: 'active',
    library: [libraryUrl],
    group: [
      {
        population: criteria.map((c) => ({ criteria: c })),
      },
    ],
  });
  const lv = validatorWith(library);
  const code = 'measure.criteria-not-in-library';

  it('a name no define declares is an error at the criteria; defined names pass', () => {
    const m = measure(library.url, [
      { language: 'text/cql.identifier', expression: 'Initial Population' },
      { language: 'text/cql', expression: 'Screening.Denominator' },
      { language: 'text/cql', expression: 'Screening."Age In Years"' },
      { language: 'text/cql', expression: 'Screening.AgesUpToNine' },
      { language: 'text/cql.identifier', expression: 'Numerator' },
      { language: 'text/cql', expression: 'exists [Encounter]' },
    ]);
    expect(found(lv.validate(m).issues, code)).toEqual([
      'error measure.criteria-not-in-library @ Measure.group[0].population[3].criteria',
      'error measure.criteria-not-in-library @ Measure.group[0].population[4].criteria',
    ]);
  });

  it('a library that cannot be found is not judged', () => {
    const m = measure('https://mdss.example.org/fhir/Library/missing', [
      { language: 'text/cql.identifier', expression: 'Numerator' },
    ]);
    expect(found(lv.validate(m).issues, code)).toEqual([]);
  });

  it('the same from XML', () => {
    const xml = `<Measure xmlns="http://hl7.org/fhir"><status value="active"/><library value="${library.url}"/>
<group><stratifier><criteria><language value="text/cql"/><expression value="Screening.Missing"/></criteria></stratifier></group></Measure>`;
    expect(found(validateFhirXml(lv, createFhirXmlReader(lv.registry), xml).issues, code)).toEqual([
      'error measure.criteria-not-in-library @ Measure.group[0].stratifier[0].criteria',
    ]);
  });
});
