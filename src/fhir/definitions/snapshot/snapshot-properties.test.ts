/** Property tests: differentials that only annotate elements, or reach into datatypes, keep the base's structure. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { SnapshotGenerator } from './index.js';

const resourceTypes = [
  'Patient',
  'Observation',
  'Encounter',
  'Organization',
  'Questionnaire',
  'CarePlan',
];
let registry: CanonicalRegistry;
beforeAll(() => {
  registry = new CanonicalRegistry();
  registry.addAll(readBaseDefinitionBundles(['profiles-types.json', 'profiles-resources.json']));
});

function constraintOn(type: string, element: ElementDefinition[]): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: `http://example.org/StructureDefinition/prop-${type}`,
    name: 'Prop',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element },
  } as StructureDefinition;
}

const snapshotIds = (sd: StructureDefinition | undefined): string[] =>
  (sd?.snapshot?.element ?? []).map((e) => e.id!);

describe('snapshot generation properties', () => {
  it('annotating any subset of elements (mustSupport) keeps ids and order and marks exactly that subset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...resourceTypes),
        fc.infiniteStream(fc.boolean()),
        (type, picks) => {
          const base = registry.baseDefinition(type)!.snapshot!.element;
          const chosen = base
            .slice(1)
            .filter(() => picks.next().value)
            .map((e) => e.id!);
          const sd = constraintOn(
            type,
            chosen.map((id) => ({ id, path: id, mustSupport: true })),
          );
          const result = new SnapshotGenerator(registry).generate(sd);
          expect(result.messages).toEqual([]);
          expect(snapshotIds(result.structureDefinition)).toEqual(base.map((e) => e.id));
          const marked = result.structureDefinition
            .snapshot!.element.filter((e) => e.mustSupport)
            .map((e) => e.id);
          expect(marked).toEqual(chosen);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reaching into a datatype child inserts exactly that type's children right after the element", () => {
    const candidates = (type: string): { id: string; type: string }[] =>
      registry
        .baseDefinition(type)!
        .snapshot!.element.filter(
          (e) =>
            e.type?.length === 1 &&
            !e.contentReference &&
            /^[A-Z]/.test(e.type[0]!.code!) &&
            !['BackboneElement', 'Extension', 'Resource', 'Narrative'].includes(e.type[0]!.code!),
        )
        .map((e) => ({ id: e.id!, type: e.type![0]!.code! }));
    fc.assert(
      fc.property(
        fc
          .constantFrom(...resourceTypes)
          .chain((t) => fc.tuple(fc.constant(t), fc.constantFrom(...candidates(t)), fc.nat())),
        ([type, target, n]) => {
          const typeElements = registry.baseDefinition(target.type)!.snapshot!.element;
          const child = typeElements[1 + (n % (typeElements.length - 1))]!;
          const childId = `${target.id}${child.id!.slice(target.type.length)}`;
          const result = new SnapshotGenerator(registry).generate(
            constraintOn(type, [{ id: childId, path: childId, short: 'reached' }]),
          );
          expect(result.messages).toEqual([]);
          const base = snapshotIds(registry.baseDefinition(type));
          const at = base.indexOf(target.id) + 1;
          const inserted = typeElements
            .slice(1)
            .map((e) => `${target.id}${e.id!.slice(target.type.length)}`);
          expect(snapshotIds(result.structureDefinition)).toEqual([
            ...base.slice(0, at),
            ...inserted,
            ...base.slice(at),
          ]);
          expect(
            result.structureDefinition.snapshot!.element.find((e) => e.id === childId)?.short,
          ).toBe('reached');
        },
      ),
      { numRuns: 60 },
    );
  });
});
