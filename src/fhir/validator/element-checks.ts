/**
 * Per-value checks that come from the ElementDefinition rather than the type: fixed[x], pattern[x],
 * maxLength, minValue[x]/maxValue[x] and terminology bindings (precomputed as `valueRules`).
 * @module
 */
import type { IssueParams } from '../../issues/issue.js';
import type {
  ConstraintRule,
  ElementNode,
  NarrativeControl,
  ValueRules,
} from '../definitions/compiled/element-node.js';
import { applyEnglandRule, isEnglandRuleId } from '../../rules/index.js';
import { checkBinding } from '../terminology/check-binding.js';
import { detached } from '../terminology/system-slot.js';
import { compareOrdered } from './compare-values.js';
import {
  checkPrimitiveConstraints,
  primitiveConstraintsToEvaluate,
} from './primitive-constraints.js';
import { checkNarrativeControl } from './narrative-control.js';
import type { ValidationContext } from './validation-context.js';
import { firstDifference, matchesFixed, matchesPattern } from './value-match.js';

/** The shared empty list of constraints (never pushed to). */
const noRules: readonly ConstraintRule[] = [];

/**
 * The rules of one {@link ValueRules}, read once into one object shape: ValueRules objects come in
 * many shapes (their keys are optional), so reading each rule from them on every value is a
 * megamorphic load each; the plan is read with one. It also holds the remembered passing values.
 */
interface ValuePlan {
  readonly fixed: unknown;
  readonly pattern: unknown;
  readonly maxLength: number | undefined;
  readonly minLength: number | undefined;
  readonly minValue: unknown;
  readonly maxValue: unknown;
  readonly englandRules: readonly string[] | undefined;
  readonly primitiveConstraints: boolean;
  readonly narrative: NarrativeControl | undefined;
  /** Some rule above other than the narrative's (else only bindings can apply). */
  readonly valueChecks: boolean;
  /** {@link fixed} is the only rule on the value itself, a primitive (see {@link valueSettles}). */
  readonly fixedPrimitiveOnly: boolean;
  /** {@link englandRules} are the only rules on the value itself (see {@link valueSettles}). */
  readonly englandOnly: boolean;
  /** The element's primitive constraints are the only rules on the value itself (see {@link noValueRuleEvaluated}). */
  readonly primitiveConstraintsOnly: boolean;
  /** Strings that passed every England rule without a finding, test numbers not allowed (bounded). */
  englandPassed: Set<string> | undefined;
  /** The same with test numbers allowed (the rules' one option). */
  englandPassedTest: Set<string> | undefined;
  readonly binding: ValueRules['binding'];
  readonly extraBindings: ValueRules['extraBindings'];
  /** One required or extensible binding and no other: passing values may be remembered. */
  readonly memoisable: boolean;
  /** No binding is checked (none, or only a preferred or example one, and no extra ones). */
  readonly noBindingCheck: boolean;
  /** Plain code strings that passed the binding without any issue (bounded). */
  passedCodes: Set<string> | undefined;
  /** Codings that passed the binding without any issue (bounded). */
  passedCodings: PassedMemo | undefined;
  /** CodeableConcepts (by their codings) that passed the binding without any issue (bounded). */
  passedConcepts: PassedMemo | undefined;
  /** Quantities (system and code) that passed the binding without any issue (bounded). */
  passedQuantities: PassedMemo | undefined;
  /** The element whose {@link primitiveRules} are kept (the last one seen with these rules). */
  primitiveRulesOf: ElementNode | undefined;
  /** The primitive constraints of {@link primitiveRulesOf} that are evaluated (often none). */
  primitiveRules: readonly ConstraintRule[];
}

/** ValueRules with the plan this module keeps on it (made on first use, per compiled element). */
type PlannedRules = ValueRules & { valuePlan?: ValuePlan };

/**
 * How many rules on the value itself an element holds: fixed, pattern, the lengths, the limits,
 * England rules and evaluated primitive constraints (bindings and narratives apart).
 */
function countRulesOnValue(r: ValueRules): number {
  const present = [
    r.fixed,
    r.pattern,
    r.maxLength,
    r.minLength,
    r.minValue,
    r.maxValue,
    r.englandRules,
  ].filter((rule) => rule !== undefined).length;
  return present + (r.primitiveConstraints === true ? 1 : 0);
}

