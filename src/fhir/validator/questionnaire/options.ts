import type { ValueSet } from '../../definitions/conformance-resource.js';
import type { CodeValidation, CodingInput, Expansion } from '../../terminology/terminology.js';
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
export function checkAnswerOptions(
  walk: ResponseWalk,
  qItem: Json,
  answer: Json,
  t: string,
  v: unknown,
): void {
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
export function checkAnswerValueSet(
  walk: ResponseWalk,
  qItem: Json,
  ref: string,
  t: string,
  v: unknown,
): void {
  const tx = walk.ctx.terminology;
  const local = findPayloadResource(walk.source, 'ValueSet', ref) as ValueSet | undefined;
  if (t === 'string') {
    checkStringInValueSet(walk, local ? tx.expandResource(local) : tx.expand(ref), ref, v);
    return;
  }
  if (!isJson(v)) return;
  const coding = readCoding(v);
  if (
    coding.code === undefined &&
    coding.system === undefined &&
    coding.display !== undefined &&
    qItem['type'] === 'open-choice'
  )
    return;
  reportCodedAnswer(
    walk,
    ref,
    coding,
    local ? tx.validateCodeIn(local, coding) : tx.validateCode(ref, coding),
  );
}

/** A string answer must be a code or display of a fully expanded value set (location: the answer). */
function checkStringInValueSet(
  walk: ResponseWalk,
  expansion: Expansion | undefined,
  ref: string,
  v: unknown,
): void {
  const { ctx } = walk;
  if (!expansion) {
    ctx.report('questionnaire.value-set-not-found', { valueSet: ref });
    return;
  }
  if (typeof v !== 'string') return;
  if (!expansion.complete) {
    ctx.report('questionnaire.answer-not-checked', {
      valueSet: ref,
      reason: 'system-not-available',
    });
    return;
  }
  for (const m of expansion.members()) if (m.code === v || m.display === v) return;
  pushValue(walk, 'string');
  ctx.report('questionnaire.answer-not-in-value-set', { valueSet: ref, system: '', code: '' });
  ctx.pop();
}

function readCoding(v: Json): CodingInput {
  const coding: { system?: string; version?: string; code?: string; display?: string } = {};
  for (const field of ['system', 'version', 'code', 'display'] as const) {
    const value = v[field];
    if (typeof value === 'string') coding[field] = value;
  }
  return coding;
}

/**
 * The terminology's answer for a Coding answer as issues: membership at the answer; unknown code,
 * unknown version and display at the Coding (`value.ofType(Coding)`). A wrong display also makes
 * the answer not one of the options (`questionnaire.answer-display-mismatch` at the answer).
 */
function reportCodedAnswer(
  walk: ResponseWalk,
  ref: string,
  coding: CodingInput,
  result: CodeValidation,
): void {
  const { ctx } = walk;
  const system = coding.system ?? '';
  const code = coding.code ?? '';
  const atCoding = (issue: string, params: Record<string, string>): void => {
    pushValue(walk, 'Coding');
    ctx.report(issue, params);
    ctx.pop();
  };
  if (result.outcome === 'valid') {
    if (result.displayMismatch) {
      // as the HL7 validator: the Coding's display is wrong (warning, as everywhere), and an answer
      // whose display differs from the value set's is not one of the options offered (error)
      const expected = result.display ?? '';
      atCoding('binding.display-mismatch', { system, code, expected });
      ctx.report('questionnaire.answer-display-mismatch', { system, code, expected });
    }
    return;
  }
  if (result.outcome === 'not-checked') {
    if (result.reason === 'value-set-not-found')
      ctx.report('questionnaire.value-set-not-found', { valueSet: ref });
    else ctx.report('questionnaire.answer-not-checked', { valueSet: ref, reason: result.reason });
    return;
  }
  if (result.reason === 'unknown-system-version') {
    atCoding('binding.unknown-system-version', { system, code, version: coding.version ?? '' });
    return;
  }
  // an unknown code is said at the Coding, and the answer is still not one the value set allows
  if (result.reason === 'unknown-code') atCoding('binding.unknown-code', { system, code });
  ctx.report('questionnaire.answer-not-in-value-set', { valueSet: ref, system, code });
}
