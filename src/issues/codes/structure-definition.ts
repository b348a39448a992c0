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
  'structuredefinition.discriminator-path-invalid': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The discriminator path does not start at an element of the sliced element, so no item can match a slice by it',
    spec: 'https://hl7.org/fhir/R4/profiling.html#discriminator',
    since: '0.1.0',
  },
  'structuredefinition.type-profile-wrong-type': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'Profile {profile} is for type {profileType}, but the element has type {type}',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
