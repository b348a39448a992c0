import type { CodeFamily } from '../code-definition.js';

/**
 * The terminology resources themselves (ValueSet, CodeSystem, ConceptMap) checked against the
 * local terminology: what the HL7 validator's checks of these resources decide without a
 * terminology server. Codes of unknown local CodeSystems are `binding.unknown-code`.
 */
export const terminologyResourceCodes = {
  'valueset.system-not-absolute': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'ValueSet.compose include/exclude system {system} must be an absolute URI: name a contained CodeSystem by its own url',
    spec: 'https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose.include.system',
    since: '0.1.0',
  },
  'valueset.filter-value-invalid': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      "The value of a filter on the property '{property}' must be a valid {type} (a Coding as system(|version)#code)",
    spec: 'https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose.include.filter.value',
    since: '0.1.0',
  },
  'valueset.filter-expression-language': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: "A filter value expression must be in 'text/fhirpath', not '{language}'",
    spec: 'https://hl7.org/fhir/tools/StructureDefinition-valueset-parameter.html',
    since: '0.1.0',
  },
  'valueset.filter-expression-invalid': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The filter value expression is not valid FHIRPath',
    spec: 'https://hl7.org/fhir/tools/StructureDefinition-valueset-parameter.html',
    since: '0.1.0',
  },
  'valueset.filter-expression-unknown-parameter': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      'The filter value expression uses a %variable that is neither a parameter this ValueSet declares (valueset-parameter) nor a FHIRPath environment variable',
    spec: 'https://hl7.org/fhir/tools/StructureDefinition-valueset-parameter.html',
    since: '0.1.0',
  },
  'codesystem.supplement-content': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "A CodeSystem that supplements {supplements} must have content 'supplement'",
    spec: 'https://hl7.org/fhir/R4/codesystem.html#supplements',
    since: '0.1.0',
  },
  'codesystem.concepts-not-present': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      "The CodeSystem's content is not-present, so it includes none of its concepts, but concepts are listed",
    spec: 'https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.content',
    since: '0.1.0',
  },
  'codesystem.count-mismatch': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The CodeSystem is complete but lists {listed} concepts, not the {count} its count states',
    spec: 'https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.count',
    since: '0.1.0',
  },
  'codesystem.property-duplicate': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: 'A property is already defined with the {key} {value}',
    spec: 'https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.property',
    since: '0.1.0',
  },
  'codesystem.property-code-not-standard': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: "The standard property {uri} has the code '{expected}', not '{code}'",
    spec: 'https://hl7.org/fhir/R4/codesystem-concept-properties.html',
    since: '0.1.0',
  },
  'codesystem.property-wrong-type': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: 'The standard property {property} has the type {expected}, not {type}',
    spec: 'https://hl7.org/fhir/R4/codesystem-concept-properties.html',
    since: '0.1.0',
  },
  'codesystem.property-undeclared': {
    severity: 'warning',
    fhirIssueType: 'business-rule',
    template: "The concept property '{code}' is not declared in CodeSystem.property",
    spec: 'https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.concept.property',
    since: '0.1.0',
  },
  'canonical.url-not-absolute': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template: 'The canonical url of a terminology resource must be an absolute URI',
    spec: 'https://hl7.org/fhir/R4/resource.html#canonical',
    since: '0.1.0',
  },
  'canonical.hl7-workgroup-missing': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'When HL7 publishes a resource, its owning work group must be stated with the {extension} extension',
    spec: 'https://hl7.org/fhir/R4/extension-structuredefinition-wg.html',
    since: '0.1.0',
  },
  'conceptmap.source-not-in-value-set': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The source code {system}#{code} is not in the source value set {valueSet}',
    spec: 'https://hl7.org/fhir/R4/conceptmap.html',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
