import type { CodeFamily } from '../code-definition.js';

const profiling = 'https://hl7.org/fhir/R4/profiling.html';

/** Profile features: fixed/pattern values, profile resolution, slicing, extensions, references. */
export const profileCodes = {
  'profile.narrative-language-sections-prohibited': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The narrative has language sections ({languages}), which the profile prohibits here (narrative-language-control)',
    spec: 'https://hl7.org/fhir/extensions/StructureDefinition-narrative-language-control.html',
    since: '0.1.0',
  },
  'profile.narrative-language-sections-required': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The narrative has no language sections, which the profile requires here (narrative-language-control)',
    spec: 'https://hl7.org/fhir/extensions/StructureDefinition-narrative-language-control.html',
    since: '0.1.0',
  },
  'profile.narrative-language-section-missing': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The narrative has no language section for {language}, which the profile requires here (narrative-language-control)',
    spec: 'https://hl7.org/fhir/extensions/StructureDefinition-narrative-language-control.html',
    since: '0.1.0',
  },
  'profile.narrative-source-missing': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template:
      "{count} narrative text(s) are in no element whose class gives their source (boilerplate, generated or original), which the profile requires (narrative-source-control; the profile's value sets the severity)",
    spec: 'https://hl7.org/fhir/extensions/StructureDefinition-narrative-source-control.html',
    since: '0.1.0',
  },
  'profile.unresolved': {
    severity: 'error',
    fhirIssueType: 'not-found',
    template: 'Profile {profile} could not be resolved, so the resource was not checked against it',
    spec: 'https://hl7.org/fhir/R4/resource.html#profile',
    since: '0.1.0',
  },
  'profile.type-profile-unresolved': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The element's type profile {profile} could not be resolved, so the value was not checked against it",
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile',
    since: '0.1.0',
  },
  'profile.wrong-type': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'Profile {profile} constrains {profileType}, not {resourceType}',
    spec: profiling,
    since: '0.1.0',
  },
  'fixed.mismatch': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value does not equal the fixed value required by the profile ({detail})',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_',
    since: '0.1.0',
  },
  'pattern.mismatch': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value does not match the pattern required by the profile ({detail})',
    spec: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_',
    since: '0.1.0',
  },
  'slice.no-match-in-closed-slicing': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'This element does not match any known slice defined in the profile {profile} and slicing is CLOSED: {path}',
    spec: profiling + '#slicing',
    since: '0.1.0',
  },
  'slice.multiple-matches': {
    severity: 'error',
    fhirIssueType: 'multiple-matches',
    template: 'This element matches more than one slice of {path}: {slices}',
    spec: profiling + '#slicing',
    since: '0.1.0',
  },
  'slice.membership-not-checked': {
    severity: 'warning',
    fhirIssueType: 'not-supported',
    template:
      'Which slice of {path} this element belongs to could not be checked: it depends on value sets that cannot be expanded offline ({slices})',
    spec: profiling + '#slicing',
    since: '0.1.0',
  },
  'slice.out-of-order': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The slicing of {path} is ordered, but slice '{slice}' appears after a later slice",
    spec: profiling + '#slicing',
    since: '0.1.0',
  },
  'slice.not-at-end': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'The slicing of {path} is openAtEnd: elements that match no slice must come after all sliced elements',
    spec: profiling + '#slicing',
    since: '0.1.0',
  },
  'slice.unsupported-discriminator': {
    severity: 'information',
    fhirIssueType: 'not-supported',
    template:
      "The discriminator '{type}' on path '{discriminator}' of {path} is not supported; elements were matched by their content instead",
    spec: profiling + '#discriminator',
    since: '0.1.0',
  },
  'extension.unknown': {
    severity: 'error',
    fhirIssueType: 'extension',
    template: 'The extension {url} is unknown, so its content was not checked',
    spec: 'https://hl7.org/fhir/R4/extensibility.html',
    since: '0.1.0',
  },
  'extension.modifier-unknown': {
    severity: 'error',
    fhirIssueType: 'extension',
    template:
      'The modifier extension {url} is unknown: a system that does not understand a modifier extension must not process the resource',
    spec: 'https://hl7.org/fhir/R4/extensibility.html#modifierExtension',
    since: '0.1.0',
  },
  'extension.context-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The extension {url} is not allowed here ({path}); its contexts are {contexts}',
    spec: 'https://hl7.org/fhir/R4/defining-extensions.html#context',
    since: '0.1.0',
  },
  'extension.context-invariant-failed': {
    severity: 'error',
    fhirIssueType: 'invariant',
    template:
      'The extension {url} is not allowed here: its context invariant {expression} is not met',
    spec: 'https://hl7.org/fhir/R4/structuredefinition-definitions.html#StructureDefinition.contextInvariant',
    since: '0.1.0',
  },
  'extension.url-not-absolute': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The extension URL {url} is not an absolute URL',
    spec: 'https://hl7.org/fhir/R4/extensibility.html#Extension',
    since: '0.1.0',
  },
  'extension.sub-extension-undefined': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The sub-extension url {url} is not one of the parts the complex extension defines',
    spec: 'https://hl7.org/fhir/R4/extensibility.html#Extension',
    since: '0.1.0',
  },
  'extension.url-versioned': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The extension URL must not contain a version',
    spec: 'https://hl7.org/fhir/R4/extensibility.html',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
