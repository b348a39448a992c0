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
  'measure.stratifier-not-in-measure': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The stratifier's code matches no stratifier of the Measure's group (R4 links them by code)",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.group.stratifier.code',
    since: '0.1.0',
  },
  'measure.stratifier-missing': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The group reports no stratifier with the code of the Measure group's stratifier {index} (R4 links them by code)",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.group.stratifier.code',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
