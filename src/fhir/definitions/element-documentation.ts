/**
 * ElementDefinition fields that are documentation only: no check of the validator reads them. The
 * validation pack drops them (src/pack/minimise-resource.ts), and two profiles whose elements differ
 * only in them hold the same rules (src/fhir/validator/profile-overlap.ts).
 * @module
 */

/** Documentation fields of an ElementDefinition. */
export const elementDocumentationFields: readonly string[] = [
  'short',
  'definition',
  'comment',
  'requirements',
  'alias',
  'mapping',
  'example',
  'meaningWhenMissing',
  'isModifierReason',
  'orderMeaning',
];
