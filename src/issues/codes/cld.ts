import type { CodeFamily } from '../code-definition.js';

const cldSpec = 'https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-sets/adult-social-care-client-level-data-set';

/**
 * Adult Social Care Client Level Data (CLD) return, beyond the generic feed codes: the release of the
 * specification (Release 1 values in a Release 2 return), row-level conditions (mandatory blanks) and
 * the submission period. Params carry field names, rule ids and defined-list labels only.
 */
export const cldCodes = {
  'cld.release-1-value': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: "{field} holds '{value}', a Release 1 value; Release 2 expects '{expected}' (DHSC outcome Failed: Release 1)",
    spec: cldSpec,
    since: '0.1.0',
  },
  'cld.mandatory-blank': {
    severity: 'error',
    fhirIssueType: 'required',
    template: '{field} is mandatory on this row (rule {rule}) but blank (DHSC outcome Failed: Blank (Mandatory))',
    spec: cldSpec,
    since: '0.1.0',
  },
  'cld.column-not-read': {
    severity: 'information',
    fhirIssueType: 'informational',
    template: "The column '{column}' is not a Release 2 field; it was accepted and its values were not read",
    spec: cldSpec,
    since: '0.1.0',
  },
  'cld.period-not-rolling-year': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: 'The reporting period should be the rolling 12 months ending at a quarter end (CLD returns are quarterly, each covering 12 months)',
    spec: cldSpec,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
