/**
 * The walker's settle tests: a primitive property whose walk would report nothing is settled by the
 * property loop (see walkComplex) without entering the walk.
 * @module
 */
import type { ChildEntry } from '../definitions/compiled/element-node.js';
import { noValueRuleEvaluated, valueSettles } from './element-checks.js';
import { primitiveCheckerFor } from './primitives.js';
import type { ValidationContext } from './validation-context.js';
import { simpleNarrative, simpleWithContent } from './xhtml.js';

/**
 * A lone primitive with value rules (walk kind `primitive`, no `_name`, no slices, not XHTML) whose
 * valid value is known to pass them (see `valueSettles` in element-checks.ts): settled as kind
 * `settle` is, without pushing its location (a uri/url so only when example URLs are allowed).
 * A narrative's XHTML (`Narrative.div`, one per resource) settles when it has the common shape
 * with content (`simpleNarrative`: well-formed, allowed, no link, txt-2 holds) and its element's
 * rules evaluate nothing on it (the narrative's own constraints are those checks).
 */
export function settlesRuled(
  ctx: ValidationContext,
  entry: ChildEntry,
  value: unknown,
  allowExampleUrls: boolean,
): boolean {
  const el = entry.element;
  const type = entry.type!;
  if (type === 'xhtml')
    return (
      el.slices === undefined &&
      typeof value === 'string' &&
      noValueRuleEvaluated(el) &&
      simpleNarrative(value) === simpleWithContent
    );
  return (
    el.valueRules !== undefined &&
    el.slices === undefined &&
    value !== '' &&
    type !== 'xhtml' &&
    (allowExampleUrls || (type !== 'uri' && type !== 'url')) &&
    (entry.checkValue ??= primitiveCheckerFor(type, el.name))(
      value as string | number | boolean,
    ) === undefined &&
    valueSettles(ctx, el, type, value as string | number | boolean)
  );
}

/**
 * True when every item of a repeating primitive's array settles (walk kind `settleEach`): a
 * non-empty array of values of the right JSON type, none empty, each passing its type's check. The
 * walk of such an array reports nothing; any other array takes the general walk.
 */
export function settlesEach(entry: ChildEntry, value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const check = (entry.checkValue ??= primitiveCheckerFor(entry.type!, entry.element.name));
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== entry.jsonType || item === '') return false;
    if (check(item as string | number | boolean) !== undefined) return false;
  }
  return true;
}
