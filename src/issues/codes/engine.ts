import type { CodeFamily } from '../code-definition.js';

/** Conditions of the engine itself: limits and unsupported features. */
export const engineCodes = {
  'engine.limit-reached': {
    severity: 'warning',
    fhirIssueType: 'too-costly',
    template:
      'Validation stopped early: the {limit} limit ({value}) was reached; the result is partial',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
