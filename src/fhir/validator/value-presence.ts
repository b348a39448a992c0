/**
 * A primitive sent without a value (extensions only, `_active: { extension: [...] }`) where the
 * profile says how its value may be absent: R5's `ElementDefinition.mustHaveValue` (no absence at all)
 * and `valueAlternatives` (only with one of the listed extensions standing in for the value), which
 * R4 profiles state with their cross-version extensions
 * (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.mustHaveValue).
 * @module
 */
import type { ElementNode } from '../definitions/compiled/element-node.js';
import type { ValidationContext } from './validation-context.js';
import { isObject } from './walk-element.js';

/** Checks a primitive of `el` that has no value; `ext` is its `_name` companion. */
export function checkValueAbsent(ctx: ValidationContext, el: ElementNode, ext: unknown): void {
  const r = el.valueRules;
  if (!r) return;
  const rule = { rule: { elementId: el.id } };
  if (r.mustHaveValue) {
    ctx.report('primitive.value-required', {}, rule);
    return;
  }
  const alternatives = r.valueAlternatives;
  if (!alternatives) return;
  const list = isObject(ext) && Array.isArray(ext['extension']) ? ext['extension'] : [];
  const present = list.some(
    (e) => isObject(e) && typeof e['url'] === 'string' && alternatives.includes(e['url']),
  );
  if (!present)
    ctx.report(
      'primitive.value-alternative-missing',
      { alternatives: alternatives.join(', ') },
      rule,
    );
}
