/**
 * The walk of one value of an element: a primitive's checks, or a complex value's walk and its
 * checks after, or a resource held by the element.
 * @module
 */
import type { CompiledStructure, ElementNode } from '../definitions/compiled/element-node.js';
import { checkElementValue } from './element-checks.js';
import { isObject, jsonKind } from './json-kind.js';
import { checkPrimitiveValue } from './primitive-value.js';
import type { ValidationContext } from './validation-context.js';
import { checkValueAbsent } from './value-presence.js';
import { anyOfProfiles, checkAfterRewalking } from './walk-after.js';
import { walkComplex } from './walk-element.js';
import { validateResource } from './walk-resource.js';
import { complexTarget } from './walk-target.js';

/**
 * A `code` sent with extensions only (`_status: {extension: [...]}`, a data-absent-reason among
 * them) where a required binding applies: a required binding needs a code, as the HL7 validator
 * says ("No code provided, and a code is required from the value set").
 */
function checkCodeMissing(ctx: ValidationContext, el: ElementNode): void {
  const binding = el.valueRules?.binding;
  if (binding?.strength === 'required' && binding.valueSet)
    ctx.report('binding.code-missing', { valueSet: binding.valueSet });
}

/** Validates one value of an element of `type`. */
export function walkItem(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  isPrimitive: boolean,
  name: string,
  value: unknown,
  ext: unknown,
  structure: CompiledStructure,
): void {
  if (value === null) {
    ctx.report('structure.null-not-allowed', { name });
    return;
  }
  if (isPrimitive && type !== undefined) {
    checkPrimitiveValue(ctx, el, type, name, value, ext);
    if (value !== undefined && el.valueRules) checkElementValue(ctx, el, type, value);
    else if (value === undefined) {
      if (type === 'code') checkCodeMissing(ctx, el);
      if (el.valueRules) checkValueAbsent(ctx, el, ext);
    }
    return;
  }
  walkObjectValue(ctx, el, type, name, value, structure);
}

/** A lone object value (walk kind `object`): {@link walkObjectValue} without its JSON type test. */
export function walkLoneObject(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: Record<string, unknown>,
  structure: CompiledStructure,
): void {
  const target = complexTarget(ctx, el, structure, type);
  if (target.resourceTypes !== undefined) walkResourceValue(ctx, el, target.resourceTypes, value);
  else {
    walkComplex(ctx, value, target);
    if (target.checksAfter !== false) checkAfterRewalking(ctx, el, type, value);
  }
}

/** Validates one non-primitive value of an element (a complex value, or a resource). */
function walkObjectValue(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  name: string,
  value: unknown,
  structure: CompiledStructure,
): void {
  const target = complexTarget(ctx, el, structure, type);
  const resourceTypes = target.resourceTypes;
  if (resourceTypes) {
    walkResourceValue(ctx, el, resourceTypes, value);
    return;
  }
  if (!isObject(value)) {
    ctx.report('structure.wrong-json-type', { name, expected: 'object', found: jsonKind(value) });
    return;
  }
  walkComplex(ctx, value, target);
  if (target.checksAfter !== false) checkAfterRewalking(ctx, el, type, value);
}

/** A resource held by an element (`Bundle.entry.resource`, `contained`): validated as a resource of the types allowed. */
export function walkResourceValue(
  ctx: ValidationContext,
  el: ElementNode,
  resourceTypes: readonly string[],
  value: unknown,
): void {
  const profiles = anyOfProfiles(
    ctx,
    value,
    (el.typeProfileList ??= el.types.flatMap((t) => t.profiles)),
  );
  validateResource(
    ctx,
    value,
    resourceTypes.includes('Resource') ? undefined : resourceTypes,
    profiles,
  );
}
