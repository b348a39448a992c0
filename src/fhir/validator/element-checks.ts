/**
 * Per-value checks that come from the ElementDefinition rather than the type: fixed[x], pattern[x],
 * maxLength, minValue[x]/maxValue[x] and terminology bindings (precomputed as `valueRules`).
 * @module
 */
import type { IssueParams } from '../../issues/issue.js';
import type { ElementNode, ValueRules } from '../definitions/compiled/element-node.js';
import { applyEnglandRule, isEnglandRuleId } from '../../rules/index.js';
import { checkBinding } from '../terminology/check-binding.js';
import { compareOrdered } from './compare-values.js';
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
  if (bindable.has(type)) checkBindings(ctx, r, type, value, el.id);
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
  const key =
    r.binding !== undefined &&
    r.extraBindings === undefined &&
    ctx.terminology === ctx.services.terminology
      ? bindingKey(type, value)
      : undefined;
  const remember = key === undefined ? undefined : (r.passedCodes ??= new Set());
  if (remember?.has(key!)) return;
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
  if (remember && !reported && remember.size < maxPassedCodes) remember.add(key!);
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
