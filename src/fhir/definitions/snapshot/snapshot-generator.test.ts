import { beforeAll, describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { SnapshotGenerator } from './index.js';

let bundles: unknown[];
beforeAll(() => {
  bundles = readBaseDefinitionBundles([
    'profiles-types.json',
    'profiles-resources.json',
    'extension-definitions.json',
  ]);
});

const base = 'http://hl7.org/fhir/StructureDefinition/';

function registryWith(...sds: StructureDefinition[]): CanonicalRegistry {
  const registry = new CanonicalRegistry();
  registry.addAll(bundles);
  registry.addAll(sds);
  return registry;
}

function profile(
  url: string,
  type: string,
  baseDefinition: string,
  element: ElementDefinition[],
): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url,
    name: url.split('/').pop()!,
    status: 'draft',
    kind: type === 'Extension' ? 'complex-type' : 'resource',
    abstract: false,
    type,
    baseDefinition,
    derivation: 'constraint',
    differential: { element },
  } as StructureDefinition;
}

function el(
  result: { structureDefinition: StructureDefinition },
  id: string,
): ElementDefinition | undefined {
  return result.structureDefinition.snapshot?.element.find((e) => e.id === id);
}

function ids(result: { structureDefinition: StructureDefinition }): string[] {
  return (result.structureDefinition.snapshot?.element ?? []).map((e) => e.id!);
}

