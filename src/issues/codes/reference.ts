import type { CodeFamily } from '../code-definition.js';

const spec = 'https://hl7.org/fhir/R4/references.html';

/** References: literal formats, target types and profiles, resolution inside Bundles. */
export const referenceCodes = {
  'reference.invalid-format': {
    severity: 'warning',
    fhirIssueType: 'value',
    template:
      'The reference is not a valid literal reference (Type/id, an absolute URL, urn:uuid:, urn:oid: or #id)',
    spec: spec + '#literal',
    since: '0.1.0',
  },
  'reference.wrong-target-type': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The reference points to a {found}, but only {allowed} may be referenced here',
    spec: spec + '#Reference',
    since: '0.1.0',
  },
  'reference.type-mismatch': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'Reference.type says {declared} but the reference points to a {found}',
    spec: spec + '#Reference',
    since: '0.1.0',
  },
  'reference.not-found-in-bundle': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template:
      "Can't find the referenced resource in the Bundle ({kind} reference in a {bundleType} Bundle)",
    spec: 'https://hl7.org/fhir/R4/bundle.html#references',
    since: '0.1.0',
  },
  'reference.not-found': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template:
      'The referenced resource is not in this payload (contained, Bundle or Parameters), and references must resolve here (checkReferencesExist)',
    spec: 'https://hl7.org/fhir/R4/references.html#Reference',
    since: '0.1.0',
  },
  'reference.ambiguous-in-bundle': {
    severity: 'error',
    fhirIssueType: 'multiple-matches',
    template: 'The reference matches {count} resources in the Bundle; it must identify one',
    spec: 'https://hl7.org/fhir/R4/bundle.html#references',
    since: '0.1.0',
  },
  'reference.target-profile-mismatch': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'The referenced resource does not conform to any of the profiles required here ({profiles})',
    spec: spec + '#Reference',
    since: '0.1.0',
  },
  'reference.target-profile-unresolved': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template:
      'The profile {profile} required of the referenced resource is not loaded, so the resource could not be checked against it',
    spec: spec + '#Reference',
    since: '0.1.0',
  },
  'reference.aggregation-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The reference is {mode}, but the profile allows only {allowed} references here',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.aggregation',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
