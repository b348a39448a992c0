import type { CodeFamily } from '../code-definition.js';

/**
 * Federated pulls (src/federation). `capability.*`: what a partner's FHIR endpoint declares in its
 * CapabilityStatement compared with what the framework requires (traced to MDS-20 by the catalogue).
 * `pull.*`: transport failures while reading the endpoint (timeouts, TLS, HTTP status, auth); they
 * bear on no requirement by themselves. Parameters are codes, types, statuses and counts only.
 */
export const capabilityCodes = {
  'capability.statement-unavailable': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template: "The endpoint's CapabilityStatement could not be read ({reason})",
    spec: 'https://hl7.org/fhir/R4/http.html#capabilities',
    since: '0.1.0',
  },
  'capability.statement-invalid': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'GET [base]/metadata did not answer a CapabilityStatement (got {got})',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement.html',
    since: '0.1.0',
  },
  'capability.fhir-version': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The endpoint declares FHIR version {declared}; the framework requires {required}',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.fhirVersion',
    since: '0.1.0',
  },
  'capability.format-missing': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The endpoint does not declare the {format} format',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.format',
    since: '0.1.0',
  },
  'capability.server-rest-missing': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The CapabilityStatement has no rest entry in server mode',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.mode',
    since: '0.1.0',
  },
  'capability.resource-missing': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The endpoint does not declare the {resourceType} resource type',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource',
    since: '0.1.0',
  },
  'capability.interaction-missing': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The endpoint does not declare the {interaction} interaction on {resourceType}',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.interaction',
    since: '0.1.0',
  },
  'capability.search-param-missing': {
    severity: 'warning',
    fhirIssueType: 'not-supported',
    template: 'The endpoint does not declare the search parameter {searchParam} on {resourceType}',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam',
    since: '0.1.0',
  },
  'capability.profile-not-declared': {
    severity: 'warning',
    fhirIssueType: 'not-supported',
    template: 'The endpoint does not declare the framework profile {profile} for {resourceType}',
    spec: 'https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.supportedProfile',
    since: '0.1.0',
  },
  'capability.search-failed': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'Searching {resourceType} on the endpoint failed ({reason})',
    spec: 'https://hl7.org/fhir/R4/http.html#search',
    since: '0.1.0',
  },
  'capability.count-ignored': {
    severity: 'warning',
    fhirIssueType: 'not-supported',
    template: 'A {resourceType} search with _count={count} answered a page of {entries} entries',
    spec: 'https://hl7.org/fhir/R4/search.html#count',
    since: '0.1.0',
  },
  'pull.timeout': {
    severity: 'error',
    fhirIssueType: 'exception',
    template:
      'The endpoint did not answer {request} within {timeoutMs} ms (after {attempts} attempts)',
    since: '0.1.0',
  },
  'pull.tls': {
    severity: 'error',
    fhirIssueType: 'security',
    template: 'The TLS connection to the endpoint failed for {request} ({tlsCode})',
    since: '0.1.0',
  },
  'pull.network': {
    severity: 'error',
    fhirIssueType: 'exception',
    template: 'The endpoint could not be reached for {request} ({networkCode})',
    since: '0.1.0',
  },
  'pull.auth-failed': {
    severity: 'error',
    fhirIssueType: 'security',
    template: 'The endpoint refused the credentials for {request} (HTTP {status})',
    since: '0.1.0',
  },
  'pull.auth-config': {
    severity: 'error',
    fhirIssueType: 'security',
    template: 'The endpoint credentials are not configured: {problem}',
    since: '0.1.0',
  },
  'pull.http-status': {
    severity: 'error',
    fhirIssueType: 'exception',
    template: 'The endpoint answered HTTP {status} to {request} (after {attempts} attempts)',
    since: '0.1.0',
  },
  'pull.invalid-response': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The endpoint answered {request} with something that is not the expected FHIR JSON',
    since: '0.1.0',
  },
  'pull.foreign-next-link': {
    severity: 'warning',
    fhirIssueType: 'security',
    template:
      'Sampling {resourceType} stopped: the next-page link points outside the endpoint (credentials are never sent elsewhere)',
    since: '0.1.0',
  },
  'pull.paging-limit': {
    severity: 'information',
    fhirIssueType: 'informational',
    template: 'Sampling {resourceType} stopped after {pages} pages (limit)',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