const profileA = profile('http://example.org/StructureDefinition/A', 'Patient', `${base}Patient`, [
  {
    id: 'Patient.identifier',
    path: 'Patient.identifier',
    slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
    mustSupport: true,
  },
  { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', max: '1' },
  {
    id: 'Patient.identifier:nhs.system',
    path: 'Patient.identifier.system',
    min: 1,
    fixedUri: 'https://fhir.nhs.uk/Id/nhs-number',
  },
  {
    id: 'Patient.name',
    path: 'Patient.name',
    min: 1,
    constraint: [
      {
        key: 'a-1',
        severity: 'error',
        human: 'family or given',
        expression: 'family.exists() or given.exists()',
      },
    ],
  },
]);

const profileB = profile(
  'http://example.org/StructureDefinition/B',
  'Patient',
  'http://example.org/StructureDefinition/A',
  [
    { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', min: 1 },
    { id: 'Patient.identifier:nhs.value', path: 'Patient.identifier.value', min: 1, maxLength: 10 },
    { id: 'Patient.identifier:local', path: 'Patient.identifier', sliceName: 'local' },
    {
      id: 'Patient.name',
      path: 'Patient.name',
      max: '1',
      constraint: [
        { key: 'a-1', severity: 'error', human: 'dup', expression: 'true' },
        { key: 'b-1', severity: 'warning', human: 'family', expression: 'family.exists()' },
      ],
    },
  ],
);

describe('SnapshotGenerator: profile on profile on core', () => {
  it('generates B (on A on Patient) with the constraints of both and A generated first', () => {
    const registry = registryWith(profileA, profileB);
    const generator = new SnapshotGenerator(registry);
    const result = generator.generate(profileB);
    expect(result.messages).toEqual([]);
    const nhs = el(result, 'Patient.identifier:nhs')!;
    expect([nhs.min, nhs.max, nhs.sliceName, nhs.path]).toEqual([
      1,
      '1',
      'nhs',
      'Patient.identifier',
    ]);
    expect(el(result, 'Patient.identifier:nhs.system')?.fixedUri).toBe(
      'https://fhir.nhs.uk/Id/nhs-number',
    );
    expect(el(result, 'Patient.identifier:nhs.system')?.min).toBe(1);
    expect(el(result, 'Patient.identifier:nhs.value')).toMatchObject({
      min: 1,
      maxLength: 10,
      path: 'Patient.identifier.value',
    });
    expect(el(result, 'Patient.identifier')?.slicing?.discriminator).toEqual([
      { type: 'value', path: 'system' },
    ]);
    const name = el(result, 'Patient.name')!;
    expect([name.min, name.max]).toEqual([1, '1']);
    expect(name.constraint?.map((c) => [c.key, c.source])).toEqual([
      ['ele-1', `${base}Element`],
      ['a-1', profileA.url],
      ['b-1', profileB.url],
    ]);
    expect(name.constraint?.find((c) => c.key === 'a-1')?.human).toBe('family or given');
    expect(
      generator
        .snapshotOf(profileA.url!)
        ?.snapshot?.element.some((e) => e.id === 'Patient.identifier:local'),
    ).toBe(false);
  });

  it('orders slices after the sliced element and its earlier slices, each with its own children', () => {
    const result = new SnapshotGenerator(registryWith(profileA, profileB)).generate(profileB);
    const list = ids(result);
    const at = (id: string): number => list.indexOf(id);
    expect(at('Patient.identifier')).toBeLessThan(at('Patient.identifier:nhs'));
    expect(at('Patient.identifier:nhs')).toBeLessThan(at('Patient.identifier:nhs.system'));
    expect(at('Patient.identifier:nhs.assigner')).toBeLessThan(at('Patient.identifier:local'));
    expect(at('Patient.identifier:local')).toBeLessThan(at('Patient.active'));
    expect(list.filter((id) => id.startsWith('Patient.identifier:local.'))).toEqual([]);
  });

  it("starts a slice from the base element, not from the profile's constraints on the sliced element", () => {
    const result = new SnapshotGenerator(registryWith(profileA)).generate(profileA);
    expect(el(result, 'Patient.identifier')?.mustSupport).toBe(true);
    expect(el(result, 'Patient.identifier:nhs')?.mustSupport).toBeUndefined();
    expect(el(result, 'Patient.identifier:nhs')?.slicing).toBeUndefined();
  });

  it('fills id, path and base on every element and never mutates the input', () => {
    const before = structuredClone(profileB);
    const result = new SnapshotGenerator(registryWith(profileA, profileB)).generate(profileB);
    expect(profileB).toEqual(before);
    expect(result.structureDefinition).not.toBe(profileB);
    for (const e of result.structureDefinition.snapshot!.element) {
      expect(
        e.id && e.path && e.base?.path && e.base.max !== undefined && e.base.min !== undefined,
      ).toBeTruthy();
    }
    expect(el(result, 'Patient.identifier:nhs.system')?.base).toEqual({
      path: 'Identifier.system',
      min: 0,
      max: '1',
    });
  });

  it('caches by url|version and returns an SD that already has a snapshot as it is', () => {
    const registry = registryWith(profileA);
    const generator = new SnapshotGenerator(registry);
    expect(generator.generate(profileA)).toBe(generator.generate(profileA));
    const patient = registry.structureDefinition('Patient')!;
    expect(generator.generate(patient).structureDefinition).toBe(patient);
    expect(generator.snapshotOf('http://example.org/StructureDefinition/missing')).toBeUndefined();
  });
});

describe('SnapshotGenerator: problems are messages', () => {
  it('reports snapshot.cycle for a base chain that loops, without throwing', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Patient',
      'http://example.org/StructureDefinition/Y',
      [],
    );
    const y = profile(
      'http://example.org/StructureDefinition/Y',
      'Patient',
      'http://example.org/StructureDefinition/X',
      [],
    );
    const result = new SnapshotGenerator(registryWith(x, y)).generate(x);
    expect(result.structureDefinition.snapshot).toBeUndefined();
    expect(result.messages.map((m) => m.code)).toEqual(['snapshot.base-without-snapshot']);
    expect(result.messages[0]!.message).toContain('refer back to itself');
  });

  it('reports snapshot.base-unresolved', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Patient',
      'http://example.org/StructureDefinition/nowhere',
      [],
    );
    expect(new SnapshotGenerator(registryWith(x)).generate(x).messages.map((m) => m.code)).toEqual([
      'snapshot.base-unresolved',
    ]);
  });

  it('reports unknown elements, disallowed types, min above max and max above base', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        { id: 'Observation.nonsense', path: 'Observation.nonsense', min: 1 },
        { id: 'Observation.subject', path: 'Observation.subject', type: [{ code: 'string' }] },
        { id: 'Observation.status', path: 'Observation.status', min: 1, max: '0' },
        { id: 'Observation.code', path: 'Observation.code', max: '*' },
        { id: 'Observation.issued', path: 'Observation.issued', min: 0 },
        { id: 'Observation.category', path: 'Observation.category', min: 1 },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    expect(result.messages.map((m) => [m.code, m.elementId])).toEqual([
      ['snapshot.element-not-found', 'Observation.nonsense'],
      ['snapshot.type-not-allowed', 'Observation.subject'],
      ['snapshot.min-above-max', 'Observation.status'],
      ['snapshot.max-above-base', 'Observation.code'],
    ]);
    expect(el(result, 'Observation.category')?.min).toBe(1);
  });

  it('reports a target profile the base does not allow, and accepts profiles of allowed targets', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        {
          id: 'Observation.subject',
          path: 'Observation.subject',
          type: [{ code: 'Reference', targetProfile: [profileA.url!, `${base}Group`] }],
        },
        {
          id: 'Observation.focus',
          path: 'Observation.focus',
          type: [{ code: 'Reference', targetProfile: [`${base}Patient`] }],
        },
        {
          id: 'Observation.specimen',
          path: 'Observation.specimen',
          type: [{ code: 'Reference', targetProfile: [`${base}Practitioner`] }],
        },
      ],
    );
    const result = new SnapshotGenerator(registryWith(profileA, x)).generate(x);
    expect(result.messages.map((m) => [m.code, m.elementId])).toEqual([
      ['snapshot.target-not-allowed', 'Observation.specimen'],
    ]);
    expect(el(result, 'Observation.subject')?.type?.[0]?.targetProfile).toEqual([
      profileA.url,
      `${base}Group`,
    ]);
  });

  it('accepts specialisations and resources where the base type allows them', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        {
          id: 'Observation.value[x]',
          path: 'Observation.value[x]',
          type: [{ code: 'Quantity', profile: [`${base}SimpleQuantity`] }],
        },
        { id: 'Observation.contained', path: 'Observation.contained', type: [{ code: 'Patient' }] },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Observation.value[x]')?.constraint?.map((c) => c.key)).toContain('sqty-1');
  });
});

