/**
 * The walker's checks after an object's properties: cardinality of its counted children and choice
 * elements given under more than one name.
 * @module
 */
import type { ElementNode } from '../definitions/compiled/element-node.js';
import type { ValidationContext } from './validation-context.js';

/** A choice element's JSON property seen in an object (`valueQuantity` for `value[x]`). */
export interface ChoiceSeen {
  readonly el: ElementNode;
  readonly name: string;
}

/**
 * The choice properties seen in an object once a second one is met: the list starts with the first
 * (kept apart until then) and takes the new one.
 */
export function moreChoices(
  choices: ChoiceSeen[] | undefined,
  firstEl: ElementNode,
  firstName: string,
  el: ElementNode,
  name: string,
): ChoiceSeen[] {
  const list = choices ?? [{ el: firstEl, name: firstName }];
  list.push({ el, name });
  return list;
}

/** The property names used for one choice element, in order of appearance. */
function namesOf(choices: readonly ChoiceSeen[] | undefined, el: ElementNode): string[] {
  const names: string[] = [];
  for (const c of choices ?? []) if (c.el === el) names.push(c.name);
  return names;
}

/** How many property names were used for one choice element (namesOf without the list). */
function countNamesOf(choices: readonly ChoiceSeen[] | undefined, el: ElementNode): number {
  let n = 0;
  if (choices) for (let i = 0; i < choices.length; i++) if (choices[i]!.el === el) n++;
  return n;
}

/**
 * The cardinality of an object's counted children (`counts[base + i]` for `list[i]`), the required
 * slices of a sliced element with no item, and `structure.choice-multiple` for a choice element
 * given under several names.
 */
export function checkCardinality(
  ctx: ValidationContext,
  list: readonly ElementNode[],
  counts: readonly number[],
  base: number,
  choices: readonly ChoiceSeen[] | undefined,
): void {
  for (let i = 0; i < list.length; i++) {
    const el = list[i]!;
    const found = counts[base + i]!;
    if (el.isChoice && countNamesOf(choices, el) > 1) continue; // reported as structure.choice-multiple
    if (found < el.min) {
      ctx.report(
        'cardinality.too-few',
        { path: el.path, min: el.min, found },
        { rule: { elementId: el.id } },
      );
    } else if (found === 0 && el.slices !== undefined) {
      // no items at all: the slicing walk never runs, so required slices are missing here
      for (const s of el.slices)
        if (s.min > 0)
          ctx.report(
            'cardinality.too-few',
            { path: s.id, min: s.min, found: 0 },
            { rule: { elementId: s.id } },
          );
    } else if (found > el.max) {
      ctx.report(
        'cardinality.too-many',
        { path: el.path, max: el.max, found },
        { rule: { elementId: el.id } },
      );
    }
  }
  if (choices === undefined || choices.length < 2) return;
  const reported = new Set<ElementNode>();
  for (const { el } of choices) {
    if (reported.has(el)) continue;
    reported.add(el);
    const names = namesOf(choices, el);
    if (names.length > 1)
      ctx.report('structure.choice-multiple', { name: el.name, found: names.join(', ') });
  }
}
