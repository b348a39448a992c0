/**
 * The rule behind a gap, in words. A gap is stored as an issue code at an element path (never the
 * message, whose parameters may echo values), so the words come from the issue-code registry: its
 * message template when it has no parameters, otherwise a parameter-free sentence for the code or
 * its family. Edge-safe.
 * @module
 */

import { issueCodes } from '../../issues/codes/index.js';

/** The human text of a FHIR constraint by key, from the definitions (model data); see src/fhir/definitions/constraint-text.ts. */
export type ConstraintText = (key: string) => string | undefined;

const BY_CODE: Readonly<Record<string, string>> = {
  'cardinality.too-few': 'A required element is missing (fewer than the profile’s minimum)',
  'cardinality.too-many': 'An element repeats more often than the profile allows',
  'invariant.failed': 'A rule (FHIR constraint) of the resource or profile is not satisfied',
  'jsonschema.required': 'A required field is missing or empty',
  'jsonschema.enum': 'The value is not one of the published values of the list',
  'jsonschema.const': 'The value is not the one value the return allows here',
  'jsonschema.pattern': 'The value does not have the required format',
  'jsonschema.format': 'The value is not a real date, or not in the required format',
  'jsonschema.type': 'The value has the wrong type (text, number or date)',
  'jsonschema.max-length': 'The value is longer than the return allows',
  'binding.not-in-value-set': 'The code is not in the value set the profile requires',
  'binding.not-in-value-set-extensible': 'The code is not in the value set the profile prefers',
  'binding.unknown-code': 'The code is not known in its code system',
  'binding.display-mismatch': 'The display text does not match the code',
  'england.nhs-number-format': 'The NHS number is not exactly 10 digits',
  'england.ods-code-unexpected-kind':
    'The ODS code does not have the usual shape for this kind of organisation (heuristic check)',
  'england.la-code-not-upper-tier':
    'The local authority is a district council, not an upper-tier council with social services',
  'england.sctid-not-concept': 'The SNOMED CT identifier is not a concept id',
  'england.sctid-partition': 'The SNOMED CT identifier has an impossible partition',
  'fixed.mismatch': 'The value differs from the one the profile fixes',
  'pattern.mismatch': 'The value does not match the pattern the profile requires',
  'primitive.invalid-date': 'The date is not a real calendar date',
  'primitive.invalid-format': 'The value is not valid for its FHIR data type',
  'structure.unknown-property':
    'The element is not part of the resource (misspelt or not in FHIR R4)',
  'structure.wrong-json-type': 'The element has the wrong JSON type',
  'feed.linked-person-unresolved': 'A linked person (carer or cared-for) is not in the submission',
  'feed.open-ended-non-service': 'An event other than a service has no end date',
  'feed.event-end-before-start': 'An event ends before it starts',
  'feed.date-before-birth': 'A date is before the person’s date of birth',
  'feed.date-in-future': 'A date is in the future',
  'feed.outside-reporting-period': 'An event falls outside the reporting period',
  'feed.csv-missing-column': 'A column of the return is missing from the file',
};

const BY_FAMILY: Readonly<Record<string, string>> = {
  structure: 'The resource is not valid FHIR R4 JSON here',
  primitive: 'The value is not valid for its data type',
  binding: 'The code does not meet the terminology binding',
  reference: 'A reference cannot be followed or points to the wrong kind of resource',
  slice: 'A required identifier or coding (slice) is missing or out of place',
  extension: 'An extension is unknown or not allowed here',
  profile: 'The profile declared cannot be applied',
  capability: 'The FHIR server does not offer what the framework expects',
  jsonschema: 'The field does not meet the return’s specification',
  feed: 'The record does not meet the return’s rules',
  england: 'The identifier or code does not meet the national rule',
  input: 'The file cannot be read as a valid payload',
};

/**
 * The rule behind an issue code, in words (never with values from a payload).
 * @example describeRule('england.postcode-format') // 'The value is not a UK postcode or NHS pseudo-postcode'
 */
export function describeRule(
  code: string,
  constraint?: string,
  constraintText?: ConstraintText,
): string {
  const human = constraint !== undefined ? constraintText?.(constraint) : undefined;
  if (constraint !== undefined && human !== undefined) return `${constraint}: ${human}`;
  const specific = BY_CODE[code];
  if (specific !== undefined) return specific;
  const template = issueCodes[code]?.template;
  if (template !== undefined && !template.includes('{')) return template;
  return BY_FAMILY[code.slice(0, code.indexOf('.'))] ?? code;
}
