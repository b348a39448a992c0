import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { LocalTerminology } from './terminology.js';

// Small synthetic CodeSystems and ValueSets: one test per filter operator and compose feature.
const SHAPES = 'http://example.org/CodeSystem/shapes';
const FLAT = 'http://example.org/CodeSystem/flat';
const LOOSE = 'http://example.org/CodeSystem/loose-case';
const SCT = 'http://snomed.info/sct';

/** shape > polygon > (triangle, quad > (square, rectangle)); round via `parent` property; oval via `subsumedBy`. */
const shapes = {
  resourceType: 'CodeSystem',
  url: SHAPES,
  version: '2.0.0',
  status: 'active',
  content: 'complete',
  caseSensitive: true,
  hierarchyMeaning: 'is-a',
  property: [
    { code: 'sides', type: 'integer' },
    { code: 'regular', type: 'boolean' },
    { code: 'parent', type: 'code' },
    { code: 'subsumedBy', type: 'code' },
    { code: 'child', type: 'code' },
    { code: 'colour', type: 'string' },
  ],
  concept: [
    {
      code: 'shape',
      display: 'Shape',
      concept: [
        {
          code: 'polygon',
          display: 'Polygon',
          concept: [
            {
              code: 'triangle',
              display: 'Triangle',
              property: [{ code: 'sides', valueInteger: 3 }],
            },
            {
              code: 'quad',
              display: 'Quadrilateral',
              property: [
                { code: 'sides', valueInteger: 4 },
                { code: 'child', valueCode: 'kite' },
              ],
              concept: [
                {
                  code: 'square',
                  display: 'Square',
                  property: [
                    { code: 'sides', valueInteger: 4 },
                    { code: 'regular', valueBoolean: true },
                  ],
                },
                {
                  code: 'rectangle',
                  display: 'Rectangle',
                  property: [{ code: 'sides', valueInteger: 4 }],
                },
              ],
            },
          ],
        },
        { code: 'round', display: 'Round' },
      ],
    },
    {
      code: 'circle',
      display: 'Circle',
      property: [
        { code: 'parent', valueCode: 'round' },
        { code: 'colour', valueString: 'red' },
      ],
    },
    { code: 'oval', display: 'Oval', property: [{ code: 'subsumedBy', valueCode: 'round' }] },
    { code: 'kite', display: 'Kite', property: [{ code: 'sides', valueInteger: 4 }] },
    { code: 'blob', display: 'Blob' },
  ],
};

const shapesV1 = {
  ...shapes,
  version: '1.0.0',
  concept: [{ code: 'triangle', display: 'Triangle' }],
};

const flat = {
  resourceType: 'CodeSystem',
  url: FLAT,
  status: 'active',
  content: 'complete',
  caseSensitive: true,
  concept: [
    { code: 'A1', display: 'Alpha one' },
    { code: 'A2', display: 'Alpha two' },
    { code: 'B1', display: 'Beta one' },
    { code: 'b2', display: 'beta two' },
  ],
};

const loose = {
  resourceType: 'CodeSystem',
  url: LOOSE,
  status: 'active',
  content: 'complete',
  caseSensitive: false,
  concept: [{ code: 'Yes', display: 'Yes' }],
};

function vs(
  id: string,
  compose: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    resourceType: 'ValueSet',
    url: `http://example.org/ValueSet/${id}`,
    status: 'active',
    ...(compose ? { compose } : {}),
    ...extra,
  };
}

function filterVs(
  id: string,
  system: string,
  property: string,
  op: string,
  value: string,
): Record<string, unknown> {
  return vs(id, { include: [{ system, filter: [{ property, op, value }] }] });
}

function setup(...resources: unknown[]): LocalTerminology {
  const registry = new CanonicalRegistry();
  registry.addAll([shapesV1, shapes, flat, loose, ...resources]);
  return new LocalTerminology(registry);
}

function codes(tx: LocalTerminology, id: string): string[] {
  return [...(tx.expand(`http://example.org/ValueSet/${id}`)?.members() ?? [])]
    .map((m) => m.code)
    .sort();
}

