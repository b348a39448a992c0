import type { CodeFamily } from '../code-definition.js';

/**
 * Conditions of the HTTP service itself (src/server): the request, not the payload's content.
 * Each maps to one HTTP status in the service's error handler.
 */
export const httpCodes = {
  'http.unsupported-media-type': {
    severity: 'fatal',
    fhirIssueType: 'not-supported',
    template: "The content type '{contentType}' is not accepted here; send one of {accepted}",
    spec: 'https://hl7.org/fhir/R4/http.html#mime-type',
    since: '0.1.0',
  },
  'http.unauthorized': {
    severity: 'fatal',
    fhirIssueType: 'security',
    template: 'An API key is required: send it as "Authorization: Bearer <key>" or "X-API-Key"',
    since: '0.1.0',
  },
  'http.forbidden': {
    severity: 'fatal',
    fhirIssueType: 'security',
    template: 'This API key may not {action}',
    since: '0.1.0',
  },
  'http.not-found': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template: 'Not found: {what}',
    since: '0.1.0',
  },
  'http.method-not-allowed': {
    severity: 'error',
    fhirIssueType: 'not-supported',
    template: 'The method {method} is not supported on this path',
    since: '0.1.0',
  },
  'http.invalid-parameter': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The parameter {name} is invalid: {reason}',
    since: '0.1.0',
  },
  'http.type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The operation was called on type {expected} but the resource is a {found}',
    spec: 'https://hl7.org/fhir/R4/resource-operation-validate.html',
    since: '0.1.0',
  },
  'http.rate-limited': {
    severity: 'fatal',
    fhirIssueType: 'processing',
    template: 'Too many requests for this API key; retry after {retryAfter} s',
    since: '0.1.0',
  },
  'http.store-unavailable': {
    severity: 'fatal',
    fhirIssueType: 'transient',
    template:
      'The data store is unavailable for the moment; retry after {retryAfter} s (validation without recording still works)',
    since: '0.1.0',
  },
  'http.busy': {
    severity: 'fatal',
    fhirIssueType: 'transient',
    template:
      'The service is checking as many payloads as it can queue; retry after {retryAfter} s',
    since: '0.1.0',
  },
  'http.check-failed': {
    severity: 'fatal',
    fhirIssueType: 'exception',
    template:
      'The thread checking this payload stopped before it answered (it has been replaced); quote request id {requestId} when reporting it',
    since: '0.1.0',
  },
  'http.internal-error': {
    severity: 'fatal',
    fhirIssueType: 'exception',
    template: 'An unexpected error occurred; quote request id {requestId} when reporting it',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
