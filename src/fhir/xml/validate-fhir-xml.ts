/**
 * Validation of FHIR R4 XML: the reader turns the XML into the JSON model, the engine validates
 * that model exactly as it validates JSON, and every issue gets the line/column of the XML element
 * or attribute its pointer came from.
 * @module
 */
import { sortIssues } from '../../issues/collector.js';
import type { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { StructureModel } from '../definitions/compiled/structure-model.js';
import type { Validator } from '../validator/create-validator.js';
import type { ValidateOptions, ValidationResult } from '../../validation-result.js';
import type { Issue } from '../../issues/issue.js';
import { isValid } from '../../issues/validity.js';
import { FhirXmlReader, type FhirXmlRead } from './read-fhir-xml.js';

/**
 * A reader over the base definitions of `registry` (the XML mapping is fixed by the base types;
 * profiles cannot change it). Make one per validator and reuse it.
 */
export function createFhirXmlReader(registry: CanonicalRegistry): FhirXmlReader {
  return new FhirXmlReader(new StructureModel(registry));
}

/**
 * Validates a FHIR resource given as R4 XML text. Never throws for bad input: malformed XML, a DTD
 * or an entity reference is a fatal `xml.*` issue and nothing else is checked.
 */
export function validateFhirXml(
  validator: Validator,
  reader: FhirXmlReader,
  text: string,
  options: ValidateOptions = {},
): ValidationResult {
  const read = reader.read(text);
  if (!read.value || read.issues.some((i) => i.severity === 'fatal')) {
    return {
      valid: false,
      issues: read.issues,
      truncated: false,
      profiles: [],
      recordCount: 0,
      records: [],
    };
  }
  const result = validator.validate(read.value, options);
  const issues = placeXmlIssues(read, result.issues);
  return { ...result, valid: isValid(issues), issues };
}

/**
 * The engine's issues on a model read from XML, with the XML positions of their pointers, merged
 * with the reader's own `xml.*` issues (sorted as the collector sorts).
 */
export function placeXmlIssues(read: FhirXmlRead, issues: readonly Issue[]): Issue[] {
  const located = issues.map((issue) => {
    if (issue.position) return issue;
    const position = read.position(issue.pointer);
    return position ? { ...issue, position } : issue;
  });
  return read.issues.length ? sortIssues([...read.issues, ...located]) : located;
}

/**
 * A resource (a conformance resource for `--supporting` or a package) read from FHIR XML text.
 * @throws Error naming the first fatal issue (malformed XML, a DTD…) when it cannot be read.
 */
export function readFhirXmlResource(reader: FhirXmlReader, text: string): Record<string, unknown> {
  const read = reader.read(text);
  const fatal = read.issues.find((i) => i.severity === 'fatal');
  if (!read.value || fatal) {
    const at = fatal?.position
      ? ` at line ${fatal.position.line}, column ${fatal.position.column}`
      : '';
    throw new Error(
      `${fatal?.code ?? 'xml.invalid-xml'}: ${fatal?.message ?? 'not FHIR XML'}${at}`,
    );
  }
  return read.value;
}
