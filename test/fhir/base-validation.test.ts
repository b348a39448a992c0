import { describe, expect, it } from 'vitest';
import { baseValidator } from '../support/shared-validator.js';
import { minimalInstance } from '../support/minimal-instance.js';
import type { Issue } from '../../src/issues/issue.js';

const v = baseValidator();
const errorsOf = (issues: readonly Issue[]) =>
  issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const brief = (issues: readonly Issue[]) =>
  errorsOf(issues).map((i) => ({ code: i.code, expression: i.expression, severity: i.severity }));

describe('base R4 validation: injected errors', () => {
  const cases: [string, unknown, { code: string; expression: string; severity?: string }][] = [
    [
      'reports structure.unknown-property for an unknown element',
      { resourceType: 'Patient', unknownElement: 1 },
      { code: 'structure.unknown-property', expression: 'Patient' },
    ],
    [
      'reports structure.unknown-resource-type',
      { resourceType: 'Patientt' },
      { code: 'structure.unknown-resource-type', expression: '' },
    ],
    [
      'reports cardinality.too-few when Observation.code is absent',
      { resourceType: 'Observation', status: 'final' },
      { code: 'cardinality.too-few', expression: 'Observation' },
    ],
    [
      'reports cardinality.too-few inside a backbone element',
      { resourceType: 'Patient', link: [{ type: 'seealso' }] },
      { code: 'cardinality.too-few', expression: 'Patient.link[0]' },
    ],
    [
      'reports structure.array-expected for a repeating element given as an object',
      { resourceType: 'Patient', name: { family: 'Fake' } },
      { code: 'structure.array-expected', expression: 'Patient.name' },
    ],
    [
      'reports structure.array-not-allowed for a single element given as an array',
      { resourceType: 'Patient', gender: ['male'] },
      { code: 'structure.array-not-allowed', expression: 'Patient.gender' },
    ],
    [
      'reports structure.wrong-json-type for a string boolean',
      { resourceType: 'Patient', active: 'true' },
      { code: 'structure.wrong-json-type', expression: 'Patient.active' },
    ],
    [
      'reports structure.wrong-json-type for a number where a string is due',
      { resourceType: 'Patient', name: [{ family: 12 }] },
      { code: 'structure.wrong-json-type', expression: 'Patient.name[0].family' },
    ],
    [
      'reports structure.empty-object',
      { resourceType: 'Patient', maritalStatus: {} },
      { code: 'structure.empty-object', expression: 'Patient.maritalStatus' },
    ],
    [
      'reports structure.empty-array',
      { resourceType: 'Patient', name: [] },
      { code: 'structure.empty-array', expression: 'Patient.name' },
    ],
    [
      'reports structure.empty-string',
      { resourceType: 'Patient', name: [{ family: '' }] },
      { code: 'structure.empty-string', expression: 'Patient.name[0].family' },
    ],
    [
      'reports structure.null-not-allowed',
      { resourceType: 'Patient', gender: null },
      { code: 'structure.null-not-allowed', expression: 'Patient.gender' },
    ],
    [
      'reports primitive.invalid-date for 30 February',
      { resourceType: 'Patient', birthDate: '2020-02-30' },
      { code: 'primitive.invalid-date', expression: 'Patient.birthDate' },
    ],
    [
      'reports primitive.invalid-format for a malformed date',
      { resourceType: 'Patient', birthDate: '02/01/2020' },
      { code: 'primitive.invalid-format', expression: 'Patient.birthDate' },
    ],
    [
      'reports primitive.timezone-required for a dateTime with a time and no zone',
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        effectiveDateTime: '2020-01-01T10:00:00',
      },
      { code: 'primitive.timezone-required', expression: 'Observation.effective.ofType(dateTime)' },
    ],
    [
      'reports primitive.invalid-format for an instant without seconds',
      { resourceType: 'Patient', meta: { lastUpdated: '2020-01-01T10:00Z' } },
      { code: 'primitive.invalid-format', expression: 'Patient.meta.lastUpdated' },
    ],
    [
      'reports primitive.out-of-range for a 0 positiveInt',
      { resourceType: 'Patient', multipleBirthInteger: 2147483648 },
      { code: 'primitive.out-of-range', expression: 'Patient.multipleBirth.ofType(integer)' },
    ],
    [
      'reports primitive.invalid-format for a decimal integer',
      { resourceType: 'Patient', multipleBirthInteger: 1.5 },
      { code: 'primitive.invalid-format', expression: 'Patient.multipleBirth.ofType(integer)' },
    ],
    [
      'reports primitive.invalid-base64',
      { resourceType: 'Binary', contentType: 'text/plain', data: '%%%2@()()' },
      { code: 'primitive.invalid-base64', expression: 'Binary.data' },
    ],
    [
      'reports primitive.invalid-format for a code with double spaces',
      { resourceType: 'Patient', gender: 'ma  le' },
      { code: 'primitive.invalid-format', expression: 'Patient.gender' },
    ],
    [
      'reports primitive.invalid-format for a uri with spaces',
      { resourceType: 'Patient', implicitRules: 'http://a b' },
      { code: 'primitive.invalid-format', expression: 'Patient.implicitRules' },
    ],
    [
      'reports structure.resource-id-invalid',
      { resourceType: 'Patient', id: 'bad_id' },
      { code: 'structure.resource-id-invalid', expression: 'Patient.id' },
    ],
    [
      'reports structure.choice-multiple',
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        valueString: 'a',
        valueBoolean: true,
      },
      { code: 'structure.choice-multiple', expression: 'Observation' },
    ],
    [
      'reports an unknown choice type as structure.unknown-property',
      { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueFoo: 'a' },
      { code: 'structure.unknown-property', expression: 'Observation' },
    ],
    [
      'reports invariant.failed per-1',
      {
        resourceType: 'Encounter',
        status: 'finished',
        class: { code: 'AMB' },
        period: { start: '2020-01-02', end: '2020-01-01' },
      },
      { code: 'invariant.failed', expression: 'Encounter.period' },
    ],
    [
      'reports invariant.failed ext-1 for an extension with value and extensions',
      {
        resourceType: 'Patient',
        extension: [
          {
            url: 'http://example.org/x',
            valueString: 'a',
            extension: [{ url: 'y', valueString: 'b' }],
          },
        ],
      },
      { code: 'invariant.failed', expression: 'Patient.extension[0]' },
    ],
    [
      'reports invariant.failed dom-3 for an unreferenced contained resource',
      { resourceType: 'Patient', contained: [{ resourceType: 'Practitioner', id: 'p1' }] },
      { code: 'invariant.failed', expression: 'Patient' },
    ],
    [
      'validates a contained resource against its own type',
      {
        resourceType: 'Patient',
        contained: [{ resourceType: 'Practitioner', id: 'p1', bogus: 1 }],
        generalPractitioner: [{ reference: '#p1' }],
      },
      { code: 'structure.unknown-property', expression: 'Patient.contained[0]' },
    ],
    [
      'validates Bundle entries against their own type',
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            fullUrl: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520',
            resource: { resourceType: 'Patient', birthDate: '2020-13-01' },
          },
        ],
      },
      { code: 'primitive.invalid-format', expression: 'Bundle.entry[0].resource.birthDate' },
    ],
    [
      'validates Parameters.parameter.resource',
      {
        resourceType: 'Parameters',
        parameter: [{ name: 'p', resource: { resourceType: 'Patient', foo: 1 } }],
      },
      { code: 'structure.unknown-property', expression: 'Parameters.parameter[0].resource' },
    ],
    [
      'reports bundle.duplicate-link-relation',
      {
        resourceType: 'Bundle',
        type: 'searchset',
        link: [
          { relation: 'self', url: 'http://a' },
          { relation: 'self', url: 'http://b' },
        ],
      },
      { code: 'bundle.duplicate-link-relation', expression: 'Bundle.link[1]' },
    ],
    [
      'reports bundle.fullurl-id-mismatch',
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            fullUrl: 'http://x.org/fhir/Patient/a',
            resource: { resourceType: 'Patient', id: 'b' },
          },
        ],
      },
      { code: 'bundle.fullurl-id-mismatch', expression: 'Bundle.entry[0].fullUrl' },
    ],
    [
      'reports invariant bdl-7 for duplicate fullUrls',
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            fullUrl: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520',
            resource: { resourceType: 'Basic', code: { text: 'x' } },
          },
          {
            fullUrl: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520',
            resource: { resourceType: 'Basic', code: { text: 'x' } },
          },
        ],
      },
      { code: 'invariant.failed', expression: 'Bundle' },
    ],
    [
      'reports structure.invalid-xhtml for a bad entity',
      {
        resourceType: 'Patient',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">&reg;</div>' },
      },
      { code: 'structure.invalid-xhtml', expression: 'Patient.text.div' },
    ],
    [
      'reports a _name companion of a complex element as structure.unknown-property',
      { resourceType: 'Patient', maritalStatus: { text: 'x' }, _maritalStatus: { id: 'a' } },
      { code: 'structure.unknown-property', expression: 'Patient' },
    ],
    [
      'reports structure.primitive-array-misaligned',
      { resourceType: 'Patient', name: [{ given: ['a', 'b'], _given: [{ id: 'x' }] }] },
      { code: 'structure.primitive-array-misaligned', expression: 'Patient.name[0].given' },
    ],
    // a repeating primitive's array is settled whole only when every item is valid (walk kind settleEach)
    [
      'reports structure.array-expected for a repeating primitive given as a single value',
      { resourceType: 'Patient', name: [{ given: 'Ann' }] },
      { code: 'structure.array-expected', expression: 'Patient.name[0].given' },
    ],
    [
      'reports an invalid item of a repeating primitive at its index',
      { resourceType: 'Patient', name: [{ given: ['Ann', 7] }] },
      { code: 'structure.wrong-json-type', expression: 'Patient.name[0].given[1]' },
    ],
    [
      'reports an empty string item of a repeating primitive at its index',
      { resourceType: 'Patient', name: [{ given: ['Ann', ''] }] },
      { code: 'structure.empty-string', expression: 'Patient.name[0].given[1]' },
    ],
    [
      'reports structure.empty-array for a repeating primitive',
      { resourceType: 'Patient', name: [{ given: [] }] },
      { code: 'structure.empty-array', expression: 'Patient.name[0].given' },
    ],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => {
      const r = v.validate(input);
      expect(r.valid).toBe(false);
      expect(brief(r.issues)).toContainEqual({ severity: 'error', ...expected });
    });
  }

  it('checks fullUrl type/id only when its segment names a resource type (a misspelt segment is just a path)', () => {
    const bundle = (fullUrl: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl, resource: { resourceType: 'Basic', id: 'b1', code: { text: 'x' } } }],
    });
    expect(brief(v.validate(bundle('http://x.org/fhir/Patient/b1')).issues)).toEqual([
      {
        code: 'bundle.fullurl-type-mismatch',
        expression: 'Bundle.entry[0].fullUrl',
        severity: 'error',
      },
    ]);
    expect(brief(v.validate(bundle('http://x.org/fhir/Basic/b2')).issues)).toEqual([
      {
        code: 'bundle.fullurl-id-mismatch',
        expression: 'Bundle.entry[0].fullUrl',
        severity: 'error',
      },
    ]);
    expect(brief(v.validate(bundle('http://x.org/fhir/Basics/b2')).issues)).toEqual([]);
  });

  it('dom-3: a contained resource referenced only from the narrative (img src / a href) is referenced', () => {
    const patient = (div: string) => ({
      resourceType: 'Patient',
      text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${div}</div>` },
      contained: [{ resourceType: 'Binary', id: 'img1', contentType: 'image/png' }],
    });
    const dom3 = (r: ReturnType<typeof v.validate>) =>
      r.issues
        .filter((i) => i.code === 'invariant.failed' && i.params['key'] === 'dom-3')
        .map((i) => [i.severity, i.expression]);
    expect(dom3(v.validate(patient('<img src="#img1" alt="x"/>')))).toEqual([]);
    expect(dom3(v.validate(patient('<a href="#img1">x</a>')))).toEqual([]);
    expect(dom3(v.validate(patient('<img src="#other" alt="x"/>')))).toEqual([
      ['error', 'Patient'],
    ]);
  });

  it('keeps primitive extensions aligned with null in value arrays', () => {
    const r = v.validate({
      resourceType: 'Patient',
      name: [
        {
          given: ['a', null],
          _given: [null, { extension: [{ url: 'http://example.org/x', valueString: 'b' }] }],
        },
      ],
    });
    expect(errorsOf(r.issues)).toEqual([]);
  });

  it('gives line and column when the input is text, and a JSON pointer', () => {
    const r = v.validate('{\n  "resourceType": "Patient",\n  "birthDate": "2020-02-30"\n}');
    const issue = errorsOf(r.issues)[0]!;
    expect(issue).toMatchObject({
      code: 'primitive.invalid-date',
      pointer: '/birthDate',
      position: { line: 3, column: 3 },
    });
  });

  it('reports malformed JSON as a fatal input.invalid-json with its position', () => {
    const r = v.validate('{"resourceType": "Patient",\n "name": [}');
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'input.invalid-json',
        severity: 'fatal',
        position: { line: 2, column: 11 },
      }),
    ]);
  });

  it('stops at maxDepth with input.too-deep instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { url: 'http://example.org/x', valueString: 'a' };
    for (let i = 0; i < 10_000; i++) deep = { url: 'http://example.org/x', extension: [deep] };
    const r = v.validate({ resourceType: 'Patient', extension: [deep] }, { maxDepth: 50 });
    expect(r.truncated).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('input.too-deep');
  });

  it('returns a partial result over the time budget', () => {
    const r = v.validate(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: Array.from({ length: 3000 }, () => ({
          resource: { resourceType: 'Basic', code: { text: 'x' } },
        })),
      },
      { timeBudgetMs: 0 },
    );
    expect(r.truncated).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('engine.limit-reached');
  });

  it('records every resource it checked', () => {
    const r = v.validate({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Basic',
            code: { text: 'x' },
            contained: [{ resourceType: 'Basic', id: 'c', code: { text: 'y' } }],
            extension: [{ url: 'http://example.org/r', valueReference: { reference: '#c' } }],
          },
        },
      ],
    });
    expect(r.records?.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { pointer: '', type: 'Bundle' },
      { pointer: '/entry/0/resource', type: 'Basic' },
      { pointer: '/entry/0/resource/contained/0', type: 'Basic' },
    ]);
    // each record carries the engine's time for itself, nested records excluded
    for (const rec of r.records ?? []) expect(rec.ms).toBeGreaterThanOrEqual(0);
  });

  it('records a resource once per pointer: once when profiles walk it again, at each place one object sits', () => {
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
    };
    const profiles = [
      'http://hl7.org/fhir/StructureDefinition/vitalsigns',
      'http://hl7.org/fhir/StructureDefinition/heartrate',
    ];
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: observation }, { resource: observation }],
    };
    const r = v.validate(bundle);
    expect(r.records?.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { pointer: '', type: 'Bundle' },
      { pointer: '/entry/0/resource', type: 'Observation' },
      { pointer: '/entry/1/resource', type: 'Observation' },
    ]);
    const contained = { ...observation, contained: [{ resourceType: 'Patient', id: 'p' }] };
    const again = v.validate(contained, { profiles });
    expect(again.profiles).toHaveLength(2);
    expect(again.records?.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { pointer: '', type: 'Observation' },
      { pointer: '/contained/0', type: 'Patient' },
    ]);
  });

  it('keys each record by its entry fullUrl, else resourceType/id (contained resources have no key)', () => {
    const basic = (id?: string) => ({
      resourceType: 'Basic',
      ...(id ? { id } : {}),
      code: { text: 'x' },
    });
    const r = v.validate({
      resourceType: 'Bundle',
      id: 'b',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:0c7a1f9e-0000-4000-8000-000000000001', resource: basic('one') },
        { resource: basic('two') },
        { resource: { ...basic(), contained: [basic('c')] } },
      ],
    });
    expect(r.records?.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { pointer: '', type: 'Bundle', key: 'Bundle/b' },
      {
        pointer: '/entry/0/resource',
        type: 'Basic',
        key: 'urn:uuid:0c7a1f9e-0000-4000-8000-000000000001',
      },
      { pointer: '/entry/1/resource', type: 'Basic', key: 'Basic/two' },
      { pointer: '/entry/2/resource', type: 'Basic' },
      { pointer: '/entry/2/resource/contained/0', type: 'Basic' },
    ]);
  });
});

describe('base R4 validation: no false errors', () => {
  const registry = v.registry;
  const types = [
    ...(registry.all('StructureDefinition') as Iterable<{
      kind?: string;
      type?: string;
      derivation?: string;
      abstract?: boolean;
      url?: string;
    }>),
  ]
    .filter(
      (sd) =>
        sd.kind === 'resource' &&
        sd.derivation === 'specialization' &&
        !sd.abstract &&
        sd.url === `http://hl7.org/fhir/StructureDefinition/${sd.type}`,
    )
    .map((sd) => sd.type!)
    .sort();

  it('knows all R4 resource types', () => {
    expect(types.length).toBeGreaterThanOrEqual(145);
  });

  // What the required elements alone do not satisfy: the resources' own invariants (ait-1, app-1, …).
  const cc = { coding: [{ system: 'http://example.org/cs', code: 'x' }] };
  const additions: Record<string, (r: Record<string, unknown>) => void> = {
    AllergyIntolerance: (r) =>
      (r['clinicalStatus'] = {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      }),
    Appointment: (r) => ((r['participant'] as Record<string, unknown>[])[0]!['type'] = [cc]),
    AppointmentResponse: (r) => (r['participantType'] = [cc]),
    Bundle: (r) => (r['type'] = 'collection'),
    CapabilityStatement: (r) =>
      Object.assign(r, {
        kind: 'requirements',
        description: 'Synthetic',
        rest: [{ mode: 'server' }],
      }),
    Consent: (r) => (r['policyRule'] = cc),
    EventDefinition: (r) =>
      Object.assign((r['trigger'] as Record<string, unknown>[])[0]!, { name: 'Synthetic' }),
    ImmunizationRecommendation: (r) =>
      ((r['recommendation'] as Record<string, unknown>[])[0]!['vaccineCode'] = [cc]),
    InsurancePlan: (r) => (r['name'] = 'Synthetic'),
    Linkage: (r) => (r['item'] = [...(r['item'] as unknown[]), ...(r['item'] as unknown[])]),
    Organization: (r) => (r['name'] = 'Synthetic'),
    StructureDefinition: (r) =>
      Object.assign(r, {
        kind: 'resource',
        type: 'Patient',
        differential: { element: [{ id: 'Patient', path: 'Patient' }] },
      }),
    TerminologyCapabilities: (r) =>
      Object.assign(r, { kind: 'requirements', description: 'Synthetic' }),
  };

  it.each(types)('a minimal valid %s has no errors', (type) => {
    const instance = minimalInstance(registry, type);
    additions[type]?.(instance);
    const r = v.validate(instance);
    expect(brief(r.issues)).toEqual([]);
  });
});
