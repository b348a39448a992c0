import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/datatypes.html#primitive';

/** Primitive datatype rules (regular expressions, ranges, calendars, time zones, lengths). */
export const primitiveCodes = {
  'primitive.example-url': {
    severity: 'error',
    fhirIssueType: 'value',
    template:
      'Example URLs (example.org, example.com, example.net, acme.com) are not allowed here (the allowExampleUrls engine option is off)',
    spec: 'https://www.rfc-editor.org/rfc/rfc2606',
    since: '0.1.0',
  },
  'primitive.invalid-format': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is not a valid {type}',
    spec,
    since: '0.1.0',
  },
  'primitive.canonical-not-absolute': {
    severity: 'error',
    fhirIssueType: 'value',
    template:
      'A canonical reference must be an absolute URL (or a #fragment to a contained resource)',
    spec: 'https://hl7.org/fhir/R4/references.html#canonical',
    since: '0.1.0',
  },
  'primitive.invalid-date': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The {type} is not a real calendar date or time',
    spec,
    since: '0.1.0',
  },
  'primitive.timezone-required': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'If a date has a time, it must have a timezone',
    spec,
    since: '0.1.0',
  },
  'primitive.out-of-range': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The {type} value is outside the allowed range ({range})',
    spec,
    since: '0.1.0',
  },
  'primitive.too-long': {
    severity: 'error',
    fhirIssueType: 'too-long',
    template: 'The value is {length} characters long; the maximum allowed here is {maxLength}',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.maxLength',
    since: '0.1.0',
  },
  'primitive.too-short': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is {length} characters long; the minimum allowed here is {minLength}',
    spec: 'https://hl7.org/fhir/R4/extension-minlength.html',
    since: '0.1.0',
  },
  'primitive.value-required': {
    severity: 'error',
    fhirIssueType: 'required',
    template: 'The profile requires a value here; extensions alone do not stand in for it',
    spec: 'https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.mustHaveValue',
    since: '0.1.0',
  },
  'primitive.value-alternative-missing': {
    severity: 'error',
    fhirIssueType: 'required',
    template:
      'The value is absent, and the profile allows it to be absent only with one of these extensions: {alternatives}',
    spec: 'https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.valueAlternatives',
    since: '0.1.0',
  },
  'primitive.whitespace': {
    severity: 'warning',
    fhirIssueType: 'value',
    template: 'The {type} value has leading or trailing whitespace',
    spec,
    since: '0.1.0',
  },
  'primitive.invalid-base64': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is not a valid Base64 value',
    spec,
    since: '0.1.0',
  },
  'primitive.below-min-value': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is less than the permitted minimum value {min}',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.minValue_x_',
    since: '0.1.0',
  },
  'primitive.above-max-value': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is greater than the permitted maximum value {max}',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.maxValue_x_',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
