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
import { FhirXmlReader } from './read-fhir-xml.js';

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
  const located = result.issues.map((issue) => {
    if (issue.position) return issue;
    const position = read.position(issue.pointer);
    return position ? { ...issue, position } : issue;
  });
  const issues = read.issues.length ? sortIssues([...read.issues, ...located]) : located;
  return {
    ...result,
    valid: !issues.some((i) => i.severity === 'error' || i.severity === 'fatal'),
    issues,
  };
}
