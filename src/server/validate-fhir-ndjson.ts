/**
 * Validates FHIR NDJSON (one resource per line, as in FHIR Bulk Data) line by line. Each line's
 * issues and records get the line index as a pointer prefix (`/3/name/0`) and the line number in
 * their position; recording stops at `maxIssues` overall.
 * @module
 */
import type { Validator } from '../fhir/validator/create-validator.js';
import { IssueCollector } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import type { RecordRef, ValidateOptions, ValidationResult } from '../validation-result.js';
import { withPositions } from './with-positions.js';

/**
 * Validates each non-blank line of `text` as one resource. `timeBudgetMs` bounds the whole body
 * (each line gets what is left; past it: `engine.limit-reached`, partial result), and the event
 * loop gets a turn every 10 ms so that other requests are answered meanwhile.
 */
export async function validateFhirNdjson(validator: Validator, text: string, options: ValidateOptions, clock: () => number = () => performance.now()): Promise<ValidationResult> {
  const max = options.maxIssues ?? 10_000;
  const issues: Issue[] = [];
  const records: RecordRef[] = [];
  let truncated = false;
  const deadline = options.timeBudgetMs === undefined ? Infinity : clock() + options.timeBudgetMs;
  let lastYield = clock();
  let start = 0;
  for (let i = 0; start <= text.length && !truncated; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line.trim() === '') continue;
    const t = clock();
    if (t - lastYield >= 10) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = clock();
    }
    if (t >= deadline) {
      const collector = new IssueCollector();
      collector.limitReached('timeBudgetMs', options.timeBudgetMs ?? 0);
      issues.push(...collector.issues());
      truncated = true;
      break;
    }
    const left = deadline - t;
    const result = validator.validate(line, { ...options, maxIssues: Math.max(1, max - issues.length), ...(left !== Infinity ? { timeBudgetMs: left } : {}) });
    for (const issue of withPositions(result.issues, line)) {
      issues.push({
        ...issue,
        pointer: `/${i}${issue.pointer}`,
        ...(issue.position ? { position: { line: i + 1, column: issue.position.column } } : { position: { line: i + 1, column: 1 } }),
      });
    }
    for (const r of result.records ?? []) records.push({ pointer: `/${i}${r.pointer}`, type: r.type });
    truncated = result.truncated || issues.length >= max;
  }
  const valid = !issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  return { valid, issues, truncated, profiles: options.profiles ?? [], recordCount: records.length, records };
}
