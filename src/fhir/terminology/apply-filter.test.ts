import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeSystem } from '../definitions/conformance-resource.js';
import { applyFilter } from './apply-filter.js';
import { CodeSystemIndex } from './code-system-index.js';

type RawConcept = NonNullable<CodeSystem['concept']>[number];

/**
 * A random forest: concept i (i > 0) has parent parents[i] < i or none (-1). Each link is written
 * either by nesting (`concept`) or by a `parent` property, chosen by `nested[i]`.
 */
const forest = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    parents: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 }),
      ),
    ),
    nested: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

function buildCodeSystem(parents: readonly number[], nested: readonly boolean[]): CodeSystem {
  const nodes: RawConcept[] = parents.map((_, i) => ({ code: `c${i}` }));
  const roots: RawConcept[] = [];
  parents.forEach((p, i) => {
    const node = nodes[i]!;
    if (p < 0) roots.push(node);
    else if (nested[i]) (nodes[p]!.concept ??= []).push(node);
    else {
      node.property = [{ code: 'parent', valueCode: `c${p}` }];
      roots.push(node);
    }
  });
  return {
    resourceType: 'CodeSystem',
    url: 'http://example.org/cs',
    status: 'active',
    content: 'complete',
    caseSensitive: true,
    concept: roots,
  };
}

/** Reference answer: the descendants of x by walking each concept's parent chain. */
function descendantsByParentChain(parents: readonly number[], x: number): Set<string> {
  const out = new Set<string>();
  parents.forEach((_, i) => {
    for (let p = parents[i]!; p >= 0; p = parents[p]!) {
      if (p === x) out.add(`c${i}`);
    }
  });
  return out;
}

const sorted = (s: Iterable<string> | undefined): string[] => [...(s ?? [])].sort();

describe('applyFilter hierarchy properties (fast-check)', () => {
  it('descendent-of matches the parent chains, whether links are nested or parent properties', () => {
    fc.assert(
      fc.property(forest, ({ parents, nested }) => {
        const cs = new CodeSystemIndex(buildCodeSystem(parents, nested));
        expect(cs.size).toBe(parents.length);
        parents.forEach((_, x) => {
          expect(
            sorted(applyFilter(cs, { property: 'concept', op: 'descendent-of', value: `c${x}` })),
          ).toEqual(sorted(descendantsByParentChain(parents, x)));
        });
      }),
    );
  });

  it('is-a = self + descendants; is-a and is-not-a partition the system; generalizes is the converse', () => {
    fc.assert(
      fc.property(forest, ({ parents, nested }) => {
        const cs = new CodeSystemIndex(buildCodeSystem(parents, nested));
        const all = parents.map((_, i) => `c${i}`);
        parents.forEach((_, x) => {
          const code = `c${x}`;
          const isA = applyFilter(cs, { property: 'concept', op: 'is-a', value: code })!;
          const below = applyFilter(cs, { property: 'concept', op: 'descendent-of', value: code })!;
          const notA = applyFilter(cs, { property: 'concept', op: 'is-not-a', value: code })!;
          expect(sorted(isA)).toEqual(sorted([code, ...below]));
          expect([...isA].some((c) => notA.has(c))).toBe(false);
          expect(sorted([...isA, ...notA])).toEqual(sorted(all));
          for (const y of all) {
            const up = applyFilter(cs, { property: 'concept', op: 'generalizes', value: y })!;
            expect(up.has(code)).toBe(isA.has(y));
          }
        });
      }),
      { numRuns: 50 },
    );
  });

  it('a filter on a code the system does not have selects nothing (is-not-a: everything)', () => {
    const cs = new CodeSystemIndex(buildCodeSystem([-1, 0], [true, true]));
    expect(applyFilter(cs, { property: 'concept', op: 'is-a', value: 'zz' })?.size).toBe(0);
    expect(applyFilter(cs, { property: 'concept', op: 'is-not-a', value: 'zz' })?.size).toBe(2);
    expect(applyFilter(cs, { property: 'concept', op: 'is-a' })).toBeUndefined();
  });
});
