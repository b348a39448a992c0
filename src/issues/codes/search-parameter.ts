import type { CodeFamily } from '../code-definition.js';

/**
 * A SearchParameter's own consistency, and its agreement with the SearchParameters it names
 * (`derivedFrom`; a CapabilityStatement's `searchParam.definition`), resolved by canonical from the
 * loaded definitions (the R4 SearchParameters are in the base pack).
 */
export const searchParameterCodes = {
  'searchparameter.expression-not-on-base': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The expression starts at resource type {resourceType}, which is not a base of this search parameter',
    spec: 'https://hl7.org/fhir/R4/searchparameter-definitions.html#SearchParameter.expression',
    since: '0.1.0',
  },
  'searchparameter.derived-type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The type {type} differs from the type {baseType} of the SearchParameter {derivedFrom} it is derived from',
    spec: 'https://hl7.org/fhir/R4/searchparameter-definitions.html#SearchParameter.derivedFrom',
    since: '0.1.0',
  },
  'searchparameter.capability-type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The type {type} here differs from the type {definitionType} of the SearchParameter {definition} it names',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam.type',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
