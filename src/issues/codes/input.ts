import type { CodeFamily } from '../code-definition.js';

/** Problems with the payload as bytes or text, before any FHIR or feed rule applies. */
export const inputCodes = {
  'input.invalid-json': {
    severity: 'fatal',
    fhirIssueType: 'structure',
    template: 'Error parsing JSON at line {line}, column {column}: {detail}',
    spec: 'https://www.rfc-editor.org/rfc/rfc8259',
    since: '0.1.0',
    valueParams: ['detail'],
  },
  'input.too-deep': {
    severity: 'fatal',
    fhirIssueType: 'too-costly',
    template: 'The JSON is nested deeper than the limit of {limit} levels',
    since: '0.1.0',
  },
  'input.too-large': {
    severity: 'fatal',
    fhirIssueType: 'too-costly',
    template: 'The payload is larger than the limit of {limit} bytes',
    since: '0.1.0',
  },
  'input.not-a-resource': {
    severity: 'fatal',
    fhirIssueType: 'structure',
    template:
      'The payload is not a FHIR resource: a JSON object with a resourceType is expected, found {found}',
    spec: 'https://hl7.org/fhir/R4/json.html#resources',
    since: '0.1.0',
  },
  'input.duplicate-property': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The JSON property '{name}' occurs more than once in the same object",
    spec: 'https://hl7.org/fhir/R4/json.html',
    since: '0.1.0',
    valueParams: ['name'],
  },
  'input.file-skipped': {
    severity: 'information',
    fhirIssueType: 'not-supported',
    template: 'The file was not read: {reason}',
    since: '0.1.0',
  },
  'input.invalid-utf8': {
    severity: 'fatal',
    fhirIssueType: 'structure',
    template: 'The payload is not valid UTF-8 text',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
