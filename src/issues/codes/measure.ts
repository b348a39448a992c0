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
  'measure.population-not-in-measure': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "The population's code matches no population of the Measure's group",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.group.population.code',
    since: '0.1.0',
  },
  'measure.subjects-not-subject-list': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "The population lists subjects, but only a report of type 'subject-list' does",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.type',
    since: '0.1.0',
  },
  'measure.population-count-missing': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: "The population has no count, which a report that is not a 'subject-list' carries",
    spec: 'https://hl7.org/fhir/R4/measurereport-definitions.html#MeasureReport.group.population.count',
    since: '0.1.0',
  },
  'measure.criteria-not-in-library': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "The criteria names '{name}', which no library of the Measure defines",
    spec: 'https://hl7.org/fhir/R4/metadatatypes-definitions.html#Expression.expression',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
