/**
 * QuestionnaireResponse against its Questionnaire: the per-resource-type check the HL7 validator
 * calls its QuestionnaireValidator. See questionnaire.md.
 * @module
 */
import type { ValidationContext } from '../validation-context.js';
import { compareDates } from './compare.js';
import { checkItems } from './items.js';
import { isJson, objects, str, type Json } from './model.js';
import { resolveQuestionnaire } from './resolve.js';

export { checkQuestionnaire } from './questionnaire-definition.js';

/**
 * Checks a QuestionnaireResponse (the context's location is the resource) against the Questionnaire
 * it names, when that can be found; see {@link resolveQuestionnaire} for where it is looked up.
 */
export function checkQuestionnaireResponse(ctx: ValidationContext, response: Json): void {
  const source = resolveQuestionnaire(ctx, response);
  if (!source) return;
  checkAuthored(ctx, response, source.questionnaire);
  const inProgress = response['status'] === 'in-progress';
  checkItems({ ctx, source, inProgress }, objects(source.questionnaire, 'item'), response, [
    response,
  ]);
}

/** `authored` outside the Questionnaire's `effectivePeriod` is a warning. */
function checkAuthored(ctx: ValidationContext, response: Json, questionnaire: Json): void {
  const authored = str(response, 'authored');
  const period = questionnaire['effectivePeriod'];
  if (authored === undefined || !isJson(period)) return;
  const start = str(period, 'start');
  const end = str(period, 'end');
  ctx.pushProperty('.authored', 'authored');
  if (start !== undefined && compareDates(authored.slice(0, start.length), start) < 0)
    ctx.report('questionnaire.authored-outside-period', {
      relation: 'before the start of',
      bound: start,
    });
  else if (end !== undefined && compareDates(authored.slice(0, end.length), end) > 0)
    ctx.report('questionnaire.authored-outside-period', {
      relation: 'after the end of',
      bound: end,
    });
  ctx.pop();
}
