/**
 * Constraints on the unsliced element apply to every slice (https://hl7.org/fhir/R4/profiling.html#slicing:
 * the slicing entry "contains the unconstrained definition of the element that is sliced"; the HL7
 * validator checks an item that matched a slice against both the slice and the sliced element). A
 * new slice starts from the base's definition of the element, so what this profile put on the
 * sliced element itself or on its children (`Parameters.parameter.extension` max 0 before slices of
 * `Parameters.parameter`) is not in the slice. {@link slicerAddsRules} says, once per slice, whether
 * the sliced element holds any rule its slice lacks; only then is an item walked against both.
 * @module
 */
import type {
  CompiledStructure,
  ElementNode,
  ValueRules,
} from '../../definitions/compiled/element-node.js';

/**
 * True when the sliced element `slicer` (or an element under it) has a rule that the slice `slice`
 * (or its counterpart under it) lacks: a higher min or lower max of a child, a fixed, pattern,
 * binding or length rule, a constraint, or a type profile. Kept on the slice node (a slice has one
 * sliced element).
 */
export function slicerAddsRules(
  slicer: ElementNode,
  slice: ElementNode,
  structure: CompiledStructure,
): boolean {
  return (slice.slicerAddsRules ??= computeAdds(slicer, slice, structure));
}

function computeAdds(
  slicer: ElementNode,
  slice: ElementNode,
  structure: CompiledStructure,
): boolean {
  if (ownRulesMissing(slicer, slice)) return true;
  const prefix = `${slicer.id}.`;
  for (const [id, d] of structure.byId) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(slicer.id.length);
    if (rest.includes(':')) continue; // slices under the sliced element's children: their own slicing
    const s = structure.byId.get(slice.id + rest);
    if (!s) {
      if (constrainedBeyondBase(d)) return true;
      continue;
    }
    if (d.min > s.min || d.max < s.max || ownRulesMissing(d, s)) return true;
  }
  return false;
}

/** Rules of `d` itself (not its cardinality) that `s` does not have. */
function ownRulesMissing(d: ElementNode, s: ElementNode): boolean {
  if (d.valueRules && !sameRules(d.valueRules, s.valueRules)) return true;
  const keys = new Set(s.constraints.map((c) => c.key));
  if (d.constraints.some((c) => !keys.has(c.key))) return true;
  return d.types.some(
    (t) =>
      t.profiles.length > 0 &&
      !s.types.some((u) => u.code === t.code && t.profiles.every((p) => u.profiles.includes(p))),
  );
}

/** A child the slice does not spell out: any rule beyond the cardinality of its base. */
function constrainedBeyondBase(d: ElementNode): boolean {
  const base = d.definition.base;
  const baseMin = base?.min ?? 0;
  const baseMax = base?.max === undefined || base.max === '*' ? Infinity : Number(base.max);
  if (d.min > baseMin || d.max < baseMax) return true;
  const r = d.valueRules;
  return (
    r !== undefined &&
    (r.fixed !== undefined ||
      r.pattern !== undefined ||
      r.minValue !== undefined ||
      r.maxValue !== undefined ||
      r.minLength !== undefined ||
      r.mustHaveValue === true ||
      r.primitiveConstraints === true)
  );
}

const ruleFields = [
  'fixed',
  'pattern',
  'minValue',
  'maxValue',
  'maxLength',
  'minLength',
  'mustHaveValue',
  'valueAlternatives',
  'binding',
  'extraBindings',
  'englandRules',
  'primitiveConstraints',
  'narrative',
] as const;

function sameRules(a: ValueRules, b: ValueRules | undefined): boolean {
  if (b === undefined) return false;
  return ruleFields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}
