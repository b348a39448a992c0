/** Robustness: arbitrary (often nonsensical) differentials never throw and always give a well-formed snapshot. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { pathOfId } from './element-id.js';
import { SnapshotGenerator } from './index.js';

let registry: CanonicalRegistry;
beforeAll(() => {
  registry = new CanonicalRegistry();
  registry.addAll(
    readBaseDefinitionBundles([
      'profiles-types.json',
      'profiles-resources.json',
      'extension-definitions.json',
    ]),
  );
});

const segments = [
  'identifier',
  'identifier:a',
  'identifier:a/b',
  'system',
  'value',
  'value[x]',
  'valueQuantity',
  'valueString',
  'value[x]:valueQuantity',
  'code',
  'coding',
  'coding:c',
  'extension',
  'extension:e',
  'url',
  'name',
  'given',
  'component',
  'component:s',
  'item',
  'item:i',
  'nonsense',
  'effective[x]',
  'effectiveDateTime',
  'id',
  'referenceRange',
  'low',
];
const roots = ['Observation', 'Patient', 'Questionnaire'];

const elementArb = fc.record(
  {
    segs: fc.array(fc.constantFrom(...segments), { minLength: 0, maxLength: 4 }),
    withId: fc.boolean(),
    min: fc.option(fc.nat(3), { nil: undefined }),
    max: fc.option(fc.constantFrom('0', '1', '2', '*'), { nil: undefined }),
    type: fc.option(
      fc.constantFrom(
        'Quantity',
        'string',
        'CodeableConcept',
        'Extension',
        'Reference',
        'BackboneElement',
      ),
      { nil: undefined },
    ),
    profile: fc.option(
      fc.constantFrom(
        'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
        'http://example.org/none',
      ),
      { nil: undefined },
    ),
    slicing: fc.boolean(),
    fixed: fc.boolean(),
  },
  { requiredKeys: ['segs', 'withId', 'slicing', 'fixed'] },
);

type RawElement = typeof elementArb extends fc.Arbitrary<infer T> ? T : never;

function toElement(root: string, e: RawElement): ElementDefinition {
  const id = [root, ...e.segs].join('.');
  const last = e.segs.at(-1) ?? '';
  const colon = last.indexOf(':');
  const out: ElementDefinition = { path: pathOfId(id) };
  if (e.withId) out.id = id;
  if (colon >= 0) out.sliceName = last.slice(colon + 1);
  if (e.min !== undefined) out.min = e.min;
  if (e.max !== undefined) out.max = e.max;
  if (e.type) out.type = [e.profile ? { code: e.type, profile: [e.profile] } : { code: e.type }];
  if (e.slicing)
    out.slicing = { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' };
  if (e.fixed) out.fixedString = 'x';
  return out;
}

describe('snapshot generation on arbitrary differentials', () => {
  it('never throws; every element keeps a unique id, a path matching it and a base', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roots),
        fc.array(elementArb, { maxLength: 12 }),
        (root, raw) => {
          const sd = {
            resourceType: 'StructureDefinition',
            url: 'http://example.org/StructureDefinition/fuzz',
            name: 'Fuzz',
            status: 'draft',
            kind: 'resource',
            abstract: false,
            type: root,
            baseDefinition: `http://hl7.org/fhir/StructureDefinition/${root}`,
            derivation: 'constraint',
            differential: { element: raw.map((e) => toElement(root, e)) },
          } as StructureDefinition;
          const result = new SnapshotGenerator(registry).generate(sd);
          const elements = result.structureDefinition.snapshot!.element;
          expect(new Set(elements.map((e) => e.id)).size).toBe(elements.length);
          for (const e of elements) {
            expect(pathOfId(e.id!)).toBe(e.path);
            expect(e.base?.path).toBeTruthy();
          }
          for (const m of result.messages) expect(m.code).toMatch(/^snapshot\.[a-z-]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
