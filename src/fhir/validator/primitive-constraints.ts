/**
 * Constraints on primitive elements (`ElementDefinition.constraint` on a string, a code, …): a
 * profile's rule such as `matches('[A-Z]+')` on `HumanName.given` holds for every value of that
 * element, like constraints on complex elements (which invariants.ts evaluates with each object).
 * Evaluated with fhirpath.js on the value; `ele-1` and the natively implemented R4 constraints
 * (narrative `htmlChecks()`) are left to the walker.
 * @module
 */
import type { ConstraintRule, ElementNode } from '../definitions/compiled/element-node.js';
import { nativeByExpression, nativeInvariants } from './native-invariants.js';
import type { ValidationContext } from './validation-context.js';

/**
 * The element's constraints that {@link checkPrimitiveConstraints} evaluates: all but `ele-1` and
 * the natively implemented ones (the narrative's `htmlChecks()`: checked by the walker). Often none.
 */
export function primitiveConstraintsToEvaluate(el: ElementNode): readonly ConstraintRule[] {
  return el.constraints.filter((rule) => {
    if (rule.key === 'ele-1') return false;
    const native = nativeInvariants[rule.key];
    return !(
      (native && native.expression === rule.expression) ||
      nativeByExpression.has(rule.expression)
    );
  });
}

/**
 * Evaluates the element's own constraints on one primitive value at the current location; `rules`:
 * {@link primitiveConstraintsToEvaluate} of the element, when the caller keeps them.
 */
export function checkPrimitiveConstraints(
  ctx: ValidationContext,
  el: ElementNode,
  value: unknown,
  rules: readonly ConstraintRule[] = primitiveConstraintsToEvaluate(el),
): void {
  if (rules.length === 0) return;
  const resource = ctx.resources[ctx.resources.length - 1];
  const root = ctx.containers[ctx.containers.length - 1] ?? resource;
  for (const rule of rules) {
    const outcome = ctx.services.fhirpath.evaluateInvariant(
      el.path,
      rule.expression,
      value,
      resource,
      root,
    );
    const ruleRef = {
      constraintKey: rule.key,
      elementId: el.id,
      ...(rule.source ? { profile: rule.source } : {}),
    };
    if (!outcome.ok)
      ctx.report(
        'invariant.evaluation-error',
        { key: rule.key, detail: outcome.error },
        { rule: ruleRef },
      );
    else if (!outcome.passed)
      ctx.report(
        'invariant.failed',
        { key: rule.key, human: rule.human },
        { severity: rule.bestPractice ? 'information' : rule.severity, rule: ruleRef },
      );
  }
}
