import type { CodeFamily } from '../code-definition.js';

const json = 'https://hl7.org/fhir/R4/json.html';

/** JSON representation rules of FHIR R4 (json.html): properties, JSON types, arrays, nulls, choice types. */
export const structureCodes = {
  'structure.unknown-resource-type': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Unknown resource type '{resourceType}'",
    spec: 'https://hl7.org/fhir/R4/resourcelist.html',
    since: '0.1.0',
  },
  'structure.unknown-property': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Unrecognized property '{name}'",
    spec: json,
    since: '0.1.0',
  },
  'structure.wrong-json-type': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The property '{name}' must be a JSON {expected}, not a JSON {found}",
    spec: json,
    since: '0.1.0',
  },
  'structure.array-expected': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The property '{name}' repeats and must be a JSON array",
    spec: json,
    since: '0.1.0',
  },
  'structure.array-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The property '{name}' does not repeat and must not be a JSON array",
    spec: json,
    since: '0.1.0',
  },
  'structure.null-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The property '{name}' is null; null is only allowed inside primitive arrays aligned with their '_' extensions",
    spec: json,
    since: '0.1.0',
  },
  'structure.empty-object': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'Object must have some content',
    spec: 'https://hl7.org/fhir/R4/elementdefinition.html#ele-1',
    since: '0.1.0',
  },
  'structure.empty-array': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'Array cannot be empty - the property should not be present if it has no values',
    spec: json,
    since: '0.1.0',
  },
  'structure.empty-string': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'A primitive value cannot be an empty string; omit the property instead',
    spec: 'https://hl7.org/fhir/R4/datatypes.html#primitive',
    since: '0.1.0',
  },
  'structure.primitive-array-misaligned': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The arrays '{name}' and '_{name}' must have the same length ({valueCount} and {extensionCount} found)",
    spec: json + '#primitive',
    since: '0.1.0',
  },
  'structure.primitive-array-null-pair': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Item {index} of '{name}' is null in both the value and the '_' extension array",
    spec: json + '#primitive',
    since: '0.1.0',
  },
  'structure.choice-multiple': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Only one of the choice properties for '{name}[x]' may be present, found {found}",
    spec: 'https://hl7.org/fhir/R4/formats.html#choice',
    since: '0.1.0',
  },
  'structure.choice-type-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The type '{type}' is not allowed for '{name}[x]' here (allowed: {allowed})",
    spec: 'https://hl7.org/fhir/R4/formats.html#choice',
    since: '0.1.0',
  },
  'structure.resource-type-missing': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The resource has no resourceType property',
    spec: json + '#resources',
    since: '0.1.0',
  },
  'structure.resource-type-not-allowed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'A {resourceType} resource is not allowed here (allowed: {allowed})',
    since: '0.1.0',
  },
  'structure.narrative-link-unresolved': {
    severity: 'error',
    fhirIssueType: 'value',
    template:
      "A narrative hyperlink to '#…' names no element id or name in this resource's narrative and no contained resource",
    spec: 'https://hl7.org/fhir/R4/narrative.html#id',
    since: '0.1.0',
  },
  'structure.identifier-value-not-uri': {
    severity: 'error',
    fhirIssueType: 'value',
    template:
      "The identifier's system is urn:ietf:rfc:3986, so its value must be an absolute URI (with a scheme, e.g. urn:oid:…)",
    spec: 'https://hl7.org/fhir/R4/identifier-registry.html',
    since: '0.1.0',
  },
  'structure.invalid-xhtml': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The narrative XHTML is invalid: {detail}',
    spec: 'https://hl7.org/fhir/R4/narrative.html#xhtml',
    since: '0.1.0',
    valueParams: ['detail'],
  },
  'structure.resource-id-invalid': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'Invalid resource id: {detail}',
    spec: 'https://hl7.org/fhir/R4/datatypes.html#id',
    since: '0.1.0',
  },
  'structure.resource-id-extension': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'Resource.id cannot have extensions (it is a plain string in R4, not an id element)',
    spec: 'https://hl7.org/fhir/R4/resource-definitions.html#Resource.id',
    since: '0.1.0',
  },
  'structure.coding-system-relative': {
    severity: 'error',
    fhirIssueType: 'value',
    template: "Coding.system must be an absolute URI, not a local reference ('{system}')",
    spec: 'https://hl7.org/fhir/R4/datatypes-definitions.html#Coding.system',
    since: '0.1.0',
  },
  'structure.coding-system-is-value-set': {
    severity: 'error',
    fhirIssueType: 'value',
    template: "Coding.system names a value set, not a code system ('{system}')",
    spec: 'https://hl7.org/fhir/R4/datatypes-definitions.html#Coding.system',
    since: '0.1.0',
  },
  'structure.attachment-size-mismatch': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'The stated attachment size {stated} does not match the size of its data ({actual} bytes)',
    spec: 'https://hl7.org/fhir/R4/datatypes-definitions.html#Attachment.size',
    since: '0.1.0',
  },
  'structure.attachment-hash-mismatch': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The stated attachment hash does not match the SHA-1 hash of its data',
    spec: 'https://hl7.org/fhir/R4/datatypes-definitions.html#Attachment.hash',
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