function planOf(r: PlannedRules): ValuePlan {
  const binding = r.binding;
  const extraBindings = r.extraBindings;
  const checked = binding !== undefined && checksStrength(binding.strength);
  const rulesOnValue = countRulesOnValue(r);
  const plan: ValuePlan = {
    fixed: r.fixed,
    pattern: r.pattern,
    maxLength: r.maxLength,
    minLength: r.minLength,
    minValue: r.minValue,
    maxValue: r.maxValue,
    englandRules: r.englandRules,
    primitiveConstraints: r.primitiveConstraints === true,
    narrative: r.narrative,
    valueChecks: rulesOnValue > 0,
    fixedPrimitiveOnly:
      rulesOnValue === 1 &&
      r.fixed !== undefined &&
      (typeof r.fixed !== 'object' || r.fixed === null),
    // only codes are remembered: an element with a rule on a person's identifier (NHS number,
    // postcode) keeps nothing of its values past the call
    englandOnly:
      rulesOnValue === 1 &&
      r.englandRules !== undefined &&
      mayRememberEnglandPasses(r.englandRules),
    primitiveConstraintsOnly: rulesOnValue === 1 && r.primitiveConstraints === true,
    englandPassed: undefined,
    englandPassedTest: undefined,
    binding,
    extraBindings,
    memoisable: extraBindings === undefined && checked,
    noBindingCheck: extraBindings === undefined && !checked,
    passedCodes: undefined,
    passedCodings: undefined,
    passedConcepts: undefined,
    passedQuantities: undefined,
    primitiveRulesOf: undefined,
    primitiveRules: noRules,
  };
  r.valuePlan = plan;
  return plan;
}

/** Runs the element-level checks on one value of `type` at the current location. */
export function checkElementValue(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: unknown,
): void {
  const rules = el.valueRules as PlannedRules | undefined;
  if (!rules) return;
  const r = rules.valuePlan ?? planOf(rules);
  if (r.valueChecks) valueChecks(ctx, el, r, value);
  if (isBindable(type)) {
    // no binding, or a preferred or example one (not checked, see checkBinding): nothing to do
    if (!r.noBindingCheck) checkBindings(ctx, r, type, value, el.id);
  } else if (r.narrative !== undefined && type === 'Narrative')
    checkNarrativeControl(ctx, r.narrative, value);
}

/** The types a binding applies to (`code`, `Coding`, `CodeableConcept`, `Quantity`, `string`, `uri`). */
function isBindable(type: string): boolean {
  return (
    type === 'code' ||
    type === 'CodeableConcept' ||
    type === 'Coding' ||
    type === 'Quantity' ||
    type === 'string' ||
    type === 'uri'
  );
}

/**
 * True when a valid primitive value of `type` (JSON type and content already checked) is known to
 * pass the element's value rules without any issue, so the walker settles it without the general
 * walk: its fixed value (the only rule on the value itself) is the very value, and its binding is
 * none, not checked, or one the value already passed here (see {@link checkMemoised}). False means
 * "not known": {@link checkElementValue} decides, as for any value.
 */
export function valueSettles(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: string | number | boolean,
): boolean {
  const rules = el.valueRules as PlannedRules;
  const r = rules.valuePlan ?? planOf(rules);
  if (
    r.valueChecks &&
    !(r.fixedPrimitiveOnly && r.fixed === value) &&
    !(r.englandOnly && typeof value === 'string' && passedEngland(ctx, r)?.has(value) === true)
  )
    return false;
  if (r.noBindingCheck || !isBindable(type)) return true;
  return (
    r.memoisable &&
    typeof value === 'string' &&
    r.passedCodes !== undefined &&
    ctx.terminology === ctx.services.terminology &&
    r.passedCodes.has(value)
  );
}

/**
 * True when {@link checkElementValue} evaluates no rule on a value of an element whose type takes no
 * binding and no narrative control (`xhtml`): it has no value rules, or only primitive constraints
 * that are all left to the walker (the narrative's `htmlChecks()`, see primitive-constraints.ts).
 * Such a value's element checks report nothing, whatever the value.
 */
