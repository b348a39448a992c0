import type { CodeFamily } from '../code-definition.js';

/** A MeasureReport against the Measure it reports on (rules that need no evaluation of the measure). */
export const measureCodes = {
  'measure.score-not-allowed': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "A group has a measureScore, but the Measure's scoring is cohort, which has none",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.group.measureScore',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
