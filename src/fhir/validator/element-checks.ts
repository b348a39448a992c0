/**
 * Per-value checks that come from the ElementDefinition rather than the type: fixed[x], pattern[x],
 * maxLength, minValue[x]/maxValue[x] and terminology bindings (precomputed as `valueRules`).
 * @module
 */
import type { IssueParams } from '../../issues/issue.js';
import type { CodingMemo, ElementNode, ValueRules } from '../definitions/compiled/element-node.js';
import { applyEnglandRule, isEnglandRuleId } from '../../rules/index.js';
import { checkBinding } from '../terminology/check-binding.js';
import { compareOrdered } from './compare-values.js';
import { checkPrimitiveConstraints } from './primitive-constraints.js';
import { checkNarrativeControl } from './narrative-control.js';
import type { ValidationContext } from './validation-context.js';
import { firstDifference, matchesFixed, matchesPattern } from './value-match.js';

const bindable = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri']);

/** Runs the element-level checks on one value of `type` at the current location. */
export function checkElementValue(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: unknown,
): void {
  const r = el.valueRules;
  if (!r) return;
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
  if (r.englandRules && typeof value === 'string') {
    for (const id of r.englandRules) {
      if (!isEnglandRuleId(id)) continue;
      for (const f of applyEnglandRule(id, value, {
        allowTestNumbers: ctx.options.allowTestNumbers,
      }))
        ctx.report(f.code, f.params, ruleOf(el));
    }
  }
  if (r.primitiveConstraints) checkPrimitiveConstraints(ctx, el, value);
  if (bindable.has(type)) checkBindings(ctx, r, type, value, el.id);
  else if (r.narrative && type === 'Narrative') checkNarrativeControl(ctx, r.narrative, value);
}

/** The rule reference of an issue on the element, made only when one is raised (none for valid values). */
function ruleOf(el: ElementNode): { rule: { elementId: string } } {
  return { rule: { elementId: el.id } };
}

/** The element's bindings on one value (see {@link checkBinding}), with answers that passed remembered. */
function checkBindings(
  ctx: ValidationContext,
  r: ValueRules,
  type: string,
  value: unknown,
  elementId: string,
): void {
  // A plain code string bound to one value set is settled by (value set, code) alone: codes that
  // passed without any issue are remembered on the element (bounded), so the usual status codes
  // are checked once per element rather than once per resource.
  // (not when the payload brings its own terminology: its answers hold for this payload only)
  const memoable =
    r.binding !== undefined &&
    r.extraBindings === undefined &&
    ctx.terminology === ctx.services.terminology;
  // a Coding, or a CodeableConcept of one coding: remembered by its fields, no key string is built
  const coding = memoable ? singleCoding(type, value) : undefined;
  const memo =
    coding === undefined
      ? undefined
      : type === 'Coding'
        ? (r.passedCodings ??= { root: new Map(), size: 0 })
        : (r.passedConcepts ??= { root: new Map(), size: 0 });
  if (memo && memoHas(memo, coding!)) return;
  const key = memoable && !memo ? bindingKey(type, value) : undefined;
  const remember = key === undefined ? undefined : (r.passedCodes ??= new Set());
  if (remember?.has(key!)) return;
  const reported = runBindings(ctx, r, type, value, elementId);
  if (remember && !reported && remember.size < maxPassedCodes) remember.add(key!);
  if (memo && !reported && memo.size < maxPassedCodes) memoAdd(memo, coding!);
}

/**
 * Runs the element's bindings on one value; true when one reported an issue. (Apart from
 * checkBindings, so the closure's context is made only for values that are checked.)
 */
function runBindings(
  ctx: ValidationContext,
  r: ValueRules,
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

/**
 * The coding whose fields settle a binding check of a Coding or of a CodeableConcept with exactly
 * one coding (text plays no part): undefined for other values, or when a field is not a string.
 */
function singleCoding(type: string, value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let c: unknown = value;
  if (type === 'CodeableConcept') {
    const list = (value as { coding?: unknown }).coding;
    if (!Array.isArray(list) || list.length !== 1) return undefined;
    c = list[0];
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
  } else if (type !== 'Coding') return undefined;
  const coding = c as Record<string, unknown>;
  for (const field of codingFields) {
    const v = coding[field];
    if (v !== undefined && typeof v !== 'string') return undefined;
  }
  return coding;
}

function memoHas(memo: CodingMemo, c: Record<string, unknown>): boolean {
  return memo.root.get(c['system'])?.get(c['version'])?.get(c['code'])?.has(c['display']) === true;
}

function memoAdd(memo: CodingMemo, c: Record<string, unknown>): void {
  let bySystem = memo.root.get(c['system']);
  if (!bySystem) memo.root.set(c['system'], (bySystem = new Map()));
  let byVersion = bySystem.get(c['version']);
  if (!byVersion) bySystem.set(c['version'], (byVersion = new Map()));
  let displays = byVersion.get(c['code']);
  if (!displays) byVersion.set(c['code'], (displays = new Set()));
  if (!displays.has(c['display'])) {
    displays.add(c['display']);
    memo.size++;
  }
}

/**
 * What a binding check of a value depends on: the string itself for a code, and system, code,
 * version and display of each coding for a Coding or CodeableConcept (text and everything else
 * play no part). Composite keys start with a character no code can hold (codes have no control
 * characters, and a value that does fails on its own), so they never meet a plain code.
 */
function bindingKey(type: string, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  if (type === 'Coding') return codingKey(value as Record<string, unknown>);
  if (type !== 'CodeableConcept') return undefined;
  const list = (value as { coding?: unknown }).coding;
  if (list === undefined) return '\u0001';
  if (!Array.isArray(list) || list.length > 4) return undefined;
  let key = '\u0001';
  for (const c of list) {
    if (typeof c !== 'object' || c === null) return undefined;
    const k = codingKey(c as Record<string, unknown>);
    if (k === undefined) return undefined;
    key += k;
  }
  return key;
}

function codingKey(c: Record<string, unknown>): string | undefined {
  let key = '\u0002';
  for (const field of codingFields) {
    const v = c[field];
    if (v !== undefined && (typeof v !== 'string' || v.includes('\u0000'))) return undefined;
    key += `${v ?? ''}\u0000`;
  }
  return key;
}

const codingFields = ['system', 'version', 'code', 'display'] as const;

/** Bound on the codes remembered per element (a hostile payload cannot grow it further). */
const maxPassedCodes = 256;

function describeLimit(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'value' in v) {
    const q = v as { value?: unknown; unit?: unknown; code?: unknown };
    return `${String(q.value)} ${String(q.unit ?? q.code ?? '')}`.trim();
  }
  return String(v);
}