export function noValueRuleEvaluated(el: ElementNode): boolean {
  const rules = el.valueRules as PlannedRules | undefined;
  if (rules === undefined) return true;
  const r = rules.valuePlan ?? planOf(rules);
  if (!r.valueChecks) return true;
  return r.primitiveConstraintsOnly && primitiveRulesOf(el, r).length === 0;
}

/** The primitive constraints of `el` that are evaluated (kept on the plan for the last element seen). */
function primitiveRulesOf(el: ElementNode, r: ValuePlan): readonly ConstraintRule[] {
  if (r.primitiveRulesOf !== el) {
    r.primitiveRules = primitiveConstraintsToEvaluate(el);
    r.primitiveRulesOf = el;
  }
  return r.primitiveRules;
}

/** The rules on the value itself (fixed, pattern, lengths, limits, England rules, constraints). */
function valueChecks(ctx: ValidationContext, el: ElementNode, r: ValuePlan, value: unknown): void {
  if (r.fixed !== undefined && !matchesFixed(r.fixed, value))
    ctx.report('fixed.mismatch', { detail: firstDifference(r.fixed, value) }, ruleOf(el));
  if (r.pattern !== undefined && !matchesPattern(r.pattern, value))
    ctx.report('pattern.mismatch', { detail: firstDifference(r.pattern, value) }, ruleOf(el));
  if (r.maxLength !== undefined && typeof value === 'string' && value.length > r.maxLength) {
    ctx.report('primitive.too-long', { length: value.length, maxLength: r.maxLength }, ruleOf(el));
  }
  if (r.minLength !== undefined && typeof value === 'string' && value.length < r.minLength)
    ctx.report('primitive.too-short', { length: value.length, minLength: r.minLength }, ruleOf(el));
  if (r.minValue !== undefined && compareOrdered(value, r.minValue) === -1)
    ctx.report('primitive.below-min-value', { min: describeLimit(r.minValue) }, ruleOf(el));
  if (r.maxValue !== undefined && compareOrdered(value, r.maxValue) === 1)
    ctx.report('primitive.above-max-value', { max: describeLimit(r.maxValue) }, ruleOf(el));
  if (r.englandRules && typeof value === 'string') checkEnglandRules(ctx, el, r, value);
  if (r.primitiveConstraints) checkPrimitiveConstraints(ctx, el, value, primitiveRulesOf(el, r));
}

/**
 * The England rules on a string value (pure functions of the value and the test-numbers option): a
 * value that passed them all is remembered per element and option (bounded), for {@link valueSettles}.
 */
function checkEnglandRules(
  ctx: ValidationContext,
  el: ElementNode,
  r: ValuePlan,
  value: string,
): void {
  const passed = passedEngland(ctx, r);
  if (passed?.has(value) === true) return;
  let found = false;
  for (const id of r.englandRules!) {
    if (!isEnglandRuleId(id)) continue;
    for (const f of applyEnglandRule(id, value, {
      allowTestNumbers: ctx.options.allowTestNumbers,
    })) {
      found = true;
      ctx.report(f.code, f.params, ruleOf(el));
    }
  }
  if (found || !r.englandOnly) return;
  const memo =
    passed ??
    (ctx.options.allowTestNumbers
      ? (r.englandPassedTest = new Set())
      : (r.englandPassed = new Set()));
  if (memo.size < maxPassedCodes) memo.add(detached(value));
}

/**
 * Whether the values that pass an element's England rules may be remembered between calls: only
 * codes (SNOMED CT, ODS, CQC, local authority), never values under a rule on a person's identifier
 * (NHS number, postcode), so a validator keeps no patient data past the call.
 */
export function mayRememberEnglandPasses(englandRules: readonly string[]): boolean {
  return !englandRules.some((id) => id === 'nhs-number' || id === 'uk-postcode');
}

/** The England-rule passes of a plan for the validation's test-numbers option. */
function passedEngland(ctx: ValidationContext, r: ValuePlan): Set<string> | undefined {
  return ctx.options.allowTestNumbers ? r.englandPassedTest : r.englandPassed;
}

