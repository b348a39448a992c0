import type { CompiledInvariant } from '../fhirpath-compiled/compile.js';
import type {
  ChildEntry,
  ConstraintRule,
  ElementNode,
} from '../definitions/compiled/element-node.js';
import {
  nativeByExpression,
  nativeInvariants,
  type NativeEnv,
  type NativeInvariant,
} from './native-invariants.js';
import type { SimpleInvariant } from './simple-invariant.js';
import type { ValidationContext } from './validation-context.js';
import type { ComplexTarget } from './walk-element.js';

/**
 * One constraint with its evaluator chosen once: native, compiled presence test, compiled FHIRPath
 * subset (fhirpath.js when it cannot decide), guard + fhirpath.js. Every plan has every field (in
 * one order, made by {@link makePlan}), so the loop over plans reads them from one object shape.
 */
export interface ConstraintPlan {
  readonly rule: ConstraintRule;
  readonly base: string;
  readonly native: NativeInvariant | undefined;
  readonly simple: SimpleInvariant | undefined;
  /** The expression compiled to a closure (src/fhir/fhirpath-compiled); undefined result: ask fhirpath.js. */
  readonly compiled: CompiledInvariant | undefined;
  readonly guard: SimpleInvariant | undefined;
  /**
   * A property whose absence (with its `_name`) settles the constraint as holding, so it is not
   * evaluated then (a native's {@link NativeInvariant.holdsWithout}: `contained` for dom-2 … dom-5).
   */
  readonly gate: string | undefined;
  /** `_` + {@link gate}, made once. */
  readonly gateExt: string | undefined;
  /** The rule's `bestPractice` mark, read once (rules come in several shapes). */
  readonly bestPractice: boolean;
}

function makePlan(
  rule: ConstraintRule,
  base: string,
  native: NativeInvariant | undefined,
  simple: SimpleInvariant | undefined,
  compiled: CompiledInvariant | undefined,
  guard: SimpleInvariant | undefined,
): ConstraintPlan {
  const gate = native?.holdsWithout;
  return {
    rule,
    base,
    native,
    simple,
    compiled,
    guard,
    gate,
    gateExt: gate === undefined ? undefined : `_${gate}`,
    bestPractice: rule.bestPractice === true,
  };
}

/** The constraints that apply to a value: its element's own plus those of its type's root, by key (cached per validator). */
function constraintsFor(ctx: ValidationContext, target: ComplexTarget): readonly ConstraintPlan[] {
  if (target.plans !== undefined) return target.plans;
  const plans = cachedConstraintsFor(ctx, target);
  // a target's node and type never change, so a target made once and kept keeps its plans too
  target.plans = plans;
  return plans;
}

function cachedConstraintsFor(
  ctx: ValidationContext,
  target: ComplexTarget,
): readonly ConstraintPlan[] {
  const key = target.isResourceRoot ? '\u0000root' : (target.type ?? '');
  const cached = ctx.services.constraintCache.get(target.node)?.get(key);
  if (cached) return cached;
  const list = collectConstraints(ctx, target);
  let byType = ctx.services.constraintCache.get(target.node);
  if (!byType) ctx.services.constraintCache.set(target.node, (byType = new Map()));
  byType.set(key, list);
  return list;
}

function collectConstraints(ctx: ValidationContext, target: ComplexTarget): ConstraintPlan[] {
  const out: ConstraintPlan[] = [];
  const keys = new Set<string>();
  const add = (node: ElementNode, base: string) => {
    // base is the FHIRPath base of the rule (type name for roots, element path otherwise)
    for (const rule of node.constraints) {
      if (keys.has(rule.key)) continue;
      keys.add(rule.key);
      const byKey = nativeInvariants[rule.key];
      const native =
        byKey && byKey.expression === rule.expression
          ? byKey
          : nativeByExpression.get(rule.expression);
      if (native) {
        if (native.coveredByWalker !== true)
          out.push(makePlan(rule, base, native, undefined, undefined, undefined));
        continue;
      }
      const simple = ctx.services.simpleInvariant(rule.expression);
      if (simple) {
        out.push(makePlan(rule, base, undefined, simple, undefined, undefined));
        continue;
      }
      const guard = ctx.services.invariantGuard(rule.expression);
      const compiled = ctx.services.compiledInvariant(base, rule.expression);
      out.push(makePlan(rule, base, undefined, undefined, compiled, guard));
    }
  };
  add(target.node, target.isResourceRoot ? (target.type ?? target.node.path) : target.node.path);
  if (!target.isResourceRoot && target.type && target.node.path !== target.type) {
    const typeRoot = ctx.services.model.base(target.type)?.root;
    if (typeRoot && typeRoot !== target.node) add(typeRoot, target.type);
  }
  return out;
}

/** What native invariants read besides the value: the current resource and its container. */
function nativeEnv(ctx: ValidationContext): NativeEnv {
  const resource = ctx.resources[ctx.resources.length - 1];
  return { rootResource: ctx.containers[ctx.containers.length - 1] ?? resource, resource };
}

/**
 * Evaluates the FHIRPath invariants that apply to one complex value: native implementations
 * where the expression is the known R4 text, then the presence-test fast path, the guard, the
 * compiled FHIRPath subset, and otherwise (or when the compiled form cannot decide) fhirpath.js.
 */
export function checkConstraints(
  ctx: ValidationContext,
  obj: Record<string, unknown>,
  target: ComplexTarget,
  children?: ReadonlyMap<string, ChildEntry>,
): void {
  const plans = constraintsFor(ctx, target);
  if (plans.length === 0) return;
  // read from the context only when a plan needs them
  let contained: boolean | undefined;
  let env: NativeEnv | undefined; // made once per value, when a native invariant first needs it
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const gate = plan.gate;
    if (gate !== undefined && obj[gate] === undefined && obj[plan.gateExt!] === undefined) continue;
    // narrative and similar advice is for the container
    if (
      plan.bestPractice &&
      (contained ??= target.isResourceRoot && ctx.containers[ctx.containers.length - 1] !== obj)
    )
      continue;
    const rule = plan.rule;
    let passed: boolean | undefined;
    const native = plan.native;
    if (native !== undefined) passed = native.holds(obj, (env ??= nativeEnv(ctx)));
    else if (plan.simple !== undefined) passed = plan.simple(obj, children);
    else if (plan.guard !== undefined && plan.guard(obj, children)) passed = true;
    else if (plan.compiled !== undefined) passed = plan.compiled(obj);
    if (passed === undefined) {
      const resource = ctx.resources[ctx.resources.length - 1];
      const root = ctx.containers[ctx.containers.length - 1] ?? resource;
      const base = plan.base;
      const outcome = ctx.services.fhirpath.evaluateInvariant(
        base,
        rule.expression,
        obj,
        resource,
        root,
      );
      if (!outcome.ok) {
        ctx.report(
          'invariant.evaluation-error',
          { key: rule.key, detail: outcome.error },
          { rule: { constraintKey: rule.key, ...(rule.source ? { profile: rule.source } : {}) } },
        );
        continue;
      }
      passed = outcome.passed;
    }
    if (!passed) {
      ctx.report(
        'invariant.failed',
        { key: rule.key, human: rule.human },
        {
          severity: rule.bestPractice ? 'information' : rule.severity,
          rule: {
            constraintKey: rule.key,
            elementId: target.node.id,
            ...(rule.source ? { profile: rule.source } : {}),
          },
        },
      );
    }
  }
}
