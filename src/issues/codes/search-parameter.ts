import type { CodeFamily } from '../code-definition.js';

/** A SearchParameter's own consistency (rules that need no other SearchParameter). */
export const searchParameterCodes = {
  'searchparameter.expression-not-on-base': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The expression starts at resource type {resourceType}, which is not a base of this search parameter',
    spec: 'https://hl7.org/fhir/R4/searchparameter-definitions.html#SearchParameter.expression',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
