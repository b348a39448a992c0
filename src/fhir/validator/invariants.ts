import type { ConstraintRule, ElementNode } from '../definitions/compiled/element-node.js';
import { nativeInvariants } from './native-invariants.js';
import type { ValidationContext } from './validation-context.js';
import type { ComplexTarget } from './walk-element.js';

/** The constraints that apply to a value: its element's own plus those of its type's root, by key. */
function constraintsFor(ctx: ValidationContext, target: ComplexTarget): { rule: ConstraintRule; base: string }[] {
  const out: { rule: ConstraintRule; base: string }[] = [];
  const keys = new Set<string>();
  const add = (node: ElementNode, base: string) => {
    for (const rule of node.constraints) {
      if (keys.has(rule.key)) continue;
      keys.add(rule.key);
      out.push({ rule, base });
    }
  };
  add(target.node, target.isResourceRoot ? (target.type ?? target.node.path) : target.node.path);
  if (!target.isResourceRoot && target.type && target.node.path !== target.type) {
    const typeRoot = ctx.services.model.base(target.type)?.root;
    if (typeRoot && typeRoot !== target.node) add(typeRoot, target.type);
  }
  return out;
}

/**
 * Evaluates the FHIRPath invariants that apply to one complex value: native implementations
 * where the expression is the known R4 text, otherwise fhirpath.js (compiled once, never throwing).
 */
export function checkConstraints(ctx: ValidationContext, obj: Record<string, unknown>, target: ComplexTarget): void {
  const contained = target.isResourceRoot && ctx.containers[ctx.containers.length - 1] !== obj;
  for (const { rule, base } of constraintsFor(ctx, target)) {
    if (rule.bestPractice && contained) continue; // narrative and similar advice is for the container
    const native = nativeInvariants[rule.key];
    let passed: boolean;
    if (native && native.expression === rule.expression) passed = native.holds(obj);
    else {
      const resource = ctx.resources[ctx.resources.length - 1];
      const root = ctx.containers[ctx.containers.length - 1] ?? resource;
      const outcome = ctx.services.fhirpath.evaluateInvariant(base, rule.expression, obj, resource, root);
      if (!outcome.ok) {
        ctx.report('invariant.evaluation-error', { key: rule.key, detail: outcome.error }, { rule: { constraintKey: rule.key, ...(rule.source ? { profile: rule.source } : {}) } });
        continue;
      }
      passed = outcome.passed;
    }
    if (!passed) {
      ctx.report(
        'invariant.failed',
        { key: rule.key, human: rule.human },
        { severity: rule.bestPractice ? 'information' : rule.severity, rule: { constraintKey: rule.key, elementId: target.node.id, ...(rule.source ? { profile: rule.source } : {}) } },
      );
    }
  }
}