describe('expandValueSet filters on local CodeSystems', () => {
  it('is-a: the concept and its descendants, from nesting, parent, subsumedBy and child properties', () => {
    const tx = setup(
      filterVs('polygons', SHAPES, 'concept', 'is-a', 'polygon'),
      filterVs('round', SHAPES, 'concept', 'is-a', 'round'),
    );
    expect(codes(tx, 'polygons')).toEqual([
      'kite',
      'polygon',
      'quad',
      'rectangle',
      'square',
      'triangle',
    ]);
    expect(codes(tx, 'round')).toEqual(['circle', 'oval', 'round']);
  });

  it('descendent-of: descendants only', () => {
    const tx = setup(filterVs('d', SHAPES, 'concept', 'descendent-of', 'quad'));
    expect(codes(tx, 'd')).toEqual(['kite', 'rectangle', 'square']);
  });

  it('is-not-a: everything outside the subtree', () => {
    const tx = setup(filterVs('n', SHAPES, 'concept', 'is-not-a', 'shape'));
    expect(codes(tx, 'n')).toEqual(['blob']);
  });

  it('generalizes: the concept and its ancestors', () => {
    const tx = setup(filterVs('g', SHAPES, 'concept', 'generalizes', 'square'));
    expect(codes(tx, 'g')).toEqual(['polygon', 'quad', 'shape', 'square']);
  });

  it('= on a declared property (integer, boolean, string)', () => {
    const tx = setup(
      filterVs('four', SHAPES, 'sides', '=', '4'),
      filterVs('reg', SHAPES, 'regular', '=', 'true'),
      filterVs('red', SHAPES, 'colour', '=', 'red'),
    );
    expect(codes(tx, 'four')).toEqual(['kite', 'quad', 'rectangle', 'square']);
    expect(codes(tx, 'reg')).toEqual(['square']);
    expect(codes(tx, 'red')).toEqual(['circle']);
  });

  it('= on parent uses the hierarchy', () => {
    const tx = setup(filterVs('p', SHAPES, 'parent', '=', 'round'));
    expect(codes(tx, 'p')).toEqual(['circle', 'oval']);
  });

  it('in and not-in: comma-separated codes', () => {
    const tx = setup(
      filterVs('in', FLAT, 'concept', 'in', 'A1, B1,zz'),
      filterVs('notin', FLAT, 'code', 'not-in', 'A1,B1'),
    );
    expect(codes(tx, 'in')).toEqual(['A1', 'B1']);
    expect(codes(tx, 'notin')).toEqual(['A2', 'b2']);
  });

  it('regex: the whole code must match', () => {
    const tx = setup(
      filterVs('re', FLAT, 'code', 'regex', '[A-Z][0-9]'),
      filterVs('disp', FLAT, 'display', 'regex', 'Alpha.*'),
    );
    expect(codes(tx, 're')).toEqual(['A1', 'A2', 'B1']);
    expect(codes(tx, 'disp')).toEqual(['A1', 'A2']);
  });

  it('exists: concepts that have (or lack) a property', () => {
    const tx = setup(
      filterVs('has', SHAPES, 'sides', 'exists', 'true'),
      filterVs('lacks', SHAPES, 'colour', 'exists', 'false'),
    );
    expect(codes(tx, 'has')).toEqual(['kite', 'quad', 'rectangle', 'square', 'triangle']);
    expect(codes(tx, 'lacks')).not.toContain('circle');
  });

  it('several filters in one include intersect', () => {
    const tx = setup(
      vs('both', {
        include: [
          {
            system: SHAPES,
            filter: [
              { property: 'concept', op: 'is-a', value: 'quad' },
              { property: 'regular', op: '=', value: 'true' },
            ],
          },
        ],
      }),
    );
    expect(codes(tx, 'both')).toEqual(['square']);
  });

  it('an unknown operator, an undeclared property or an invalid regex is not expandable (not-checked)', () => {
    const tx = setup(
      filterVs('op', SHAPES, 'concept', 'child-of', 'quad'),
      filterVs('prop', SHAPES, 'weight', '=', '1'),
      filterVs('bad', FLAT, 'code', 'regex', '(['),
    );
    const cases: [string, string, string][] = [
      ['op', SHAPES, 'square'],
      ['prop', SHAPES, 'square'],
      ['bad', FLAT, 'A1'],
    ];
    for (const [id, system, code] of cases) {
      expect(tx.validateCode(`http://example.org/ValueSet/${id}`, { system, code })).toEqual({
        outcome: 'not-checked',
        reason: 'value-set-not-expandable',
      });
    }
    // a system the value set cannot hold is still definitely out
    expect(
      tx.validateCode('http://example.org/ValueSet/op', { system: FLAT, code: 'A1' }).outcome,
    ).toBe('invalid');
  });
});

