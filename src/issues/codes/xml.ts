import type { CodeFamily } from '../code-definition.js';

const xml = 'https://hl7.org/fhir/R4/xml.html';

/** The R4 XML format (xml.html): well-formedness, namespaces, value attributes, element order, no DTDs. */
export const xmlCodes = {
  'xml.invalid-xml': {
    severity: 'fatal',
    fhirIssueType: 'structure',
    template: 'Error parsing XML: {detail}',
    spec: 'https://www.w3.org/TR/xml/',
    since: '0.1.0',
  },
  'xml.dtd-not-allowed': {
    severity: 'fatal',
    fhirIssueType: 'security',
    template:
      'The XML has a document type declaration (DTD): DTDs and entity declarations are not allowed in FHIR XML',
    spec: xml,
    since: '0.1.0',
  },
  'xml.entity-not-allowed': {
    severity: 'fatal',
    fhirIssueType: 'security',
    template:
      "The XML refers to the entity '&{entity};': only the predefined XML entities and character references are allowed",
    spec: xml,
    since: '0.1.0',
  },
  'xml.processing-instruction': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Processing instructions are not allowed in FHIR XML (found '<?{target}')",
    spec: xml,
    since: '0.1.0',
  },
  'xml.namespace': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The element '{name}' is in the namespace '{namespace}', not the FHIR namespace 'http://hl7.org/fhir'",
    spec: xml,
    since: '0.1.0',
  },
  'xml.xhtml-namespace': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "The narrative must be a div element in the XHTML namespace 'http://www.w3.org/1999/xhtml' (found '{name}' in '{namespace}')",
    spec: 'https://hl7.org/fhir/R4/narrative.html#xhtml',
    since: '0.1.0',
  },
  'xml.element-order': {
    severity: 'error',
    fhirIssueType: 'invalid',
    template:
      "As specified by the StructureDefinition of {type}, the element '{name}' is out of order (it must come before '{after}')",
    spec: xml,
    since: '0.1.0',
  },
  'xml.unknown-attribute': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "Undefined attribute '@{name}' on the element '{element}'",
    spec: xml,
    since: '0.1.0',
  },
  'xml.value-missing': {
    severity: 'error',
    fhirIssueType: 'required',
    template: "The primitive element '{name}' has no value attribute and no extensions",
    spec: xml,
    since: '0.1.0',
  },
  'xml.unexpected-text': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      "Text content is not allowed in the element '{name}': FHIR XML puts primitive values in the value attribute",
    spec: xml,
    since: '0.1.0',
  },
  'xml.resource-expected': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The element '{name}' must hold exactly one resource element",
    spec: xml,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
