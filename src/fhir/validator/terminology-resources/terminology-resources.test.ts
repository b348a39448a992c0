import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseRegistry } from '../../../node/create-node-validator.js';
import { createValidator, type Validator } from '../create-validator.js';

type J = Record<string, unknown>;
let validator: Validator;
beforeAll(() => {
  validator = createValidator({ registry: loadBaseRegistry() });
});

const system = 'http://example.com/CodeSystem/shapes';
const shapes: J = {
  resourceType: 'CodeSystem',
  id: 'shapes',
  url: system,
  status: 'active',
  content: 'complete',
  property: [
    { code: 'kindOf', type: 'Coding' },
    { code: 'isRound', type: 'boolean' },
  ],
  concept: [{ code: 'circle' }, { code: 'square' }],
};

function issues(resource: J) {
  return validator
    .validate(resource)
    .issues.filter((i) => /^(valueset|codesystem|conceptmap|canonical|binding)\./.test(i.code))
    .map(({ code, severity, expression }) => ({ code, severity, expression }));
}

describe('ValueSet compose against the local terminology', () => {
  const vs = (include: J): J => ({
    resourceType: 'ValueSet',
    url: 'http://example.com/ValueSet/v',
    status: 'active',
    contained: [shapes],
    compose: { include: [include] },
  });

  it('include.system must be absolute, not a #reference to a contained CodeSystem', () => {
    expect(issues(vs({ system: '#shapes' }))).toEqual([
      {
        code: 'valueset.system-not-absolute',
        severity: 'error',
        expression: 'ValueSet.compose.include[0]',
      },
    ]);
    expect(issues(vs({ system }))).toEqual([]);
  });

  it('listed concepts must exist in a complete local CodeSystem', () => {
    expect(issues(vs({ system, concept: [{ code: 'circle' }, { code: 'oval' }] }))).toEqual([
      {
        code: 'binding.unknown-code',
        severity: 'error',
        expression: 'ValueSet.compose.include[0].concept[1]',
      },
    ]);
  });

  it('filter values must suit the property type', () => {
    const filter = (property: string, value: string) =>
      vs({ system, filter: [{ property, op: '=', value }] });
    expect(issues(filter('kindOf', 'circle'))).toEqual([
      {
        code: 'valueset.filter-value-invalid',
        severity: 'error',
        expression: 'ValueSet.compose.include[0].filter[0]',
      },
    ]);
    expect(issues(filter('kindOf', `${system}#oval`))).toEqual([
      {
        code: 'binding.unknown-code',
        severity: 'error',
        expression: 'ValueSet.compose.include[0].filter[0]',
      },
    ]);
    expect(issues(filter('kindOf', `${system}#circle`))).toEqual([]);
    expect(issues(filter('isRound', '1'))).toEqual([
      {
        code: 'valueset.filter-value-invalid',
        severity: 'error',
        expression: 'ValueSet.compose.include[0].filter[0]',
      },
    ]);
    expect(issues(filter('isRound', 'true'))).toEqual([]);
  });

  it('the standard boolean properties (notSelectable, inactive) take true/false in any system, loaded or not', () => {
    const other = 'https://mdss.example.org/fhir/CodeSystem/not-loaded';
    const filter = (system: string, property: string, value: string) =>
      vs({ system, filter: [{ property, op: '=', value }] });
    for (const s of [system, other]) {
      expect(issues(filter(s, 'notSelectable', '1'))).toEqual([
        {
          code: 'valueset.filter-value-invalid',
          severity: 'error',
          expression: 'ValueSet.compose.include[0].filter[0]',
        },
      ]);
      expect(issues(filter(s, 'inactive', 'yes')).map((i) => i.code)).toEqual([
        'valueset.filter-value-invalid',
      ]);
      expect(issues(filter(s, 'notSelectable', 'false'))).toEqual([]);
      // other properties of a system that is not loaded are not typed
      expect(issues(filter(other, 'parent', 'something'))).toEqual([]);
    }
  });
});

