import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/terminologies.html#strength';

/**
 * Terminology bindings (ValueSet membership, CodeSystem lookup, display check). Binding strength
 * decides the code: `required` gives `binding.not-in-value-set` (error), `extensible` gives
 * `binding.not-in-value-set-extensible` (warning); `preferred` and `example` bindings give no issue.
 * Params carry codes, systems and canonicals only, never the display or text sent in the payload.
 */
export const bindingCodes = {
  'binding.not-in-value-set': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The code {system}#{code} is not in the value set {valueSet}, which is required here',
    spec,
    since: '0.1.0',
  },
  'binding.code-missing': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template:
      'No code is given (only extensions), but a code from the value set {valueSet} is required here',
    spec,
    since: '0.1.0',
  },
  'binding.not-in-value-set-extensible': {
    severity: 'warning',
    fhirIssueType: 'code-invalid',
    template:
      'None of the codes ({system}#{code}) is in the value set {valueSet}, which is extensible here: use a code from it when one fits',
    spec,
    since: '0.1.0',
  },
  'binding.not-checked': {
    severity: 'information',
    fhirIssueType: 'informational',
    template:
      'The code {system}#{code} could not be checked against the value set {valueSet} offline ({reason})',
    spec: 'https://hl7.org/fhir/R4/valueset-operation-validate-code.html',
    since: '0.1.0',
  },
  'binding.unknown-code': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The code {code} is not defined in the code system {system}',
    spec: 'https://hl7.org/fhir/R4/codesystem.html',
    since: '0.1.0',
  },
  'binding.code-invalid-syntax': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template:
      'The code {code} cannot be a code of {system}: it breaks the identifier syntax of that code system ({rule})',
    spec: 'https://hl7.org/fhir/R4/terminologies-systems.html',
    since: '0.1.0',
  },
  'binding.unknown-system-version': {
    severity: 'warning',
    fhirIssueType: 'code-invalid',
    template:
      'Version {version} of the code system {system} is not known here, so the code {code} could not be checked',
    spec: 'https://hl7.org/fhir/R4/datatypes.html#Coding',
    since: '0.1.0',
  },
  'binding.display-mismatch': {
    severity: 'warning',
    fhirIssueType: 'code-invalid',
    template:
      "The display of {system}#{code} does not match the code system's display '{expected}'",
    spec: 'https://hl7.org/fhir/R4/datatypes.html#Coding',
    since: '0.1.0',
  },
  'binding.system-is-supplement': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template:
      'The code system {system} is a CodeSystem supplement, which cannot be used as a Coding.system',
    spec: 'https://hl7.org/fhir/R4/codesystem.html#supplements',
    since: '0.1.0',
  },
  'binding.value-set-not-found': {
    severity: 'warning',
    fhirIssueType: 'not-found',
    template:
      'The value set {valueSet} bound here is not loaded, so the code {system}#{code} was not checked',
    spec,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