describe('SnapshotGenerator: choice types', () => {
  it('narrows value[x] to one type and expands its children for a differential on value[x].code', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        { id: 'Observation.value[x]', path: 'Observation.value[x]', type: [{ code: 'Quantity' }] },
        {
          id: 'Observation.value[x].code',
          path: 'Observation.value[x].code',
          min: 1,
          fixedCode: 'kg',
        },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Observation.value[x]')?.type).toEqual([{ code: 'Quantity' }]);
    expect(el(result, 'Observation.value[x].code')).toMatchObject({
      path: 'Observation.value[x].code',
      min: 1,
      fixedCode: 'kg',
    });
  });

  it('turns the renamed form valueQuantity into the type slice value[x]:valueQuantity, as R4 does', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        { id: 'Observation.valueQuantity', path: 'Observation.valueQuantity', min: 1 },
        {
          id: 'Observation.valueQuantity.system',
          path: 'Observation.valueQuantity.system',
          fixedUri: 'http://unitsofmeasure.org',
        },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    const choice = el(result, 'Observation.value[x]')!;
    expect(choice.slicing).toEqual({
      discriminator: [{ type: 'type', path: '$this' }],
      ordered: false,
      rules: 'closed',
    });
    expect(choice.type).toEqual([{ code: 'Quantity' }]);
    expect(el(result, 'Observation.value[x]:valueQuantity')).toMatchObject({
      path: 'Observation.value[x]',
      sliceName: 'valueQuantity',
      min: 1,
      type: [{ code: 'Quantity' }],
    });
    expect(el(result, 'Observation.value[x]:valueQuantity.system')?.fixedUri).toBe(
      'http://unitsofmeasure.org',
    );
  });

  it('adds the type of a second renamed form back to the choice, each with its own slice', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        { id: 'Observation.valueQuantity', path: 'Observation.valueQuantity', max: '1' },
        { id: 'Observation.valueString', path: 'Observation.valueString', maxLength: 50 },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    expect(result.messages.filter((m) => m.severity !== 'information')).toEqual([]);
    expect(el(result, 'Observation.value[x]')?.type?.map((t) => t.code)).toEqual([
      'Quantity',
      'string',
    ]);
    expect(el(result, 'Observation.value[x]:valueString')).toMatchObject({
      maxLength: 50,
      type: [{ code: 'string' }],
    });
    const list = ids(result);
    expect(list.indexOf('Observation.value[x]:valueString')).toBeGreaterThan(
      list.indexOf('Observation.value[x]:valueQuantity'),
    );
  });

  it('applies a type slice given by id (Observation.value[x]:valueQuantity with path Observation.valueQuantity)', () => {
    const x = profile(
      'http://example.org/StructureDefinition/X',
      'Observation',
      `${base}Observation`,
      [
        {
          id: 'Observation.value[x]',
          path: 'Observation.value[x]',
          slicing: { discriminator: [{ type: 'type', path: '$this' }], rules: 'open' },
        },
        {
          id: 'Observation.value[x]:valueQuantity',
          path: 'Observation.valueQuantity',
          sliceName: 'valueQuantity',
          max: '1',
        },
        {
          id: 'Observation.value[x]:valueQuantity.code',
          path: 'Observation.valueQuantity.code',
          min: 1,
        },
      ],
    );
    const result = new SnapshotGenerator(registryWith(x)).generate(x);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Observation.value[x]:valueQuantity')?.type).toEqual([{ code: 'Quantity' }]);
    expect(el(result, 'Observation.value[x]:valueQuantity.code')?.min).toBe(1);
    expect(el(result, 'Observation.value[x]')?.type?.length).toBeGreaterThan(1);
  });
});

