import type { ValidationContext } from '../validation-context.js';
import { checkAnswer, checkExclusiveOptions } from './answers.js';
import { enabledState } from './enable-when.js';
import { ext, extensions, findItem, isJson, objects, str, type Json } from './model.js';
import type { QuestionnaireSource } from './resolve.js';

/** What every item check of one response needs. */
export interface ResponseWalk {
  readonly ctx: ValidationContext;
  readonly source: QuestionnaireSource;
  /** `status = in-progress`: missing required answers are warnings, not errors. */
  readonly inProgress: boolean;
}

/**
 * Checks the `item` list of a response container (the response, a group item or an answer) against
 * the Questionnaire items defined at that level: each linkId exists and sits at this level, items
 * follow the Questionnaire's order, non-repeating items appear once, required items are present
 * when enabled, and answers to disabled items are errors. The context's location is the container.
 * @param scope the response containers enclosing this one and itself, outermost first (enableWhen)
 */
export function checkItems(
  walk: ResponseWalk,
  qItems: readonly Json[],
  container: Json,
  scope: readonly Json[],
): void {
  const { ctx } = walk;
  const raw = container['item'];
  const list = Array.isArray(raw) ? raw : [];
  const byLinkId = new Map<string, { item: Json; index: number }[]>();
  let lastIndex = -1;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isJson(item)) continue;
    const linkId = str(item, 'linkId');
    if (linkId === undefined || linkId === '') {
      ctx.report('questionnaire.item-link-id-missing');
      continue;
    }
    const index = qItems.findIndex((q) => q['linkId'] === linkId);
    if (index < 0) {
      const elsewhere = findItem(objects(walk.source.questionnaire, 'item'), linkId);
      if (elsewhere) {
        ctx.report('questionnaire.item-misplaced', { linkId });
        ctx.pushProperty('.item', 'item');
        ctx.pushIndex(i);
        checkItem(walk, elsewhere, item, enabledState(elsewhere, scope, ctx.services.fhirpath), [
          ...scope,
          item,
        ]);
        ctx.pop();
        ctx.pop();
      } else ctx.report('questionnaire.item-not-found', { linkId });
      continue;
    }
    if (index < lastIndex) ctx.report('questionnaire.item-order', { linkId });
    lastIndex = index;
    let group = byLinkId.get(linkId);
    if (!group) byLinkId.set(linkId, (group = []));
    group.push({ item, index: i });
  }
  for (const qItem of qItems) {
    const linkId = str(qItem, 'linkId');
    if (linkId === undefined) continue;
    const present = byLinkId.get(linkId);
    const enabled = enabledState(qItem, scope, ctx.services.fhirpath);
    if (!present) {
      if (enabled === true && qItem['required'] === true)
        ctx.report(
          'questionnaire.required-missing',
          { linkId },
          walk.inProgress ? { severity: 'warning' } : {},
        );
      continue;
    }
    for (let n = 0; n < present.length; n++) {
      const { item, index } = present[n]!;
      ctx.pushProperty('.item', 'item');
      ctx.pushIndex(index);
      if (n === 1 && qItem['repeats'] !== true)
        ctx.report('questionnaire.item-repeated', { linkId });
      if (enabled === false && hasContent(item))
        ctx.report('questionnaire.answer-not-enabled', { linkId });
      checkItem(walk, qItem, item, enabled, [...scope, item]);
      ctx.pop();
      ctx.pop();
    }
  }
}

/** True when a response item carries answers or child items. */
function hasContent(item: Json): boolean {
  return objects(item, 'answer').length > 0 || objects(item, 'item').length > 0;
}

/** Checks one response item against its Questionnaire item; the context's location is the item. */
function checkItem(
  walk: ResponseWalk,
  qItem: Json,
  item: Json,
  enabled: boolean | undefined,
  scope: readonly Json[],
): void {
  const { ctx } = walk;
  if (!ctx.enter()) return;
  const linkId = str(qItem, 'linkId') ?? '';
  const type = str(qItem, 'type') ?? '';
  const text = str(item, 'text');
  if (text !== undefined && text !== '' && text !== str(qItem, 'text'))
    ctx.report('questionnaire.item-text-mismatch', { linkId });
  const rawAnswers = item['answer'];
  const answers = Array.isArray(rawAnswers) ? rawAnswers : [];
  if (type === 'group' || type === 'display' || type === 'question')
    checkNonQuestion(walk, qItem, item, answers, enabled, scope);
  else {
    checkAnswerCount(walk, qItem, answers.length, enabled);
    if (objects(item, 'item').length > 0)
      ctx.report('questionnaire.items-not-allowed', { linkId, type });
    const qChildren = objects(qItem, 'item');
    for (let j = 0; j < answers.length; j++) {
      const answer: unknown = answers[j];
      if (!isJson(answer)) continue;
      ctx.pushProperty('.answer', 'answer');
      ctx.pushIndex(j);
      checkAnswer(walk, qItem, answer);
      if (objects(answer, 'item').length > 0 || qChildren.length > 0)
        checkItems(walk, qChildren, answer, [...scope, answer]);
      ctx.pop();
      ctx.pop();
    }
    checkExclusiveOptions(walk, qItem, answers);
  }
  ctx.leave();
}

/** Groups, display items and the abstract `question` type: no answers; groups hold their children directly. */
function checkNonQuestion(
  walk: ResponseWalk,
  qItem: Json,
  item: Json,
  answers: readonly unknown[],
  enabled: boolean | undefined,
  scope: readonly Json[],
): void {
  const { ctx } = walk;
  const linkId = str(qItem, 'linkId') ?? '';
  const type = str(qItem, 'type') ?? '';
  const children = objects(item, 'item');
  if (answers.length > 0) ctx.report('questionnaire.answer-not-allowed', { linkId, type });
  if (type !== 'group') {
    if (children.length > 0) ctx.report('questionnaire.items-not-allowed', { linkId, type });
    return;
  }
  if (enabled === true && qItem['required'] === true && children.length === 0)
    ctx.report(
      'questionnaire.group-empty',
      { linkId },
      walk.inProgress ? { severity: 'warning' } : {},
    );
  else checkItems(walk, objects(qItem, 'item'), item, scope);
}

/** Required, `repeats` and the `questionnaire-minOccurs`/`maxOccurs` extensions against the number of answers. */
function checkAnswerCount(
  walk: ResponseWalk,
  qItem: Json,
  count: number,
  enabled: boolean | undefined,
): void {
  const { ctx } = walk;
  const linkId = str(qItem, 'linkId') ?? '';
  const severity = walk.inProgress ? { severity: 'warning' as const } : {};
  if (enabled === true && count === 0 && qItem['required'] === true)
    ctx.report('questionnaire.required-missing', { linkId }, severity);
  if (count > 1 && qItem['repeats'] !== true)
    ctx.report('questionnaire.answer-repeats', { linkId });
  const minOccurs = integerExtension(qItem, ext.minOccurs);
  if (enabled === true && minOccurs !== undefined && count < minOccurs)
    ctx.report('questionnaire.too-few-answers', { linkId, limit: minOccurs, count }, severity);
  const maxOccurs = integerExtension(qItem, ext.maxOccurs);
  if (maxOccurs !== undefined && count > maxOccurs)
    ctx.report('questionnaire.too-many-answers', { linkId, limit: maxOccurs, count });
}

/** The integer value of an item extension, when present. */
function integerExtension(qItem: Json, url: string): number | undefined {
  const v = extensions(qItem, url)[0]?.['valueInteger'];
  return typeof v === 'number' ? v : undefined;
}
