import { describe, expect, it } from 'vitest';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { compileStructure } from './compile-structure.js';
import { englandRuleExtension } from './element-node.js';

/** A structure of type `Thing` whose snapshot is its root element and `elements`. */
function thing(elements: Record<string, unknown>[]): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: 'http://example.org/StructureDefinition/Thing',
    type: 'Thing',
    kind: 'resource',
    snapshot: {
      element: [{ id: 'Thing', path: 'Thing' }, ...elements] as unknown as ElementDefinition[],
    },
  } as StructureDefinition;
}

/** The value rules of each element of a one-type structure, by element id (keys in their order). */
function rulesOf(elements: Record<string, unknown>[]): Record<string, [string[], unknown]> {
  const sd = thing(elements);
  const out: Record<string, [string[], unknown]> = {};
  for (const [id, node] of compileStructure(sd).byId)
    if (id !== 'Thing')
      out[id] = [node.valueRules ? Object.keys(node.valueRules) : [], node.valueRules];
  return out;
}

describe('compileStructure value rules', () => {
  it('picks fixed, pattern, minValue and maxValue names in their order, then maxLength and a binding', () => {
    const rules = rulesOf([
      {
        id: 'Thing.a',
        path: 'Thing.a',
        maxValueDecimal: 9.5,
        type: [{ code: 'decimal' }],
        fixedUri: 'http://example.org',
        minValueInteger: 1,
        patternCodeableConcept: { text: 'x' },
        maxLength: 12,
        binding: { strength: 'required', valueSet: 'http://example.org/ValueSet/v' },
      },
    ]);
    expect(rules['Thing.a']).toEqual([
      ['maxValue', 'fixed', 'minValue', 'pattern', 'maxLength', 'binding'],
      {
        maxValue: 9.5,
        fixed: 'http://example.org',
        minValue: 1,
        pattern: { text: 'x' },
        maxLength: 12,
        binding: { strength: 'required', valueSet: 'http://example.org/ValueSet/v' },
      },
    ]);
  });

  it('ignores names that only start like a value rule, and elements without rules', () => {
    const rules = rulesOf([
      {
        id: 'Thing.b',
        path: 'Thing.b',
        fixedness: 1,
        patterns: 2,
        mustSupport: true,
        min: 0,
        max: '1',
      },
      { id: 'Thing.c', path: 'Thing.c', binding: { strength: 'example', valueSet: 'http://x' } },
      { id: 'Thing.d', path: 'Thing.d', fixed_: 3 },
    ]);
    expect(rules['Thing.b']).toEqual([[], undefined]);
    expect(rules['Thing.c']).toEqual([[], undefined]);
    expect(rules['Thing.d']).toEqual([['fixed'], { fixed: 3 }]);
  });

  it('reads the rules carried by extensions and R5 properties, in order', () => {
    const rules = rulesOf([
      {
        id: 'Thing.e',
        path: 'Thing.e',
        type: [{ code: 'string' }],
        constraint: [
          { key: 'ele-1', severity: 'error', human: 'h', expression: 'hasValue()' },
          { key: 'thing-1', severity: 'error', human: 'h', expression: "$this != ''" },
        ],
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/minLength', valueInteger: 2 },
          { url: englandRuleExtension, valueCode: 'nhs-number' },
          {
            url: 'http://hl7.org/fhir/StructureDefinition/narrative-source-control',
            valueCode: 'warning',
          },
        ],
        fixedString: 'v',
      },
      { id: 'Thing.f', path: 'Thing.f', type: [{ code: 'string' }], mustHaveValue: true },
      {
        id: 'Thing.g',
        path: 'Thing.g',
        type: [{ code: 'string' }],
        constraint: [{ key: 'ele-1', severity: 'error', human: 'h', expression: 'hasValue()' }],
        valueAlternatives: ['http://example.org/ext'],
      },
    ]);
    expect(rules['Thing.e']).toEqual([
      ['fixed', 'primitiveConstraints', 'minLength', 'englandRules', 'narrative'],
      {
        fixed: 'v',
        primitiveConstraints: true,
        minLength: 2,
        englandRules: ['nhs-number'],
        narrative: { languages: [], source: 'warning' },
      },
    ]);
    expect(rules['Thing.f']).toEqual([['mustHaveValue'], { mustHaveValue: true }]);
    expect(rules['Thing.g']).toEqual([
      ['valueAlternatives'],
      { valueAlternatives: ['http://example.org/ext'] },
    ]);
  });
});

describe('compileStructure element lists', () => {
  it('keeps every type in order, tells a type with profiles, and keeps constraints with a key and an expression', () => {
    const sd = thing([
      {
        id: 'Thing.value[x]',
        path: 'Thing.value[x]',
        type: [
          { code: 'string' },
          { code: 'Reference', targetProfile: ['http://example.org/T'] },
          { code: 'Quantity', profile: ['http://example.org/Q'] },
        ],
        constraint: [
          { key: 'a-1', severity: 'error', human: 'a', expression: 'a.exists()' },
          { key: 'a-2', severity: 'error', human: 'no expression' },
          { severity: 'error', human: 'no key', expression: 'b.exists()' },
          { key: 'a-3', severity: 'warning', human: 'c', expression: 'c.exists()' },
        ],
      },
      { id: 'Thing.b', path: 'Thing.b', type: [{ code: 'string', profile: [] }] },
      { id: 'Thing.c', path: 'Thing.c' },
    ]);
    const byId = compileStructure(sd).byId;
    const v = byId.get('Thing.value[x]')!;
    expect(v.types.map((t) => t.code)).toEqual(['string', 'Reference', 'Quantity']);
    expect(v.types[2]!.profiles).toEqual(['http://example.org/Q']);
    expect(v.hasTypeProfiles).toBe(true);
    expect(v.constraints.map((c) => c.key)).toEqual(['a-1', 'a-3']);
    const b = byId.get('Thing.b')!;
    expect(b.types.map((t) => t.code)).toEqual(['string']);
    expect(b.hasTypeProfiles).toBe(false);
    const c = byId.get('Thing.c')!;
    expect(c.types).toEqual([]);
    expect(c.hasTypeProfiles).toBe(false);
    expect(c.constraints).toEqual([]);
  });
});