/** The rule reference of an issue on the element, made only when one is raised (none for valid values). */
function ruleOf(el: ElementNode): { rule: { elementId: string } } {
  return { rule: { elementId: el.id } };
}

/** The element's bindings on one value (see {@link checkBinding}), with answers that passed remembered. */
function checkBindings(
  ctx: ValidationContext,
  r: ValuePlan,
  type: string,
  value: unknown,
  elementId: string,
): void {
  // A plain code string bound to one value set is settled by (value set, code) alone: codes that
  // passed without any issue are remembered on the element (bounded), so the usual status codes
  // are checked once per element rather than once per resource.
  // (not when the payload brings its own terminology: its answers hold for this payload only)
  if (r.memoisable && ctx.terminology === ctx.services.terminology) {
    checkMemoised(ctx, r, type, value, elementId);
    return;
  }
  runBindings(ctx, r, type, value, elementId);
}

/** checkBindings for one checked binding and the validator's own terminology: answers that passed are remembered. */
function checkMemoised(
  ctx: ValidationContext,
  r: ValuePlan,
  type: string,
  value: unknown,
  elementId: string,
): void {
  if (typeof value === 'string') {
    const remember = (r.passedCodes ??= new Set());
    if (remember.has(value)) return;
    if (!runBindings(ctx, r, type, value, elementId) && remember.size < maxPassedCodes)
      remember.add(detached(value));
    return;
  }
  // what the check depends on (see checkBinding): system and code of a Quantity; system, version,
  // code and display of each coding of a Coding or CodeableConcept (text plays no part). Values
  // that passed are remembered by their (first) code, each with its fields in a list compared in
  // place: no key string is built per value.
  // a Quantity without a code: nothing is checked
  if (type === 'Quantity' && isRecord(value) && typeof value['code'] !== 'string') return;
  const memo = memoFor(r, type, value);
  if (memo === undefined) {
    runBindings(ctx, r, type, value, elementId);
    return;
  }
  const v = value as Record<string, unknown>;
  const key = memoKey(type, v);
  const same = memo.byKey.get(key);
  if (same !== undefined)
    for (let i = 0; i < same.length; i++) if (hasFields(same[i]!, type, v)) return;
  if (runBindings(ctx, r, type, value, elementId) || memo.size >= maxPassedCodes) return;
  const fields = fieldsOf(type, v);
  if (same === undefined) memo.byKey.set(detached(key), [fields]);
  else same.push(fields);
  memo.size++;
}

/** The memo of passing values of `type` on the plan, when the value's shape can be remembered. */
function memoFor(r: ValuePlan, type: string, value: unknown): PassedMemo | undefined {
  if (!isRecord(value)) return undefined;
  if (type === 'Quantity')
    return isStringOrAbsent(value['system']) ? (r.passedQuantities ??= newMemo()) : undefined;
  if (type === 'Coding')
    return isMemoableCoding(value) ? (r.passedCodings ??= newMemo()) : undefined;
  if (type !== 'CodeableConcept') return undefined;
  const list = value['coding'];
  return list === undefined || (Array.isArray(list) && areMemoableCodings(list))
    ? (r.passedConcepts ??= newMemo())
    : undefined;
}

/**
 * Values that passed a binding, by their key (see {@link memoKey}); each with the fields the check
 * depends on, in order (see {@link fieldsOf}).
 */
interface PassedMemo {
  readonly byKey: Map<string, (string | undefined)[][]>;
  size: number;
}

function newMemo(): PassedMemo {
  return { byKey: new Map(), size: 0 };
}

/** The key of a memoable value: its code (a CodeableConcept's first coding's), `''` when none. */
function memoKey(type: string, v: Record<string, unknown>): string {
  if (type === 'CodeableConcept') {
    const list = v['coding'] as readonly Record<string, unknown>[] | undefined;
    return list !== undefined && list.length > 0
      ? ((list[0]!['code'] as string | undefined) ?? '')
      : '';
  }
  return (v['code'] as string | undefined) ?? '';
}

/**
 * The fields a binding's answer depends on: system and code of a Quantity; system, version, code and
 * display of a Coding and of each coding of a CodeableConcept. (Made only for a value remembered.)
 */
