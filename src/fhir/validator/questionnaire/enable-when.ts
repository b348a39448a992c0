import type { FhirPathEngine } from '../../fhirpath.js';
import { compareValues } from './compare.js';
import { extensions, isJson, objects, str, valueX, type Json } from './model.js';

/** SDC's FHIRPath condition, and the Finnish Kanta PHR extension the HL7 validator also reads. */
const enableWhenExpression =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';
const kantaEnableWhen =
  'http://phr.kanta.fi/StructureDefinition/fiphr-ext-questionnaire-enablewhen';

/**
 * Whether an item is enabled: by its FHIRPath condition when it has one (SDC
 * `enableWhenExpression`, or the Kanta PHR extension), else by `enableWhen`. Undefined when a
 * condition cannot be evaluated (invalid or not boolean): then neither "required" nor "not
 * enabled" is reported for the item.
 */
export function enabledState(
  qItem: Json,
  scope: readonly Json[],
  fhirpath: FhirPathEngine,
): boolean | undefined {
  const expression = conditionExpression(qItem);
  if (expression === undefined) return isEnabled(qItem, scope);
  const response = scope[0];
  const result = fhirpath.evaluate('QuestionnaireResponse', expression, response, {
    resource: response,
    rootResource: response,
    context: scope[scope.length - 1],
  });
  return result.length === 1 && typeof result[0] === 'boolean' ? result[0] : undefined;
}

function conditionExpression(qItem: Json): string | undefined {
  const sdc = extensions(qItem, enableWhenExpression)[0]?.['valueExpression'];
  if (
    isJson(sdc) &&
    typeof sdc['expression'] === 'string' &&
    (sdc['language'] === undefined || sdc['language'] === 'text/fhirpath')
  )
    return sdc['expression'];
  const kanta = extensions(qItem, kantaEnableWhen)[0]?.['valueString'];
  return typeof kanta === 'string' ? kanta : undefined;
}

/**
 * Whether a Questionnaire item is enabled (`enableWhen` with `enableBehavior`, R4). The question an
 * `enableWhen` names is looked up in the response from the innermost enclosing item outwards (the
 * nearest occurrence wins, as for repeated groups), then in the whole response.
 * @param scope the response containers (the response, then items and answers) enclosing the item, outermost first
 */
export function isEnabled(qItem: Json, scope: readonly Json[]): boolean {
  const conditions = objects(qItem, 'enableWhen');
  if (conditions.length === 0) return true;
  const any = qItem['enableBehavior'] === 'any';
  for (const condition of conditions) {
    const met = conditionMet(condition, scope);
    if (any && met) return true;
    if (!any && !met) return false;
  }
  return !any;
}

function conditionMet(condition: Json, scope: readonly Json[]): boolean {
  const question = str(condition, 'question');
  const operator = str(condition, 'operator');
  const expected = valueX(condition, 'answer');
  if (question === undefined || operator === undefined || expected === undefined) return false;
  const answers = answersOf(question, scope);
  if (operator === 'exists') return answers.length > 0 === (expected[1] === true);
  return answers.some((answer) => {
    const given = valueX(answer);
    if (given === undefined) return false;
    const order = compareValues(given, expected);
    switch (operator) {
      case '=':
        return order === 0;
      case '!=':
        return order !== 0;
      case '>':
        return order !== undefined && order !== 'unequal' && order > 0;
      case '<':
        return order !== undefined && order !== 'unequal' && order < 0;
      case '>=':
        return order !== undefined && order !== 'unequal' && order >= 0;
      case '<=':
        return order !== undefined && order !== 'unequal' && order <= 0;
      default:
        return false;
    }
  });
}

/** The answers given to `linkId`, from the nearest enclosing container that holds the question. */
function answersOf(linkId: string, scope: readonly Json[]): Json[] {
  for (let i = scope.length - 1; i >= 0; i--) {
    const found: Json[] = [];
    collect(scope[i]!, linkId, found, 0);
    if (found.length > 0) return found;
  }
  return [];
}

function collect(container: Json, linkId: string, out: Json[], depth: number): void {
  if (depth > 100) return;
  for (const item of objects(container, 'item')) {
    const answers = objects(item, 'answer');
    if (item['linkId'] === linkId) out.push(...answers.filter((a) => isJson(a)));
    collect(item, linkId, out, depth + 1);
    for (const answer of answers) collect(answer, linkId, out, depth + 1);
  }
}
