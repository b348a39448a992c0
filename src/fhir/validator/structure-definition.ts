/**
 * A StructureDefinition payload checked like the HL7 validator checks one: a constraint's
 * differential is applied to its base by the snapshot generator (whatever snapshot the payload
 * carries), and what the generator finds wrong in the differential itself is an error at that
 * differential element: a path the base does not have, a type the base does not allow, cardinality
 * wider than the base, a fixed value that contradicts the base's, closed slicing reopened, a binding
 * loosened, a choice renamed to a type the base does not allow. Conditions that depend on what is loaded (an unresolvable base or type profile) are not
 * reported here.
 * @module
 */
import type {
  ElementDefinition,
  StructureDefinition,
} from '../definitions/conformance-resource.js';
import { SnapshotGenerator } from '../definitions/snapshot/index.js';
import type { ValidationContext } from './validation-context.js';

/** Generator conditions that are faults of the differential, not of what is loaded. */
const differentialFaults = new Set([
  'snapshot.element-without-path',
  'snapshot.element-not-found',
  'snapshot.type-not-allowed',
  'snapshot.min-below-base',
  'snapshot.max-above-base',
  'snapshot.min-above-max',
  'snapshot.fixed-conflict',
  'snapshot.slicing-rules-loosened',
  'snapshot.target-not-allowed',
  'snapshot.binding-loosened',
]);

/** Checks one StructureDefinition (already walked structurally). */
export function checkStructureDefinition(
  ctx: ValidationContext,
  sd: Record<string, unknown>,
): void {
  const differential = sd['differential'] as { element?: unknown } | undefined;
  if (
    sd['derivation'] !== 'constraint' ||
    typeof sd['baseDefinition'] !== 'string' ||
    !Array.isArray(differential?.element)
  )
    return;
  const registry = ctx.services.model.registry;
  if (!registry.structureDefinition(sd['baseDefinition'])) return;
  const { snapshot: _, ...withoutSnapshot } = sd;
  void _;
  let result;
  try {
    result = new SnapshotGenerator(registry).generate(
      withoutSnapshot as unknown as StructureDefinition,
    );
  } catch {
    return; // not a StructureDefinition the generator can read: the structural walk reported it
  }
  const elements = differential.element as unknown[];
  const reported = new Set<string>();
  const report = (index: number, condition: string) => {
    if (reported.has(`${index}|${condition}`)) return;
    reported.add(`${index}|${condition}`);
    if (index >= 0) {
      ctx.pushProperty('.differential', 'differential');
      ctx.pushProperty('.element', 'element');
      ctx.pushIndex(index);
    }
    ctx.report('structuredefinition.differential-invalid', { condition });
    if (index >= 0) for (let i = 0; i < 3; i++) ctx.pop();
  };
  for (const m of result.messages) {
    if (m.severity !== 'error' || !differentialFaults.has(m.code)) continue;
    const index = elements.findIndex(
      (e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === m.elementId,
    );
    report(index, m.code.slice('snapshot.'.length));
  }
  const snapshot = result.structureDefinition.snapshot?.element;
  if (snapshot?.length) checkChoicePaths(elements, snapshot, report);
}

/**
 * A differential path that renames a choice (`Observation.valueQuantity` for `value[x]`) must name
 * one of the choice's types in the base: `Observation.valueBla` is a path the base does not have
 * (the element's id alone may still locate it, so the generator does not see this).
 */
function checkChoicePaths(
  elements: readonly unknown[],
  snapshot: readonly ElementDefinition[],
  report: (index: number, condition: string) => void,
): void {
  const choices = new Map<string, readonly string[]>();
  const paths = new Set<string>();
  for (const e of snapshot) {
    if (typeof e.path !== 'string') continue;
    paths.add(e.path);
    if (e.path.endsWith('[x]'))
      choices.set(
        e.path.slice(0, -3),
        (e.type ?? []).map((t) => t.code ?? ''),
      );
  }
  elements.forEach((e, index) => {
    const path = typeof e === 'object' && e !== null ? (e as { path?: unknown }).path : undefined;
    if (typeof path !== 'string' || paths.has(path) || path.endsWith('[x]')) return;
    for (const [stem, types] of choices) {
      if (!path.startsWith(stem) || path.includes('.', stem.length)) continue;
      const suffix = path.slice(stem.length);
      if (!/^[A-Z]/.test(suffix)) continue;
      if (!types.some((t) => t.toLowerCase() === suffix.toLowerCase()))
        report(index, 'type-not-allowed');
      return;
    }
  });
}
