import type { ChildEntry, ConstraintRule, ElementNode } from '../definitions/compiled/element-node.js';
import { nativeInvariants } from './native-invariants.js';
import type { ValidationContext } from './validation-context.js';
import type { ComplexTarget } from './walk-element.js';

/** The constraints that apply to a value: its element's own plus those of its type's root, by key (cached per validator). */
function constraintsFor(ctx: ValidationContext, target: ComplexTarget): readonly { rule: ConstraintRule; base: string }[] {
  const key = target.isResourceRoot ? '\u0000root' : (target.type ?? '');
  const cached = ctx.services.constraintCache.get(target.node)?.get(key);
  if (cached) return cached;
  const list = collectConstraints(ctx, target);
  let byType = ctx.services.constraintCache.get(target.node);
  if (!byType) ctx.services.constraintCache.set(target.node, (byType = new Map()));
  byType.set(key, list);
  return list;
}

function collectConstraints(ctx: ValidationContext, target: ComplexTarget): { rule: ConstraintRule; base: string }[] {
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
export function checkConstraints(ctx: ValidationContext, obj: Record<string, unknown>, target: ComplexTarget, children?: ReadonlyMap<string, ChildEntry>): void {
  const contained = target.isResourceRoot && ctx.containers[ctx.containers.length - 1] !== obj;
  for (const { rule, base } of constraintsFor(ctx, target)) {
    if (rule.bestPractice && contained) continue; // narrative and similar advice is for the container
    const native = nativeInvariants[rule.key];
    const resource = ctx.resources[ctx.resources.length - 1];
    const root = ctx.containers[ctx.containers.length - 1] ?? resource;
    const simple = native ? undefined : ctx.services.simpleInvariant(rule.expression);
    let passed: boolean;
    if (native && native.expression === rule.expression) passed = native.holds(obj, { rootResource: root, resource });
    else if (simple) passed = simple(obj, children);
    else if (ctx.services.invariantGuard(rule.expression)?.(obj, children)) passed = true;
    else {
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
