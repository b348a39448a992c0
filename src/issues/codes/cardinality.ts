import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/profiling.html#cardinality';

/** `ElementDefinition.min` / `.max`. */
export const cardinalityCodes = {
  'cardinality.too-few': {
    severity: 'error',
    fhirIssueType: 'required',
    template: '{path}: minimum required = {min}, but only found {found}',
    spec,
    since: '0.1.0',
  },
  'cardinality.too-many': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: '{path}: max allowed = {max}, but found {found}',
    spec,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
