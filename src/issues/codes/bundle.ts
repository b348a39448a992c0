import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/bundle.html';

/** Bundle rules that are not FHIRPath invariants. */
export const bundleCodes = {
  'bundle.fullurl-id-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The fullUrl does not match the resource id (they must agree when the fullUrl is a RESTful URL)",
    spec: spec + '#bundle-unique',
    since: '0.1.0',
  },
  'bundle.fullurl-not-absolute': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The fullUrl must be an absolute URL (or a urn:uuid: or urn:oid: URI), not a relative one',
    spec: 'https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl',
    since: '0.1.0',
  },
  'bundle.fullurl-type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "The fullUrl names resource type {urlType} but the entry holds a {resourceType}",
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
