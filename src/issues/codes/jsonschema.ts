import type { CodeDefinition, CodeFamily, FhirIssueType } from '../code-definition.js';

const spec = 'https://json-schema.org/draft/2020-12/json-schema-validation';
const core = 'https://json-schema.org/draft/2020-12/json-schema-core';

function def(fhirIssueType: FhirIssueType, template: string, link = spec): CodeDefinition {
  return { severity: 'error', fhirIssueType, template, spec: link, since: '0.1.0' };
}

/**
 * JSON Schema (2020-12) keyword failures of the framework's non-FHIR feeds and configuration files,
 * one code per keyword (`minLength` → `jsonschema.min-length`). Params describe the rule, never the
 * value found. Built by `src/issues/schema-errors.ts` from ajv's error objects.
 */
export const jsonschemaCodes = {
  'jsonschema.required': def('required', "The required field '{property}' is missing"),
  'jsonschema.dependent-required': def(
    'required',
    "The field '{property}' is required when '{dependsOn}' is present",
  ),
  'jsonschema.type': def('structure', 'The value must be of type {expected}'),
  'jsonschema.enum': def(
    'code-invalid',
    'The value is not one of the published values ({allowed})',
  ),
  'jsonschema.const': def('code-invalid', 'The value must be {allowed}'),
  'jsonschema.format': def('value', 'The value is not a valid {format}'),
  'jsonschema.pattern': def('value', 'The value does not match the pattern {pattern}'),
  'jsonschema.min-length': def('value', 'The value must have at least {limit} characters'),
  'jsonschema.max-length': def('too-long', 'The value must have at most {limit} characters'),
  'jsonschema.minimum': def('value', 'The value must be {comparison} {limit}'),
  'jsonschema.maximum': def('value', 'The value must be {comparison} {limit}'),
  'jsonschema.exclusive-minimum': def('value', 'The value must be {comparison} {limit}'),
  'jsonschema.exclusive-maximum': def('value', 'The value must be {comparison} {limit}'),
  'jsonschema.multiple-of': def('value', 'The value must be a multiple of {multipleOf}'),
  'jsonschema.min-items': def('structure', 'The list must have at least {limit} items'),
  'jsonschema.max-items': def('structure', 'The list must have at most {limit} items'),
  'jsonschema.unique-items': def('duplicate', 'Items {i} and {j} of the list are the same'),
  'jsonschema.contains': def('structure', 'The list does not contain the required item(s)'),
  'jsonschema.min-properties': def('structure', 'The object must have at least {limit} properties'),
  'jsonschema.max-properties': def('structure', 'The object must have at most {limit} properties'),
  'jsonschema.additional-properties': def(
    'structure',
    "The field '{property}' is not allowed here",
  ),
  'jsonschema.unevaluated-properties': def(
    'structure',
    "The field '{property}' is not allowed here",
    core,
  ),
  'jsonschema.unevaluated-items': def(
    'structure',
    'The list has more items than allowed ({limit})',
    core,
  ),
  'jsonschema.items': def('structure', 'The list has more items than allowed ({limit})', core),
  'jsonschema.property-names': def('structure', "The field name '{property}' is not allowed", core),
  'jsonschema.one-of': def('invalid', 'The value must match exactly one of the alternatives', core),
  'jsonschema.any-of': def(
    'invalid',
    'The value must match at least one of the alternatives',
    core,
  ),
  'jsonschema.not': def('invalid', 'The value matches a form that is not allowed', core),
  'jsonschema.false-schema': def('structure', 'No value is allowed here', core),
  'jsonschema.invalid': def('invalid', 'The value fails the schema rule {keyword}', core),
} as const satisfies CodeFamily;
