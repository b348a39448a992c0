import type { CodeFamily } from '../code-definition.js';

/** FHIRPath invariants (`ElementDefinition.constraint`). */
export const invariantCodes = {
  'invariant.failed': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template: "Constraint failed: {key}: '{human}'",
    spec: 'https://hl7.org/fhir/R4/conformance-rules.html#constraints',
    since: '0.1.0',
  },
  'invariant.evaluation-error': {
    severity: 'warning',
    fhirIssueType: 'processing',
    template: 'Constraint {key} could not be evaluated: {detail}',
    spec: 'https://hl7.org/fhir/R4/fhirpath.html',
    since: '0.1.0',
    valueParams: ['detail'],
  },
} as const satisfies CodeFamily;