describe('SnapshotGenerator: extensions, paths without ids, re-slicing, contentReference', () => {
  const ext = profile(
    'http://example.org/StructureDefinition/ext',
    'Extension',
    `${base}Extension`,
    [
      {
        id: 'Extension.extension:code',
        path: 'Extension.extension',
        sliceName: 'code',
        min: 1,
        max: '1',
      },
      {
        id: 'Extension.extension:code.value[x]',
        path: 'Extension.extension.value[x]',
        type: [{ code: 'CodeableConcept' }],
        binding: { strength: 'required', valueSet: 'http://example.org/vs' },
      },
      {
        id: 'Extension.url',
        path: 'Extension.url',
        fixedUri: 'http://example.org/StructureDefinition/ext',
      },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', max: '0' },
    ],
  );

  it('expands nested extension slices from Extension, with url fixed and value typed', () => {
    const result = new SnapshotGenerator(registryWith(ext)).generate(ext);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Extension.extension')?.slicing?.discriminator).toEqual([
      { type: 'value', path: 'url' },
    ]);
    expect(el(result, 'Extension.extension:code.value[x]')).toMatchObject({
      path: 'Extension.extension.value[x]',
      type: [{ code: 'CodeableConcept' }],
      binding: { strength: 'required' },
    });
    expect(el(result, 'Extension.extension:code.url')?.path).toBe('Extension.extension.url');
    expect(el(result, 'Extension.url')?.fixedUri).toBe(ext.url);
  });

  it('expands an extension slice from its type profile (generated on demand) when the differential goes inside it', () => {
    const p = profile('http://example.org/StructureDefinition/P', 'Patient', `${base}Patient`, [
      {
        id: 'Patient.extension:e',
        path: 'Patient.extension',
        sliceName: 'e',
        type: [{ code: 'Extension', profile: [ext.url!] }],
      },
      {
        id: 'Patient.extension:e.extension:code',
        path: 'Patient.extension.extension',
        sliceName: 'code',
        mustSupport: true,
      },
    ]);
    const result = new SnapshotGenerator(registryWith(ext, p)).generate(p);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Patient.extension:e.extension:code')).toMatchObject({
      min: 1,
      mustSupport: true,
      path: 'Patient.extension.extension',
    });
    expect(el(result, 'Patient.extension:e.extension:code.value[x]')?.binding?.valueSet).toBe(
      'http://example.org/vs',
    );
    expect(el(result, 'Patient.extension:e.url')?.fixedUri).toBe(ext.url);
  });

  it('gives ids to path-only differentials, children following the nearest slice', () => {
    const p = profile('http://example.org/StructureDefinition/P', 'Patient', `${base}Patient`, [
      {
        path: 'Patient.telecom',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      { path: 'Patient.telecom', sliceName: 'phone' },
      { path: 'Patient.telecom.system', fixedCode: 'phone' },
      { path: 'Patient.telecom', sliceName: 'email' },
      { path: 'Patient.telecom.system', fixedCode: 'email' },
      { path: 'Patient.gender', min: 1 },
    ]);
    const result = new SnapshotGenerator(registryWith(p)).generate(p);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Patient.telecom:phone.system')?.fixedCode).toBe('phone');
    expect(el(result, 'Patient.telecom:email.system')?.fixedCode).toBe('email');
    expect(el(result, 'Patient.gender')?.min).toBe(1);
  });

  it('re-slices a slice (a:b/c) after the slice it refines', () => {
    const p = profile('http://example.org/StructureDefinition/P', 'Patient', `${base}Patient`, [
      {
        id: 'Patient.identifier',
        path: 'Patient.identifier',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      {
        id: 'Patient.identifier:local',
        path: 'Patient.identifier',
        sliceName: 'local',
        slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' },
      },
      {
        id: 'Patient.identifier:local.system',
        path: 'Patient.identifier.system',
        fixedUri: 'http://example.org/ids',
      },
      {
        id: 'Patient.identifier:local/old',
        path: 'Patient.identifier',
        sliceName: 'local/old',
        max: '1',
      },
      { id: 'Patient.identifier:local/old.use', path: 'Patient.identifier.use', fixedCode: 'old' },
    ]);
    const result = new SnapshotGenerator(registryWith(p)).generate(p);
    expect(result.messages).toEqual([]);
    const list = ids(result);
    expect(list.indexOf('Patient.identifier:local/old')).toBeGreaterThan(
      list.indexOf('Patient.identifier:local.assigner'),
    );
    expect(el(result, 'Patient.identifier:local/old.system')?.fixedUri).toBe(
      'http://example.org/ids',
    );
    expect(el(result, 'Patient.identifier:local/old.use')?.fixedCode).toBe('old');
    expect(el(result, 'Patient.identifier:local/old')?.slicing).toBeUndefined();
  });

  it('constrains an element that declares no slicing under the slice id, as the R4 core snapshots do', () => {
    const p = profile('http://example.org/StructureDefinition/P', 'Patient', `${base}Patient`, [
      { id: 'Patient.gender:g', path: 'Patient.gender', sliceName: 'g', min: 1 },
    ]);
    const result = new SnapshotGenerator(registryWith(p)).generate(p);
    expect(result.messages.map((m) => [m.severity, m.code])).toEqual([
      ['information', 'snapshot.slice-without-slicing'],
    ]);
    expect(el(result, 'Patient.gender')).toBeUndefined();
    expect(el(result, 'Patient.gender:g')).toMatchObject({
      min: 1,
      sliceName: 'g',
      path: 'Patient.gender',
    });
  });

  it('stops at an extension whose nested slice is typed with the extension itself (cycle), with a message', () => {
    const url = 'http://example.org/StructureDefinition/loop';
    const loop = profile(url, 'Extension', `${base}Extension`, [
      {
        id: 'Extension.extension:inner',
        path: 'Extension.extension',
        sliceName: 'inner',
        type: [{ code: 'Extension', profile: [url] }],
      },
      { id: 'Extension.extension:inner.url', path: 'Extension.extension.url', short: 'inner url' },
    ]);
    const result = new SnapshotGenerator(registryWith(loop)).generate(loop);
    expect(result.messages.map((m) => m.code)).toContain('snapshot.cycle');
    expect(el(result, 'Extension.extension:inner.url')?.short).toBe('inner url');
  });

  it('keeps contentReference elements as references and expands one level only when the differential goes inside', () => {
    const q = profile(
      'http://example.org/StructureDefinition/Q',
      'Questionnaire',
      `${base}Questionnaire`,
      [
        {
          id: 'Questionnaire.item.item.linkId',
          path: 'Questionnaire.item.item.linkId',
          maxLength: 20,
        },
      ],
    );
    const result = new SnapshotGenerator(registryWith(q)).generate(q);
    expect(result.messages).toEqual([]);
    expect(el(result, 'Questionnaire.item.item.linkId')).toMatchObject({
      maxLength: 20,
      path: 'Questionnaire.item.item.linkId',
    });
    expect(el(result, 'Questionnaire.item.item')?.contentReference).toBeUndefined();
    expect(el(result, 'Questionnaire.item.item.item')?.contentReference).toBe(
      '#Questionnaire.item',
    );
    expect(ids(result).some((id) => id.startsWith('Questionnaire.item.item.item.'))).toBe(false);
    const plain = new SnapshotGenerator(registryWith(q)).generate(
      profile(
        'http://example.org/StructureDefinition/Q2',
        'Questionnaire',
        `${base}Questionnaire`,
        [],
      ),
    );
    expect(el(plain, 'Questionnaire.item.item')?.contentReference).toBe('#Questionnaire.item');
  });
});