function fieldsOf(type: string, v: Record<string, unknown>): (string | undefined)[] {
  if (type === 'Quantity')
    return [kept(v['system'] as string | undefined), kept(v['code'] as string)];
  if (type === 'Coding') return codingFields([], v);
  const out: (string | undefined)[] = [];
  const list = v['coding'] as readonly Record<string, unknown>[] | undefined;
  if (list !== undefined) for (let i = 0; i < list.length; i++) codingFields(out, list[i]!);
  return out;
}

function codingFields(
  out: (string | undefined)[],
  c: Record<string, unknown>,
): (string | undefined)[] {
  out.push(
    kept(c['system'] as string | undefined),
    kept(c['version'] as string | undefined),
    kept(c['code'] as string | undefined),
    kept(c['display'] as string | undefined),
  );
  return out;
}

/** A remembered field: a copy, never a slice of an XML payload's text (see {@link detached}). */
function kept(s: string | undefined): string | undefined {
  return s === undefined ? s : detached(s);
}

/** Whether a memoable value has exactly the remembered `fields` (see {@link fieldsOf}), compared in place. */
function hasFields(
  fields: readonly (string | undefined)[],
  type: string,
  v: Record<string, unknown>,
): boolean {
  if (type === 'Quantity')
    return fields.length === 2 && fields[0] === v['system'] && fields[1] === v['code'];
  if (type === 'Coding') return fields.length === 4 && codingHas(fields, 0, v);
  const list = v['coding'] as readonly Record<string, unknown>[] | undefined;
  const n = list === undefined ? 0 : list.length;
  if (fields.length !== n * 4) return false;
  for (let i = 0; i < n; i++) if (!codingHas(fields, i * 4, list![i]!)) return false;
  return true;
}

function codingHas(
  fields: readonly (string | undefined)[],
  at: number,
  c: Record<string, unknown>,
): boolean {
  return (
    fields[at + 2] === c['code'] &&
    fields[at] === c['system'] &&
    fields[at + 3] === c['display'] &&
    fields[at + 1] === c['version']
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringOrAbsent(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

/** A coding object whose system, version, code and display are strings or absent. */
function isMemoableCoding(c: unknown): c is Record<string, unknown> {
  return (
    isRecord(c) &&
    isStringOrAbsent(c['system']) &&
    isStringOrAbsent(c['version']) &&
    isStringOrAbsent(c['code']) &&
    isStringOrAbsent(c['display'])
  );
}

/** A short list (bounded work per value) of memoable codings. */
function areMemoableCodings(list: readonly unknown[]): boolean {
  if (list.length > 4) return false;
  for (let i = 0; i < list.length; i++) if (!isMemoableCoding(list[i])) return false;
  return true;
}

/** The strengths {@link checkBinding} checks (the others report nothing). */
function checksStrength(strength: string): boolean {
  return strength === 'required' || strength === 'extensible';
}

/**
 * Runs the element's bindings on one value; true when one reported an issue. (Apart from
 * checkBindings, so the closure's context is made only for values that are checked.)
 */
function runBindings(
  ctx: ValidationContext,
  r: ValuePlan,
  type: string,
  value: unknown,
  elementId: string,
): boolean {
  let reported = false;
  const report = (
    code: string,
    params: IssueParams,
    pointerSuffix?: string,
    expressionSuffix?: string,
  ) => {
    reported = true;
    ctx.collector.add({
      code,
      expression: ctx.expression() + (expressionSuffix ?? ''),
      pointer: ctx.pointer() + (pointerSuffix ?? ''),
      params,
      rule: { elementId },
    });
  };
  if (r.binding) checkBinding(ctx.terminology, r.binding, type, value, report);
  for (const extra of r.extraBindings ?? [])
    checkBinding(ctx.terminology, extra, type, value, report);
  return reported;
}

/** Bound on the codes remembered per element (a hostile payload cannot grow it further). */
const maxPassedCodes = 256;

function describeLimit(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'value' in v) {
    const q = v as { value?: unknown; unit?: unknown; code?: unknown };
    return `${String(q.value)} ${String(q.unit ?? q.code ?? '')}`.trim();
  }
  return String(v);
}
