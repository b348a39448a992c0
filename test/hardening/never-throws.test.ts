/**
 * The validator never throws and always returns a result: arbitrary JSON values and texts,
 * mutations of valid generated resources, prototype-polluting keys, 10,000-deep nesting and a
 * Bundle with 100,000 entries. Behaviour only: nothing here measures time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleResources } from '../../bench/generate-bundles.js';
import { baseValidator } from '../support/shared-validator.js';
import { mutate, mutationOps } from '../../bench/mutate-resource.js';
import { expectResult } from './result-shape.js';

const resources = sampleResources(11);
const resourceTypes = [
  'Patient',
  'Observation',
  'Bundle',
  'Condition',
  'Encounter',
  'Parameters',
  'Basic',
  'NotAType',
];

describe('validate() on arbitrary input', () => {
  it('returns a result for any JSON value', () => {
    const v = baseValidator();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectResult(v.validate(value))),
      { numRuns: 300 },
    );
  });

  it('returns a result for any JSON value with a resourceType', () => {
    const v = baseValidator();
    const arb = fc.tuple(
      fc.constantFrom(...resourceTypes),
      fc.dictionary(fc.string(), fc.jsonValue()),
    );
    fc.assert(
      fc.property(arb, ([resourceType, rest]) =>
        expectResult(v.validate({ ...rest, resourceType })),
      ),
      { numRuns: 300 },
    );
  });

  it('returns a result for any string, JSON or not', () => {
    const v = baseValidator();
    const arb = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((j) => JSON.stringify(j)),
    );
    fc.assert(
      fc.property(arb, (text) => expectResult(v.validate(text))),
      { numRuns: 300 },
    );
  });

  it('returns a result for mutations of valid resources (delete, replace, duplicate, wrong type, huge string)', () => {
    const v = baseValidator();
    const arb = fc.record({
      resource: fc.nat(resources.length - 1),
      op: fc.constantFrom(...mutationOps),
      at: fc.nat(),
      replacement: fc.jsonValue({ maxDepth: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ resource, op, at, replacement }) => {
        const mutated = mutate(resources[resource], op, at, replacement);
        expectResult(v.validate(mutated));
        expectResult(v.validate(JSON.stringify(mutated)));
      }),
      { numRuns: 400 },
    );
  });

  it('gives 0 errors on the clean generated resources', () => {
    const v = baseValidator();
    for (const r of resources)
      expect(v.validate(r).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('prototype pollution', () => {
  const hostile = [
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    'valueOf',
    '__defineGetter__',
  ];

  it('ignores __proto__/constructor/prototype keys anywhere and pollutes nothing', () => {
    const v = baseValidator();
    const texts = [
      '{"resourceType":"Patient","__proto__":{"polluted":1}}',
      '{"resourceType":"Patient","constructor":{"prototype":{"polluted":1}}}',
      '{"resourceType":"Patient","name":[{"__proto__":{"polluted":1},"family":"Testpatient"}]}',
      '{"resourceType":"__proto__","polluted":1}',
      '{"resourceType":"constructor"}',
      '{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","__proto__":{"polluted":1}}}]}',
      '{"resourceType":"Patient","_birthDate":{"__proto__":{"polluted":1}},"birthDate":"2000-01-01"}',
      '{"resourceType":"Patient","contained":[{"resourceType":"Patient","id":"__proto__"}],"generalPractitioner":[{"reference":"#__proto__"}]}',
    ];
    for (const t of texts) {
      expectResult(v.validate(t));
      expectResult(v.validate(JSON.parse(t)));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never pollutes Object.prototype for random objects with hostile keys', () => {
    const v = baseValidator();
    const key = fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 8 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.constantFrom(...resourceTypes, ...hostile),
        fc.dictionary(key, value, { maxKeys: 6 }),
        (resourceType, body) => {
          const text = JSON.stringify({ ...body, resourceType });
          expectResult(v.validate(text));
          expectResult(v.validate(JSON.parse(text)));
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('limits', () => {
  it('returns a result for 10,000-deep nesting (objects and arrays, as text and as value)', () => {
    const v = baseValidator();
    const depth = 10_000;
    const objects = `{"resourceType":"Patient","extension":[${'{"extension":['.repeat(depth)}${']}'.repeat(depth)}]}`;
    const arrays = `{"resourceType":"Patient","name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const keys = `{"resourceType":"Patient","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    for (const text of [objects, arrays, keys]) {
      const fromText = v.validate(text);
      expectResult(fromText);
      expect(fromText.valid).toBe(false);
      const fromValue = v.validate(JSON.parse(text));
      expectResult(fromValue);
      expect(fromValue.valid).toBe(false);
    }
  });

  it('returns a result for a Bundle with 100,000 entries', () => {
    const v = baseValidator();
    const entry =
      '{"fullUrl":"urn:uuid:c757873d-ec9a-4326-a141-556f43239520","resource":{"resourceType":"Basic","code":{"text":"synthetic"}}}';
    const text = `{"resourceType":"Bundle","type":"collection","entry":[${Array(100_000).fill(entry).join(',')}]}`;
    const result = v.validate(text, { maxIssues: 1_000 });
    expectResult(result);
    expect(result.recordCount).toBeGreaterThan(0);
    if (!result.truncated) expect(result.recordCount).toBe(100_001);
  }, 600_000);
});
