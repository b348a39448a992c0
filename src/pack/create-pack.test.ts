import { describe, expect, it } from 'vitest';
import { PackError } from '../errors.js';
import { createPack } from './create-pack.js';
import { loadPack } from './load-pack.js';
import { headerFields, writePack } from './pack-text.js';
import { PACK_FORMAT_VERSION } from './validation-pack.js';

const ele1 = {
  key: 'ele-1',
  severity: 'error',
  human: 'All FHIR elements must have a @value or children',
  expression: 'hasValue() or (children().count() > id.count())',
  xpath: '@value|f:*',
  source: 'x',
};
const sd = {
  resourceType: 'StructureDefinition',
  url: 'http://example.org/StructureDefinition/Thing',
  version: '1.0.0',
  name: 'Thing',
  kind: 'resource',
  type: 'Thing',
  derivation: 'specialization',
  text: { status: 'generated', div: '<div>long narrative</div>' },
  mapping: [{ identity: 'rim' }],
  description: 'documentation',
  snapshot: {
    element: [
      {
        id: 'Thing',
        path: 'Thing',
        min: 0,
        max: '*',
        short: 's',
        definition: 'd',
        comment: 'c',
        requirements: 'r',
        alias: ['a'],
        mapping: [{ identity: 'rim', map: 'x' }],
        constraint: [ele1],
      },
      {
        id: 'Thing.code',
        path: 'Thing.code',
        min: 1,
        max: '1',
        type: [{ code: 'code' }],
        binding: { strength: 'required', valueSet: 'http://example.org/vs' },
        constraint: [ele1],
        example: [{ label: 'e', valueCode: 'x' }],
      },
    ],
  },
  differential: { element: [{ id: 'Thing', path: 'Thing' }] },
};
const cs = {
  resourceType: 'CodeSystem',
  url: 'http://example.org/cs',
  content: 'complete',
  caseSensitive: true,
  property: [{ code: 'parent', type: 'code' }],
  concept: [
    {
      code: 'a',
      display: 'A',
      definition: 'long text',
      designation: [{ language: 'en', use: { code: 'x' }, value: 'Aa' }],
      concept: [{ code: 'b', display: 'B', property: [{ code: 'parent', valueCode: 'a' }] }],
    },
  ],
};
const vs = {
  resourceType: 'ValueSet',
  url: 'http://example.org/vs',
  compose: { include: [{ system: 'http://example.org/cs' }] },
  purpose: 'p',
  copyright: 'c',
};

function roundTrip(inputs: unknown[]) {
  const pack = createPack(inputs, [{ name: 'test', version: '1.0.0' }]);
  return { pack, loaded: loadPack(writePack(pack)) };
}

