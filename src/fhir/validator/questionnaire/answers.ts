import {
  checkAttachment,
  checkNumber,
  checkQuantity,
  checkReference,
  checkString,
  checkTemporal,
} from './constraints.js';
import { checkAnswerOptions, checkAnswerValueSet, optionOf } from './options.js';
import { answerTypes, ext, extensions, isJson, objects, str, valueX, type Json } from './model.js';
import type { ResponseWalk } from './items.js';

/** The types of R4 `QuestionnaireResponse.item.answer.value[x]`. */
const answerValueTypes = new Set([
  'boolean',
  'decimal',
  'integer',
  'date',
  'dateTime',
  'time',
  'string',
  'uri',
  'Attachment',
  'Coding',
  'Quantity',
  'Reference',
]);

/** `.value.ofType(T)` and `valueT` for an answer value of type `t`. */
export function pushValue(walk: ResponseWalk, t: string): void {
  walk.ctx.pushProperty(`.value.ofType(${t})`, `value${t[0]!.toUpperCase()}${t.slice(1)}`);
}

/**
 * Checks one answer (the context's location is `…answer[j]`): its value type against `item.type`,
 * then the options, value set and value constraints that apply to that type.
 */
export function checkAnswer(walk: ResponseWalk, qItem: Json, answer: Json): void {
  const value = valueX(answer);
  if (value === undefined) return;
  const [t, v] = value;
  const type = str(qItem, 'type') ?? '';
  const linkId = str(qItem, 'linkId') ?? '';
  // a type QuestionnaireResponse.item.answer.value[x] never allows is already a structure error
  if (!answerValueTypes.has(t)) return;
  const allowed = answerTypes[type];
  if (allowed !== undefined && !allowed.includes(t)) {
    pushValue(walk, t);
    walk.ctx.report('questionnaire.answer-wrong-type', {
      linkId,
      expected: allowed.join(' | '),
      found: t,
    });
    walk.ctx.pop();
    return;
  }
  const hasOptions = objects(qItem, 'answerOption').length > 0;
  const valueSet = str(qItem, 'answerValueSet');
  if (hasOptions) checkAnswerOptions(walk, qItem, answer, t, v);
  else if (valueSet !== undefined && (t === 'Coding' || (t === 'string' && type !== 'open-choice')))
    checkAnswerValueSet(walk, qItem, valueSet, t, v);
  else if (t === 'Coding' && (type === 'choice' || type === 'open-choice'))
    walk.ctx.report('questionnaire.no-options', { linkId });
  pushValue(walk, t);
  switch (t) {
    case 'string':
      checkString(walk, qItem, v);
      break;
    case 'integer':
    case 'decimal':
      checkNumber(walk, qItem, t, v);
      break;
    case 'date':
    case 'dateTime':
    case 'time':
      checkTemporal(walk, qItem, t, v);
      break;
    case 'Quantity':
      checkQuantity(walk, qItem, v);
      break;
    case 'Reference':
      checkReference(walk, qItem, v);
      break;
    case 'Attachment':
      walk.ctx.pop();
      checkAttachment(walk, qItem, v);
      return;
  }
  walk.ctx.pop();
}

/**
 * `questionnaire-optionExclusive`: an answer that selects an exclusive option must be the only
 * answer of the item (the context's location is the item).
 */
export function checkExclusiveOptions(
  walk: ResponseWalk,
  qItem: Json,
  answers: readonly unknown[],
): void {
  if (answers.length < 2) return;
  const options = objects(qItem, 'answerOption').filter((o) =>
    extensions(o, ext.optionExclusive).some((e) => e['valueBoolean'] === true),
  );
  if (options.length === 0) return;
  for (let j = 0; j < answers.length; j++) {
    const answer = answers[j];
    if (!isJson(answer)) continue;
    const value = valueX(answer);
    if (value && options.some((o) => optionOf(o, value))) {
      walk.ctx.pushProperty('.answer', 'answer');
      walk.ctx.pushIndex(j);
      walk.ctx.report('questionnaire.option-exclusive', { linkId: str(qItem, 'linkId') ?? '' });
      walk.ctx.pop();
      walk.ctx.pop();
    }
  }
}
