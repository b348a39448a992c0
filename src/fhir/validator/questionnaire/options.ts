import type { ValueSet } from '../../definitions/conformance-resource.js';
import type { CodeValidation, Expansion } from '../../terminology/terminology.js';
import { compareValues } from './compare.js';
import type { ResponseWalk } from './items.js';
import { pushValue } from './answers.js';
import { isJson, objects, str, valueX, type Json } from './model.js';
import { findPayloadResource } from './resolve.js';

/** True when an answerOption holds the answer value (same type, equal value; Codings by system and code). */
export function optionOf(option: Json, value: readonly [string, unknown]): boolean {
  const own = valueX(option);
  return own !== undefined && own[0] === value[0] && compareValues(own, value) === 0;
}

/**
 * `answerOption`: the answer must be one of the options of its type. A type the options do not
 * offer at all is `questionnaire.no-options-of-type`; free text in an `open-choice` item is allowed.
 * Coded answers are reported at the answer, other values at the value (as the HL7 validator does).
 */
export function checkAnswerOptions(walk: ResponseWalk, qItem: Json, answer: Json, t: string, v: unknown): void {
  void answer;
  const openChoice = qItem['type'] === 'open-choice';
  if (openChoice && t === 'string') return;
  const linkId = str(qItem, 'linkId') ?? '';
  const options = objects(qItem, 'answerOption').filter((o) => valueX(o)?.[0] === t);
  if (options.length === 0) {
    walk.ctx.report('questionnaire.no-options-of-type', { linkId, type: t });
    return;
  }
  if (options.some((o) => optionOf(o, [t, v]))) return;
  if (t === 'Coding') {
    if (!openChoice) walk.ctx.report('questionnaire.answer-not-in-options', { linkId, type: t });
    return;
  }
  pushValue(walk, t);
  walk.ctx.report('questionnaire.answer-not-in-options', { linkId, type: t });
  walk.ctx.pop();
}

/**
 * `answerValueSet`: a coded answer must be in the value set, expanded locally (contained in the
 * Questionnaire, carried in the Bundle, or loaded from supporting files and packages). A value set
 * that cannot be found is a warning; a code that cannot be decided offline is information. A string
 * answer to a non-open item must be a code or display of a fully expanded value set.
 */
export function checkAnswerValueSet(walk: ResponseWalk, qItem: Json, ref: string, t: string, v: unknown): void {
  const { ctx } = walk;
  const tx = ctx.terminology;
  const local = findPayloadResource(walk.source, 'ValueSet', ref) as ValueSet | undefined;
  if (t === 'string') {
    const expansion: Expansion | undefined = local ? tx.expandResource(local) : tx.expand(ref);
    if (!expansion) {
      ctx.report('questionnaire.value-set-not-found', { valueSet: ref });
      return;
    }
    if (typeof v !== 'string') return;
    if (!expansion.complete) {
      ctx.report('questionnaire.answer-not-checked', { valueSet: ref, reason: 'system-not-available' });
      return;
    }
    for (const m of expansion.members()) if (m.code === v || m.display === v) return;
    pushValue(walk, t);
    ctx.report('questionnaire.answer-not-in-value-set', { valueSet: ref, system: '', code: '' });
    ctx.pop();
    return;
  }
  if (!isJson(v)) return;
  const coding = { ...(typeof v['system'] === 'string' ? { system: v['system'] } : {}), ...(typeof v['version'] === 'string' ? { version: v['version'] } : {}), ...(typeof v['code'] === 'string' ? { code: v['code'] } : {}), ...(typeof v['display'] === 'string' ? { display: v['display'] } : {}) };
  if (coding.code === undefined && coding.system === undefined && coding.display !== undefined && qItem['type'] === 'open-choice') return;
  const result: CodeValidation = local ? tx.validateCodeIn(local, coding) : tx.validateCode(ref, coding);
  const params = { valueSet: ref, system: coding.system ?? '', code: coding.code ?? '' };
  if (result.outcome === 'valid') {
    if (result.displayMismatch) {
      pushValue(walk, t);
      ctx.report('binding.display-mismatch', { system: params.system, code: params.code, expected: result.display ?? '' });
      ctx.pop();
    }
    return;
  }
  if (result.outcome === 'not-checked') {
    if (result.reason === 'value-set-not-found') ctx.report('questionnaire.value-set-not-found', { valueSet: ref });
    else ctx.report('questionnaire.answer-not-checked', { valueSet: ref, reason: result.reason });
    return;
  }
  if (result.reason === 'unknown-code') {
    pushValue(walk, t);
    ctx.report('binding.unknown-code', { system: params.system, code: params.code });
    ctx.pop();
  }
  if (result.reason === 'unknown-system-version') {
    pushValue(walk, t);
    ctx.report('binding.unknown-system-version', { system: params.system, code: params.code, version: coding.version ?? '' });
    ctx.pop();
    return;
  }
  ctx.report('questionnaire.answer-not-in-value-set', params);
}