describe('CodeSystem and ConceptMap', () => {
  it('a supplement must say content = supplement', () => {
    expect(issues({ ...shapes, supplements: 'http://loinc.org' })).toEqual([
      {
        code: 'codesystem.supplement-content',
        severity: 'error',
        expression: 'CodeSystem.content',
      },
    ]);
    expect(issues({ ...shapes, supplements: 'http://loinc.org', content: 'supplement' })).toEqual(
      [],
    );
  });

  it('a complete CodeSystem lists as many concepts as its count, and canonical urls are absolute', () => {
    expect(issues({ ...shapes, count: 3 })).toEqual([
      { code: 'codesystem.count-mismatch', severity: 'error', expression: 'CodeSystem.count' },
    ]);
    expect(issues({ ...shapes, count: 2 })).toEqual([]);
    expect(issues({ ...shapes, url: 'CodeSystem/shapes' })).toEqual([
      { code: 'canonical.url-not-absolute', severity: 'error', expression: 'CodeSystem.url' },
    ]);
    expect(
      issues({
        resourceType: 'ValueSet',
        status: 'active',
        url: 'vs',
        contained: [{ ...shapes, url: 'c1' }],
      }),
    ).toEqual([
      {
        code: 'canonical.url-not-absolute',
        severity: 'error',
        expression: 'ValueSet.contained[0].url',
      },
      { code: 'canonical.url-not-absolute', severity: 'error', expression: 'ValueSet.url' },
    ]);
  });

  it('source codes must be in the source value set and codes of their CodeSystem', () => {
    const source: J = {
      resourceType: 'ValueSet',
      url: 'http://example.com/ValueSet/round',
      status: 'active',
      compose: { include: [{ system, concept: [{ code: 'circle' }] }] },
    };
    const map = (codes: string[]): J => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:0c2d0c86-0000-4000-8000-000000000001', resource: shapes },
        { fullUrl: 'urn:uuid:0c2d0c86-0000-4000-8000-000000000002', resource: source },
        {
          fullUrl: 'urn:uuid:0c2d0c86-0000-4000-8000-000000000003',
          resource: {
            resourceType: 'ConceptMap',
            status: 'active',
            sourceCanonical: 'http://example.com/ValueSet/round',
            group: [
              {
                source: system,
                target: system,
                element: codes.map((code) => ({
                  code,
                  target: [{ code: 'circle', equivalence: 'equal' }],
                })),
              },
            ],
          },
        },
      ],
    });
    const at = (i: number) => `Bundle.entry[2].resource.group[0].element[${i}].code`;
    expect(issues(map(['circle', 'square', 'oval']))).toEqual([
      { code: 'conceptmap.source-not-in-value-set', severity: 'error', expression: at(1) },
      { code: 'binding.unknown-code', severity: 'error', expression: at(2) },
    ]);
  });
});

describe('CodeSystem properties', () => {
  it('declares each code and uri once, keeps standard uris to their code and type, and declares concept properties', () => {
    const cs = {
      ...shapes,
      property: [
        {
          uri: 'http://hl7.org/fhir/concept-properties#notSelectable',
          code: 'notSelectable',
          type: 'dateTime',
        },
        { code: 'notSelectable', type: 'boolean' },
        {
          uri: 'http://hl7.org/fhir/concept-properties#inactive',
          code: 'retired',
          type: 'boolean',
        },
        { code: 'synonym', type: 'decimal' },
      ],
      concept: [{ code: 'circle', property: [{ code: 'sides', valueInteger: 0 }] }],
    };
    const p = (i: number) => `CodeSystem.property[${i}]`;
    const got = issues(cs);
    expect(got).toEqual(
      expect.arrayContaining([
        { code: 'codesystem.property-wrong-type', severity: 'error', expression: p(0) },
        { code: 'codesystem.property-duplicate', severity: 'error', expression: p(1) },
        { code: 'codesystem.property-code-not-standard', severity: 'error', expression: p(2) },
        { code: 'codesystem.property-wrong-type', severity: 'warning', expression: p(3) },
        {
          code: 'codesystem.property-undeclared',
          severity: 'warning',
          expression: 'CodeSystem.concept[0].property[0]',
        },
      ]),
    );
    expect(got).toHaveLength(5);
    expect(issues(shapes)).toEqual([]);
  });
});
