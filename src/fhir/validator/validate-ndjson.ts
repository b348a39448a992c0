import type { Issue } from '../../issues/issue.js';
import type { RecordRef, ValidateOptions, ValidationResult } from '../../validation-result.js';
import type { Validator } from './create-validator.js';

/**
 * Accumulates NDJSON lines (one resource per line) into one result, keeping memory bounded: only
 * issues (capped by maxIssues) and record references are kept, never the resources.
 * Pointers are prefixed with the line index (`/3/name/0`) and positions give the file line.
 */
export class NdjsonAccumulator {
  readonly #issues: Issue[] = [];
  readonly #records: RecordRef[] = [];
  readonly #profiles = new Set<string>();
  #truncated = false;

  constructor(
    private readonly validator: Validator,
    private readonly options: ValidateOptions = {},
  ) {}

  /** Validates one line (empty lines are skipped). `index` is the 0-based line index in the file. */
  add(line: string, index: number): void {
    if (line.trim() === '') return;
    const r = this.validator.validate(line, this.options);
    for (const p of r.profiles) this.#profiles.add(p);
    for (const rec of r.records ?? []) this.#records.push({ ...rec, pointer: `/${index}${rec.pointer}` });
    const max = this.options.maxIssues ?? 10_000;
    for (const i of r.issues) {
      if (this.#issues.length >= max) {
        this.#truncated = true;
        break;
      }
      this.#issues.push({
        ...i,
        pointer: `/${index}${i.pointer}`,
        expression: i.expression,
        position: { line: index + 1, column: i.position?.line === 1 ? i.position.column : 1 },
      });
    }
    if (r.truncated) this.#truncated = true;
  }

  /** The combined result. */
  result(): ValidationResult {
    const valid = !this.#issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
    return { valid, issues: this.#issues, truncated: this.#truncated, profiles: [...this.#profiles], recordCount: this.#records.length, records: this.#records };
  }
}

/** Validates NDJSON text (one resource per line). */
export function validateNdjson(validator: Validator, text: string, options: ValidateOptions = {}): ValidationResult {
  const acc = new NdjsonAccumulator(validator, options);
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    acc.add(text.slice(start, end).replace(/\r$/, ''), index++);
    start = end + 1;
  }
  return acc.result();
}
