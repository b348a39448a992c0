import type { ValidationContext } from '../validation-context.js';
import { isJson, objects, str, type Json } from './model.js';

/**
 * Checks a Questionnaire's own items (location: the Questionnaire), as the HL7 validator does:
 * every `enableWhen.question` names another item that is not nested inside the item itself, and
 * comes before it (a warning otherwise); more than one `enableWhen` needs `enableBehavior` (que-12
 * as R4B and R5 state it: R4's expression says `count() > 2`, so two conditions slip through; the
 * R4 invariant still reports three or more, so this check starts where it stops).
 */
export function checkQuestionnaire(ctx: ValidationContext, questionnaire: Json): void {
  const order = new Map<Json, number>();
  let n = 0;
  const number = (items: readonly Json[], depth: number): void => {
    if (depth > 100) return;
    for (const item of items) {
      order.set(item, n++);
      number(objects(item, 'item'), depth + 1);
    }
  };
  number(objects(questionnaire, 'item'), 0);
  const byLinkId = new Map<string, Json>();
  for (const item of order.keys()) {
    const linkId = str(item, 'linkId');
    if (linkId !== undefined && !byLinkId.has(linkId)) byLinkId.set(linkId, item);
  }
  walk(ctx, questionnaire, [], { order, byLinkId }, 0);
}

interface Index {
  readonly order: ReadonlyMap<Json, number>;
  readonly byLinkId: ReadonlyMap<string, Json>;
}

function walk(
  ctx: ValidationContext,
  owner: Json,
  ancestors: readonly Json[],
  index: Index,
  depth: number,
): void {
  if (depth > 100) return;
  const raw = owner['item'];
  if (!Array.isArray(raw)) return;
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    if (!isJson(item)) continue;
    ctx.pushProperty('.item', 'item');
    ctx.pushIndex(i);
    checkEnableWhen(ctx, item, ancestors, index);
    walk(ctx, item, [...ancestors, item], index, depth + 1);
    ctx.pop();
    ctx.pop();
  }
}

function checkEnableWhen(
  ctx: ValidationContext,
  item: Json,
  ancestors: readonly Json[],
  index: Index,
): void {
  const conditions = objects(item, 'enableWhen');
  if (conditions.length === 0) return;
  const linkId = str(item, 'linkId') ?? '';
  if (conditions.length === 2 && item['enableBehavior'] === undefined)
    ctx.report('questionnaire.enable-behavior-missing', { linkId });
  for (const condition of conditions) {
    const question = str(condition, 'question');
    if (question === undefined) continue;
    const target = index.byLinkId.get(question);
    if (target === undefined)
      ctx.report('questionnaire.enable-when-target-not-found', { linkId, question });
    else if (target === item) ctx.report('questionnaire.enable-when-self', { linkId });
    else if (isInside(target, item))
      ctx.report('questionnaire.enable-when-inner', { linkId, question });
    else if (
      !ancestors.includes(target) &&
      (index.order.get(target) ?? 0) > (index.order.get(item) ?? 0)
    )
      ctx.report('questionnaire.enable-when-after', { linkId, question });
  }
}

/** True when `target` is nested (at any depth) inside `item`. */
function isInside(target: Json, item: Json, depth = 0): boolean {
  if (depth > 100) return false;
  return objects(item, 'item').some(
    (child) => child === target || isInside(target, child, depth + 1),
  );
}
