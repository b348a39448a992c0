/**
 * FHIR XML as a syntax of the pipeline (issue 20): recognised by media type (`application/fhir+xml`,
 * `application/xml`, `text/xml`), by the `.xml` extension, or by a payload that starts with `<`;
 * read by the FHIR XML reader (src/fhir/xml) into the model the engine validates, with every issue
 * placed at its XML element or attribute.
 * @module
 */
import type { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import type { FhirXmlReader } from '../fhir/xml/read-fhir-xml.js';
import { createFhirXmlReader, placeXmlIssues } from '../fhir/xml/validate-fhir-xml.js';
import type { FhirSyntax } from './fhir-syntaxes.js';

/** Media types of FHIR XML, the first being the one MDSS answers with. */
export const fhirXmlMediaTypes = ['application/fhir+xml', 'application/xml', 'text/xml'] as const;

/** The FHIR XML syntax over `registry` (its base definitions give the XML mapping); the reader is made on first use. */
export function createFhirXmlSyntax(registry: CanonicalRegistry): FhirSyntax {
  let reader: FhirXmlReader | undefined;
  return {
    format: 'xml',
    mediaTypes: fhirXmlMediaTypes,
    extensions: ['.xml'],
    sniff: (head) => head.startsWith('<'),
    parse(text) {
      const read = (reader ??= createFhirXmlReader(registry)).read(text);
      if (!read.value || read.issues.some((i) => i.severity === 'fatal'))
        return { ok: false, issues: read.issues };
      return {
        ok: true,
        value: read.value,
        place: (issues) => placeXmlIssues(read, issues),
        position: read.position,
        issues: read.issues,
      };
    },
  };
}