describe('createPack / loadPack', () => {
  it('keeps only StructureDefinitions, ValueSets, CodeSystems and SearchParameters with a url, from Bundles too', () => {
    const { pack } = roundTrip([
      {
        resourceType: 'Bundle',
        entry: [
          { resource: sd },
          { resource: { resourceType: 'OperationDefinition', url: 'x' } },
          {
            resource: {
              resourceType: 'SearchParameter',
              url: 'y',
              version: '1',
              code: 'c',
              base: ['Patient'],
              type: 'token',
              description: 'dropped',
              expression: 'Patient.c',
            },
          },
        ],
      },
      cs,
      vs,
      { resourceType: 'ValueSet' },
    ]);
    expect(pack.formatVersion).toBe(PACK_FORMAT_VERSION);
    expect(pack.sources).toEqual([{ name: 'test', version: '1.0.0' }]);
    expect(pack.resources.map((r) => (r as { resourceType: string }).resourceType)).toEqual([
      'StructureDefinition',
      'SearchParameter',
      'CodeSystem',
      'ValueSet',
    ]);
    // a SearchParameter keeps its canonical, code, base and type only
    expect(pack.resources[1]).toEqual({
      resourceType: 'SearchParameter',
      url: 'y',
      version: '1',
      code: 'c',
      base: ['Patient'],
      type: 'token',
    });
    expect(pack).not.toHaveProperty('builtAt');
  });

  it('drops documentation text but keeps what validation reads', () => {
    const { loaded } = roundTrip([sd, cs, vs]);
    const got = loaded.registry.structureDefinition(
      'http://example.org/StructureDefinition/Thing',
    )!;
    expect(got).not.toHaveProperty('text');
    expect(got).not.toHaveProperty('mapping');
    expect(got).not.toHaveProperty('description');
    expect(got).not.toHaveProperty('differential');
    const [root, code] = got.snapshot!.element;
    for (const field of ['short', 'definition', 'comment', 'requirements', 'alias', 'mapping'])
      expect(root).not.toHaveProperty(field);
    expect(code).not.toHaveProperty('example');
    expect(root!.constraint).toEqual([
      {
        key: 'ele-1',
        severity: 'error',
        human: ele1.human,
        expression: ele1.expression,
        source: 'x',
      },
    ]);
    expect(code!.type).toEqual([{ code: 'code' }]);
    expect(code!.binding).toEqual({ strength: 'required', valueSet: 'http://example.org/vs' });
    expect(code!.min).toBe(1);
    const codeSystem = loaded.registry.codeSystem('http://example.org/cs')!;
    expect(codeSystem.caseSensitive).toBe(true);
    expect(codeSystem.concept![0]).toEqual({
      code: 'a',
      display: 'A',
      designation: [{ language: 'en', value: 'Aa' }],
      concept: [{ code: 'b', display: 'B', property: [{ code: 'parent', valueCode: 'a' }] }],
    });
    expect(loaded.registry.valueSet('http://example.org/vs')).toEqual({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs',
      compose: vs.compose,
    });
  });

  it('stores repeated element parts once and restores them as one shared object', () => {
    const { pack, loaded } = roundTrip([sd]);
    expect(pack.shared.filter((s) => (s as { key?: string }).key === 'ele-1')).toHaveLength(1);
    const [root, code] = loaded.registry.structureDefinition(sd.url)!.snapshot!.element;
    expect(root!.constraint![0]).toBe(code!.constraint![0]);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(JSON.stringify(createPack([sd, cs, vs], []))).toBe(
      JSON.stringify(createPack([sd, cs, vs], [])),
    );
  });

  it('writes ASCII-only JSON whose header holds only the indexed fields, and loads it from text or bytes', () => {
    const named = {
      ...cs,
      title: 'Caf\u00e9 \u{1F600}',
      concept: [{ code: '\u00e9', display: '\u00c9t\u00e9' }],
    };
    const pack = createPack([sd, named, vs], [{ name: 'test', version: '1' }]);
    const text = writePack(pack);
    expect(/^[ -~]*$/.test(text)).toBe(true); // printable ASCII only
    const whole = JSON.parse(text) as {
      headerLength: string;
      resources: Record<string, unknown>[];
      parts: unknown[];
    };
    expect(whole.resources.every((r) => Object.keys(r).every((k) => headerFields.has(k)))).toBe(
      true,
    );
    expect(text.slice(Number(whole.headerLength)).startsWith(',"parts":[')).toBe(true);
    for (const source of [text, new TextEncoder().encode(text)]) {
      const { registry } = loadPack(source);
      expect(registry.codeSystem(cs.url)).toMatchObject({
        title: named.title,
        concept: [{ code: '\u00e9', display: '\u00c9t\u00e9' }],
      });
      expect(registry.size).toBe(3);
    }
  });

  it('parses a resource body only when the registry first returns the resource', () => {
    const text = writePack(createPack([sd, cs, vs], []));
    // break the CodeSystem's body: loading still works, and so does every other resource
    const broken = text.replace('"code":"a"', '"code"!"a"'); // same length: the offsets stay right
    expect(broken).not.toBe(text);
    const { registry } = loadPack(broken);
    expect(registry.valueSet(vs.url)?.compose).toEqual(vs.compose);
    expect(registry.structureDefinition(sd.url)?.snapshot?.element).toHaveLength(2);
    expect(() => registry.codeSystem(cs.url)).toThrow(PackError);
  });

  it('parses a shared element part only when a resource that uses it is returned', () => {
    const other = {
      ...sd,
      url: 'http://example.org/StructureDefinition/Other',
      snapshot: {
        element: [
          { ...sd.snapshot.element[1], binding: { strength: 'example', valueSet: 'urn:x' } },
        ],
      },
      differential: undefined,
    };
    const text = writePack(createPack([sd, other], []));
    const broken = text.replace('"strength":"example"', '"strength"!"example"'); // same length
    expect(broken).not.toBe(text);
    const { registry } = loadPack(broken);
    const [root, code] = registry.structureDefinition(sd.url)!.snapshot!.element;
    expect(code!.binding).toEqual(sd.snapshot.element[1]!.binding);
    expect(root!.constraint![0]).toBe(code!.constraint![0]); // one object per shared part still
    expect(() => registry.structureDefinition(other.url)).toThrow(PackError);
  });

  it('reads the shared element parts whole when the header does not locate them (older packs)', () => {
    const text = writePack(createPack([sd, cs, vs], []));
    const expected = [...loadPack(text).registry.allResources()];
    const items = /,"sharedItems":\[[\d,]*\]/.exec(text)![0];
    // blanks keep the header's length; a wrong last length no longer adds up to the shared part
    const blank = text.replace(items, ' '.repeat(items.length));
    const wrong = text.replace(
      items,
      items.replace(/\d\]$/, (d) => `${(Number(d[0]) + 1) % 10}]`),
    );
    for (const variant of [blank, wrong]) {
      expect(variant).not.toBe(text);
      expect([...loadPack(variant).registry.allResources()]).toEqual(expected);
    }
  });

  it('loads the in-memory pack and plain JSON of it like its file layout', () => {
    const pack = createPack([sd, cs, vs], []);
    const expected = [...loadPack(writePack(pack)).registry.allResources()];
    expect([...loadPack(pack).registry.allResources()]).toEqual(expected);
    expect([...loadPack(JSON.stringify(pack)).registry.allResources()]).toEqual(expected);
  });

  it('refuses what is not a pack, or another format version, with PackError', () => {
    expect(() => loadPack('{"resources":[]}')).toThrow(PackError);
    expect(() => loadPack('not json')).toThrow(PackError);
    expect(() => loadPack({ formatVersion: 99, sources: [], shared: [], resources: [] })).toThrow(
      /format 99/,
    );
    expect(() =>
      loadPack(JSON.stringify({ formatVersion: 2, sources: [], shared: [], resources: [] })),
    ).toThrow(/format 2/);
    const text = writePack(createPack([vs], []));
    expect(() => loadPack(text.replace('"formatVersion":3', '"formatVersion":4'))).toThrow(
      /format 4/,
    );
    const headerLength = Number((JSON.parse(text) as { headerLength: string }).headerLength);
    expect(() => loadPack(text.slice(0, headerLength - 5))).toThrow(PackError);
    expect(() =>
      loadPack(text.replace(/"headerLength":"\d+"/, '"headerLength":"0000000009"')),
    ).toThrow(PackError);
  });
});
