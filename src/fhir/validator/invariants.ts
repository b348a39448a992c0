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
 * Plans are shared: one plan per rule, base and gate run, and one list per sequence of plans (see
 * {@link ConstraintCache}), so the many elements of one type (every Reference, every Quantity) read
 * the same few objects, which stay in the CPU caches.
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
  /** How many plans right after this one (in its list) have the same gate: skipped with it. */
  readonly gateRun: number;
  /** The rule's `bestPractice` mark, read once (rules come in several shapes). */
  readonly bestPractice: boolean;
}

function makePlan(parts: PlanParts, gateRun: number): ConstraintPlan {
  const gate = parts.native?.holdsWithout;
  return {
    rule: parts.rule,
    base: parts.base,
    native: parts.native,
    simple: parts.simple,
    compiled: parts.compiled,
    guard: parts.guard,
    gate,
    gateExt: gate === undefined ? undefined : `_${gate}`,
    gateRun,
    bestPractice: parts.rule.bestPractice === true,
  };
}

/** What a plan is made of, before it is shared (see {@link ConstraintCache.plan}). */
type PlanParts = Pick<ConstraintPlan, 'rule' | 'base' | 'native' | 'simple' | 'compiled' | 'guard'>;

/**
 * The constraint plans of one validator: by element and type, with plans and lists shared (a rule
 * object is shared by every element of its type, through the type's root).
 */
export class ConstraintCache {
  /** Plan lists by element, then by type key (see {@link cachedConstraintsFor}). */
  readonly byNode = new Map<ElementNode, Map<string, readonly ConstraintPlan[]>>();
  /** One plan per rule, base and gate run. */
  readonly #plans = new Map<ConstraintRule, Map<string, ConstraintPlan>>();
  /** Plan ids, to key the shared lists. */
  readonly #ids = new Map<ConstraintPlan, number>();
  /** One list per sequence of plans (by their ids). */
  readonly #lists = new Map<string, readonly ConstraintPlan[]>();

  /** The shared list of these plans (empty lists included). */
  list(parts: readonly PlanParts[]): readonly ConstraintPlan[] {
    const plans: ConstraintPlan[] = [];
    for (let i = 0; i < parts.length; i++) {
      const gate = parts[i]!.native?.holdsWithout;
      let run = 0;
      if (gate !== undefined)
        while (i + run + 1 < parts.length && parts[i + run + 1]!.native?.holdsWithout === gate)
          run++;
      plans.push(this.#plan(parts[i]!, run));
    }
    const key = plans.map((p) => this.#ids.get(p)!).join(',');
    const known = this.#lists.get(key);
    if (known !== undefined) return known;
    this.#lists.set(key, plans);
    return plans;
  }

  #plan(parts: PlanParts, gateRun: number): ConstraintPlan {
    let byBase = this.#plans.get(parts.rule);
    if (byBase === undefined) this.#plans.set(parts.rule, (byBase = new Map()));
    const key = `${gateRun}\u0000${parts.base}`;
    const known = byBase.get(key);
    // the evaluators follow from the rule's expression and the base (each made once per validator)
    if (known !== undefined) return known;
    const plan = makePlan(parts, gateRun);
    byBase.set(key, plan);
    this.#ids.set(plan, this.#ids.size);
    return plan;
  }
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
  const cache = ctx.services.constraintCache;
  const cached = cache.byNode.get(target.node)?.get(key);
  if (cached) return cached;
  const list = cache.list(collectConstraints(ctx, target));
  let byType = cache.byNode.get(target.node);
  if (!byType) cache.byNode.set(target.node, (byType = new Map()));
  byType.set(key, list);
  return list;
}

function collectConstraints(ctx: ValidationContext, target: ComplexTarget): PlanParts[] {
  const out: PlanParts[] = [];
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
          out.push(parts(rule, base, native, undefined, undefined, undefined));
        continue;
      }
      const simple = ctx.services.simpleInvariant(rule.expression);
      if (simple) {
        out.push(parts(rule, base, undefined, simple, undefined, undefined));
        continue;
      }
      const guard = ctx.services.invariantGuard(rule.expression);
      const compiled = ctx.services.compiledInvariant(base, rule.expression);
      out.push(parts(rule, base, undefined, undefined, compiled, guard));
    }
  };
  add(target.node, target.isResourceRoot ? (target.type ?? target.node.path) : target.node.path);
  if (!target.isResourceRoot && target.type && target.node.path !== target.type) {
    const typeRoot = ctx.services.model.base(target.type)?.root;
    if (typeRoot && typeRoot !== target.node) add(typeRoot, target.type);
  }
  return out;
}

function parts(
  rule: ConstraintRule,
  base: string,
  native: NativeInvariant | undefined,
  simple: SimpleInvariant | undefined,
  compiled: CompiledInvariant | undefined,
  guard: SimpleInvariant | undefined,
): PlanParts {
  return { rule, base, native, simple, compiled, guard };
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
  // read from the context only when a plan needs it
  let contained: boolean | undefined;
  // the context is the natives' environment (its resource stacks): nothing is made per value
  const env: NativeEnv = ctx;
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const gate = plan.gate;
    if (
      gate !== undefined &&
      // the usual gate (dom-2 ... dom-5) read by name: a keyed read of many shapes is slower
      (gate === 'contained'
        ? obj.contained === undefined && obj._contained === undefined
        : obj[gate] === undefined && obj[plan.gateExt!] === undefined)
    ) {
      i += plan.gateRun; // the plans right after with the same gate hold too
      continue;
    }
    // narrative and similar advice is for the container
    if (
      plan.bestPractice &&
      (contained ??= target.isResourceRoot && ctx.containers[ctx.containers.length - 1] !== obj)
    )
      continue;
    const rule = plan.rule;
    let passed: boolean | undefined;
    const native = plan.native;
    if (native !== undefined) passed = native.holds(obj, env);
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
