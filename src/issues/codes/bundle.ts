import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/bundle.html';

/** Bundle rules that are not FHIRPath invariants. */
export const bundleCodes = {
  'bundle.fullurl-id-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The fullUrl does not match the resource id (they must agree when the fullUrl is a RESTful URL)',
    spec: spec + '#bundle-unique',
    since: '0.1.0',
  },
  'bundle.fullurl-resource-without-id': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The fullUrl is a RESTful URL ([base]/Type/id), but the resource has no id (the fullUrl must be consistent with Resource.id)',
    spec: 'https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl',
    since: '0.1.0',
  },
  'bundle.search-match-without-id': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'A search result (search.mode = match) must have an id',
    spec: 'https://hl7.org/fhir/R4/http.html#search',
    since: '0.1.0',
  },
  'bundle.search-outcome-not-operation-outcome': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'An entry with search.mode = outcome must be an OperationOutcome, not a {resourceType}',
    spec: spec + '#searchset',
    since: '0.1.0',
  },
  'bundle.fullurl-missing': {
    severity: 'error',
    fhirIssueType: 'required',
    template:
      'Except in transactions and batches, each Bundle entry with a resource must have a fullUrl (the identity of the resource)',
    spec: 'https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl',
    since: '0.1.0',
  },
  'bundle.fullurl-not-absolute': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The fullUrl must be an absolute URL (or a urn:uuid: or urn:oid: URI), not a relative one',
    spec: 'https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl',
    since: '0.1.0',
  },
  'bundle.fullurl-type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The fullUrl names resource type {urlType} but the entry holds a {resourceType}',
    spec: spec + '#bundle-unique',
    since: '0.1.0',
  },
  'bundle.duplicate-link-relation': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The link relationship type '{relation}' can only occur once",
    spec: spec + '#bundle-link',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