describe('expandValueSet compose features', () => {
  it('exclude by concept list and by filter', () => {
    const tx = setup(
      vs('ex', {
        include: [{ system: SHAPES }],
        exclude: [
          { system: SHAPES, concept: [{ code: 'blob' }] },
          { system: SHAPES, filter: [{ property: 'concept', op: 'is-a', value: 'round' }] },
        ],
      }),
    );
    const got = codes(tx, 'ex');
    expect(got).toContain('square');
    expect(got).not.toContain('blob');
    expect(got).not.toContain('oval');
    expect(
      tx.validateCode('http://example.org/ValueSet/ex', { system: SHAPES, code: 'circle' }),
    ).toEqual({ outcome: 'invalid', reason: 'not-in-value-set' });
  });

  it('an exclude that cannot be expanded makes members of that system uncertain', () => {
    const tx = setup(
      vs('ux', {
        include: [{ system: SHAPES }, { system: FLAT }],
        exclude: [{ system: SHAPES, filter: [{ property: 'x', op: '=', value: '1' }] }],
      }),
    );
    expect(
      tx.validateCode('http://example.org/ValueSet/ux', { system: SHAPES, code: 'square' }).outcome,
    ).toBe('not-checked');
    expect(
      tx.validateCode('http://example.org/ValueSet/ux', { system: FLAT, code: 'A1' }).outcome,
    ).toBe('valid');
  });

  it('case sensitivity follows CodeSystem.caseSensitive', () => {
    const tx = setup(vs('cs', { include: [{ system: FLAT }, { system: LOOSE }] }));
    const url = 'http://example.org/ValueSet/cs';
    expect(tx.validateCode(url, { system: FLAT, code: 'a1' }).outcome).toBe('invalid');
    expect(tx.validateCode(url, { system: LOOSE, code: 'YES' }).outcome).toBe('valid');
    expect(tx.validateCode(url, { code: 'yes' }).outcome).toBe('valid');
    expect(tx.lookup(LOOSE, 'yes')).toEqual({ found: true, display: 'Yes' });
  });

  it('versioned systems: include.version pins the CodeSystem version', () => {
    const tx = setup(
      vs('v1', { include: [{ system: SHAPES, version: '1.0.0' }] }),
      vs('v2', { include: [{ system: SHAPES, version: '2.0.0' }] }),
      vs('v3', { include: [{ system: SHAPES, version: '3.0.0' }] }),
    );
    expect(codes(tx, 'v1')).toEqual(['triangle']);
    expect(codes(tx, 'v2')).toContain('square');
    expect(
      tx.validateCode('http://example.org/ValueSet/v1', { system: SHAPES, code: 'square' }).outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode('http://example.org/ValueSet/v3', { system: SHAPES, code: 'square' }),
    ).toEqual({ outcome: 'not-checked', reason: 'system-not-available' });
    expect(
      tx.validateCode('http://example.org/ValueSet/v2', {
        system: SHAPES,
        version: '1.0.0',
        code: 'square',
      }).outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode('http://example.org/ValueSet/v2', {
        system: SHAPES,
        version: '2.0.0',
        code: 'square',
      }).outcome,
    ).toBe('valid');
    expect(tx.lookup(SHAPES, 'square', '1.0.0')).toEqual({ found: false });
  });

  it('valueSet imports intersect with the system part; a missing import is not-checked', () => {
    const tx = setup(
      filterVs('four', SHAPES, 'sides', '=', '4'),
      vs('fourquads', {
        include: [
          {
            system: SHAPES,
            filter: [{ property: 'concept', op: 'descendent-of', value: 'quad' }],
            valueSet: ['http://example.org/ValueSet/four'],
          },
        ],
      }),
      vs('missing', { include: [{ valueSet: ['http://example.org/ValueSet/absent'] }] }),
    );
    expect(codes(tx, 'fourquads')).toEqual(['kite', 'rectangle', 'square']);
    expect(
      tx.validateCode('http://example.org/ValueSet/missing', { system: FLAT, code: 'A1' }),
    ).toEqual({ outcome: 'not-checked', reason: 'value-set-not-found' });
  });

  it('a cycle of imports does not loop and is not expandable', () => {
    const tx = setup(
      vs('a', { include: [{ valueSet: ['http://example.org/ValueSet/b'] }] }),
      vs('b', { include: [{ valueSet: ['http://example.org/ValueSet/a'] }] }),
    );
    expect(
      tx.validateCode('http://example.org/ValueSet/a', { system: FLAT, code: 'A1' }).outcome,
    ).toBe('not-checked');
  });

  it('a pre-expanded value set without compose: complete, and truncated', () => {
    const contains = [
      { system: FLAT, code: 'A1' },
      {
        system: 'http://example.org/other',
        code: 'x',
        contains: [{ system: 'http://example.org/other', code: 'y' }],
      },
    ];
    const tx = setup(
      vs('pre', undefined, { expansion: { timestamp: '2024-01-01', contains } }),
      vs('part', undefined, { expansion: { timestamp: '2024-01-01', total: 50, contains } }),
    );
    expect(
      tx.validateCode('http://example.org/ValueSet/pre', {
        system: 'http://example.org/other',
        code: 'y',
      }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode('http://example.org/ValueSet/pre', { system: FLAT, code: 'A2' }).outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode('http://example.org/ValueSet/part', { system: FLAT, code: 'A2' }).outcome,
    ).toBe('not-checked');
  });

  it('SNOMED CT: enumerated concepts are checkable, filters are not, a stored expansion only proves membership', () => {
    const tx = setup(
      vs('enum', { include: [{ system: SCT, concept: [{ code: '22298006' }] }] }),
      vs(
        'ecl',
        {
          include: [
            { system: SCT, filter: [{ property: 'constraint', op: '=', value: '<< 404684003' }] },
          ],
        },
        { expansion: { timestamp: '2024-01-01', contains: [{ system: SCT, code: '22298006' }] } },
      ),
    );
    expect(
      tx.validateCode('http://example.org/ValueSet/enum', { system: SCT, code: '22298006' })
        .outcome,
    ).toBe('valid');
    expect(
      tx.validateCode('http://example.org/ValueSet/enum', { system: SCT, code: '38341003' }),
    ).toEqual({ outcome: 'invalid', reason: 'not-in-value-set' });
    expect(
      tx.validateCode('http://example.org/ValueSet/ecl', { system: SCT, code: '22298006' }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode('http://example.org/ValueSet/ecl', { system: SCT, code: '38341003' }),
    ).toEqual({ outcome: 'not-checked', reason: 'system-not-available' });
  });

  it('a value set with neither compose nor expansion is not expandable', () => {
    const tx = setup(vs('empty', undefined));
    expect(tx.validateCode('http://example.org/ValueSet/empty', { code: 'A1' })).toEqual({
      outcome: 'not-checked',
      reason: 'value-set-not-expandable',
    });
  });
});

describe('malformed conformance resources', () => {
  it('expansion and validateCode never throw on arbitrary compose, expansion and concept content (fast-check)', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const include = fc.oneof(
      json,
      fc.record(
        {
          system: fc.constantFrom(SHAPES, FLAT, 'http://x'),
          concept: json,
          filter: json,
          valueSet: json,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          json,
          fc.record({ include: fc.array(include), exclude: json }, { requiredKeys: [] }),
        ),
        json,
        json,
        (compose, expansion, concept) => {
          const registry = new CanonicalRegistry();
          registry.addAll([
            { resourceType: 'CodeSystem', url: 'http://x', content: 'complete', concept },
            shapes,
            flat,
            {
              resourceType: 'ValueSet',
              url: 'http://example.org/ValueSet/fuzz',
              compose,
              expansion,
            },
          ]);
          const tx = new LocalTerminology(registry);
          expect(tx.expand('http://example.org/ValueSet/fuzz')).toBeDefined();
          expect(['valid', 'invalid', 'not-checked']).toContain(
            tx.validateCode('http://example.org/ValueSet/fuzz', { system: 'http://x', code: 'a' })
              .outcome,
          );
          tx.lookup('http://x', 'a');
        },
      ),
      { numRuns: 300 },
    );
  });
});
