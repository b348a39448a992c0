import type { CodeFamily } from '../code-definition.js';

/**
 * A StructureDefinition's own consistency: its differential applied to its base, as the HL7
 * validator checks a profile by generating its snapshot. The parameter is the snapshot generator's
 * condition (`element-not-found`, `fixed-conflict`, `max-above-base`, …), never a payload value.
 */
export const structureDefinitionCodes = {
  'structuredefinition.differential-invalid': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'This differential element cannot be applied to the base definition ({condition}): see the snapshot generation rules',
    spec: 'https://hl7.org/fhir/R4/profiling.html#snapshot',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
