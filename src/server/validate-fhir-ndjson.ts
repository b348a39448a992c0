/**
 * Validates FHIR NDJSON (one resource per line, as in FHIR Bulk Data) line by line. Each line's
 * issues and records get the line index as a pointer prefix (`/3/name/0`) and the line number in
 * their position; recording stops at `maxIssues` overall.
 * @module
 */
import type { Validator } from '../fhir/validator/create-validator.js';
import type { Issue } from '../issues/issue.js';
import type { RecordRef, ValidateOptions, ValidationResult } from '../validation-result.js';
import { withPositions } from './with-positions.js';

/** Validates each non-blank line of `text` as one resource. */
export function validateFhirNdjson(validator: Validator, text: string, options: ValidateOptions): ValidationResult {
  const max = options.maxIssues ?? 10_000;
  const issues: Issue[] = [];
  const records: RecordRef[] = [];
  let truncated = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && !truncated; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const result = validator.validate(line, { ...options, maxIssues: Math.max(1, max - issues.length) });
    for (const issue of withPositions(result.issues, line)) {
      issues.push({
        ...issue,
        pointer: `/${i}${issue.pointer}`,
        ...(issue.position ? { position: { line: i + 1, column: issue.position.column } } : { position: { line: i + 1, column: 1 } }),
      });
    }
    for (const r of result.records ?? []) records.push({ ...r, pointer: `/${i}${r.pointer}` });
    truncated = result.truncated || issues.length >= max;
  }
  const valid = !issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  return { valid, issues, truncated, profiles: options.profiles ?? [], recordCount: records.length, records };
}
