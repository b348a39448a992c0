import type { CodeFamily } from '../code-definition.js';

/** Conditions raised when a partner policy is applied to a result (src/policy/apply-policy.ts). */
export const policyCodes = {
  'policy.suppression-expired': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template:
      "The partner policy's suppression of {code} at {expression} expired on {until}; {count} issue(s) it covered count again",
    since: '0.1.0',
  },
  'policy.waiver-expired': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template:
      "The partner policy's waiver of requirement {requirement} expired on {until}; {count} issue(s) it covered count again",
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
