import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/questionnaireresponse.html';
const qspec = 'https://hl7.org/fhir/R4/questionnaire.html';
const ext = 'https://hl7.org/fhir/R4/questionnaire-profiles.html';
const since = '0.1.0';

/**
 * A QuestionnaireResponse checked against its Questionnaire (as the HL7 validator's
 * QuestionnaireValidator does): items by linkId and nesting, answer types, required items,
 * repeats, answer options and value sets, enableWhen, and the value constraints of the
 * Questionnaire item extensions. Params carry linkIds, types, canonicals and limits; the answer
 * values sent in the payload are never copied into params.
 */
export const questionnaireCodes = {
  'questionnaire.none': {
    severity: 'information',
    fhirIssueType: 'required',
    template:
      'The QuestionnaireResponse does not name its Questionnaire, so its items were not checked against one',
    spec,
    since,
  },
  'questionnaire.not-found': {
    severity: 'warning',
    fhirIssueType: 'not-found',
    template:
      'The Questionnaire {questionnaire} could not be found, so the items were not checked against it',
    spec,
    since,
  },
  'questionnaire.wrong-resource-type': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The canonical {questionnaire} names a {resourceType}, not a Questionnaire',
    spec,
    since,
  },
  'questionnaire.item-link-id-missing': {
    severity: 'error',
    fhirIssueType: 'required',
    template: 'The item has no linkId',
    spec,
    since,
  },
  'questionnaire.item-not-found': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template: "LinkId '{linkId}' is not in the Questionnaire",
    spec,
    since,
  },
  'questionnaire.item-misplaced': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The item with linkId '{linkId}' is in the wrong place: the Questionnaire defines it at another level",
    spec,
    since,
  },
  'questionnaire.item-order': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The item with linkId '{linkId}' is out of order: items must follow the Questionnaire's order",
    spec,
    since,
  },
  'questionnaire.item-repeated': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      "Only one item with linkId '{linkId}' is allowed (the Questionnaire item does not repeat)",
    spec,
    since,
  },
  'questionnaire.item-text-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      "The item text must match the Questionnaire's text for linkId '{linkId}' when it is present",
    spec,
    since,
  },
  'questionnaire.required-missing': {
    severity: 'error',
    fhirIssueType: 'required',
    template: "No answer was found for the required item '{linkId}'",
    spec,
    since,
  },
  'questionnaire.group-empty': {
    severity: 'error',
    fhirIssueType: 'required',
    template: "The required group '{linkId}' has no sub-items",
    spec,
    since,
  },
  'questionnaire.answer-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Items of type {type} cannot have answers (linkId '{linkId}')",
    spec,
    since,
  },
  'questionnaire.items-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "Items of type {type} cannot have child items directly (linkId '{linkId}'); child items of a question sit in its answers",
    spec,
    since,
  },
  'questionnaire.answer-repeats': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      "Only one answer is allowed for the item '{linkId}' (the Questionnaire item does not repeat)",
    spec,
    since,
  },
  'questionnaire.answer-wrong-type': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The answer to item {linkId} must be of type {expected}, not {found}',
    spec: qspec,
    since,
  },
  'questionnaire.answer-not-enabled': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The item '{linkId}' has answers although it is not enabled (enableWhen)",
    spec: `${qspec}#enableWhen`,
    since,
  },
  'questionnaire.too-few-answers': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The item '{linkId}' needs at least {limit} answers but has {count}",
    spec: ext,
    since,
  },
  'questionnaire.too-many-answers': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The item '{linkId}' allows at most {limit} answers but has {count}",
    spec: ext,
    since,
  },
  'questionnaire.answer-not-in-options': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: "The {type} answer is not one of the answerOption values of the item '{linkId}'",
    spec: `${qspec}#answerOption`,
    since,
  },
  'questionnaire.no-options-of-type': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: "The item '{linkId}' has no answerOption of type {type}",
    spec: `${qspec}#answerOption`,
    since,
  },
  'questionnaire.no-options': {
    severity: 'information',
    fhirIssueType: 'structure',
    template:
      "The item '{linkId}' has neither answerOption nor answerValueSet, so the coded answer was not checked",
    spec: `${qspec}#answerOption`,
    since,
  },
  'questionnaire.option-exclusive': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The selected answer is an exclusive option of the item '{linkId}': no other answer may be selected with it",
    spec: ext,
    since,
  },
  'questionnaire.answer-not-in-value-set': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The answer {system}#{code} is not in the answer value set {valueSet}',
    spec: `${qspec}#answerValueSet`,
    since,
  },
  'questionnaire.answer-display-mismatch': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template:
      "The answer {system}#{code} is not one of the answer value set's options as given: the value set displays it as '{expected}'",
    spec: `${qspec}#answerValueSet`,
    since,
  },
  'questionnaire.answer-not-checked': {
    severity: 'information',
    fhirIssueType: 'informational',
    template:
      'The answer could not be checked against the answer value set {valueSet} offline ({reason})',
    spec: `${qspec}#answerValueSet`,
    since,
  },
  'questionnaire.value-set-not-found': {
    severity: 'warning',
    fhirIssueType: 'code-invalid',
    template: 'The answer value set {valueSet} could not be found, so the answer was not checked',
    spec: `${qspec}#answerValueSet`,
    since,
  },
  'questionnaire.too-long': {
    severity: 'error',
    fhirIssueType: 'too-long',
    template: 'The answer is longer ({length}) than the allowed maximum length of {limit}',
    spec: `${qspec}#maxLength`,
    since,
  },
  'questionnaire.too-short': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer is shorter ({length}) than the required minimum length of {limit}',
    spec: ext,
    since,
  },
  'questionnaire.regex-mismatch': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer does not match the required pattern {regex}',
    spec: ext,
    since,
  },
  'questionnaire.too-many-decimal-places': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer has more decimal places than the limit of {limit}',
    spec: ext,
    since,
  },
  'questionnaire.below-minimum': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer is less than the allowed minimum of {limit}',
    spec: ext,
    since,
  },
  'questionnaire.above-maximum': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer is greater than the allowed maximum of {limit}',
    spec: ext,
    since,
  },
  'questionnaire.not-comparable': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: 'The answer quantity cannot be compared to the allowed {bound} of {limit} ({reason})',
    spec: ext,
    since,
  },
  'questionnaire.unit-not-allowed': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The unit {system}#{code} is not one of the allowed units ({allowed})',
    spec: ext,
    since,
  },
  'questionnaire.unit-not-in-value-set': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The unit {system}#{code} is not in the unit value set {valueSet}',
    spec: ext,
    since,
  },
  'questionnaire.mime-type-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The attachment type {mimeType} is not allowed for this answer (allowed: {allowed})',
    spec: ext,
    since,
  },
  'questionnaire.attachment-too-large': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The attachment is too large ({size} bytes; allowed {limit})',
    spec: ext,
    since,
  },
  'questionnaire.reference-invalid': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The reference is not a valid literal reference',
    spec: ext,
    since,
  },
  'questionnaire.reference-type-unknown': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The resource type {resourceType} in the reference is not a FHIR resource type',
    spec: ext,
    since,
  },
  'questionnaire.reference-type-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'The resource type {resourceType} in the reference is not allowed here (allowed: {allowed})',
    spec: ext,
    since,
  },
  'questionnaire.string-newline': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: 'A string answer should not contain line breaks (use an item of type text)',
    spec: qspec,
    since,
  },
  'questionnaire.authored-outside-period': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: "The authored date is {relation} the Questionnaire's effective period ({bound})",
    spec: `${qspec}#effectivePeriod`,
    since,
  },
  'questionnaire.enable-behavior-missing': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template:
      "The item '{linkId}' has more than one enableWhen, so enableBehavior must be given (que-12)",
    spec: `${qspec}#invs`,
    since,
  },
  'questionnaire.enable-when-target-not-found': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The enableWhen of item '{linkId}' names the question '{question}', which is not an item of this Questionnaire",
    spec: `${qspec}#enableWhen`,
    since,
  },
  'questionnaire.enable-when-self': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "The enableWhen of item '{linkId}' refers to the item itself",
    spec: `${qspec}#enableWhen`,
    since,
  },
  'questionnaire.enable-when-inner': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The enableWhen of item '{linkId}' refers to '{question}', which is nested inside the item",
    spec: `${qspec}#enableWhen`,
    since,
  },
  'questionnaire.enable-when-after': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: "The enableWhen of item '{linkId}' refers to '{question}', which comes after it",
    spec: `${qspec}#enableWhen`,
    since,
  },
} as const satisfies CodeFamily;
