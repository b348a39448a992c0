import { IssueCollector } from '../../issues/collector.js';
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
  readonly #clock: () => number;
  readonly #deadline: number;
  #truncated = false;

  /**
   * `options.timeBudgetMs` bounds the whole file (each line gets what is left); past it, or past
   * `maxIssues`, the result is truncated with `engine.limit-reached` and further lines are ignored.
   * `clock` gives monotonic milliseconds (default `performance.now()`).
   */
  constructor(
    private readonly validator: Validator,
    private readonly options: ValidateOptions = {},
    clock: () => number = () => performance.now(),
  ) {
    this.#clock = clock;
    this.#deadline = options.timeBudgetMs === undefined ? Infinity : clock() + options.timeBudgetMs;
  }

  /** True once a limit was reached: later lines are not validated. */
  get truncated(): boolean {
    return this.#truncated;
  }

  /** Validates one line (empty lines are skipped). `index` is the 0-based line index in the file. */
  add(line: string, index: number): void {
    if (this.#truncated || line.trim() === '') return;
    const left = this.#deadline - this.#clock();
    if (left <= 0) {
      this.#limit('timeBudgetMs', this.options.timeBudgetMs ?? 0);
      return;
    }
    const r = this.validator.validate(line, left === Infinity ? this.options : { ...this.options, timeBudgetMs: left });
    for (const p of r.profiles) this.#profiles.add(p);
    for (const rec of r.records ?? []) this.#records.push({ pointer: `/${index}${rec.pointer}`, type: rec.type });
    const max = this.options.maxIssues ?? 10_000;
    for (const i of r.issues) {
      if (i.code === 'engine.limit-reached') continue;
      if (this.#issues.length >= max) {
        this.#limit('maxIssues', max);
        break;
      }
      this.#issues.push({
        ...i,
        pointer: `/${index}${i.pointer}`,
        expression: i.expression,
        position: { line: index + 1, column: i.position?.line === 1 ? i.position.column : 1 },
      });
    }
    if (r.truncated) {
      const reached = r.issues.find((i) => i.code === 'engine.limit-reached');
      const limit = typeof reached?.params['limit'] === 'string' ? reached.params['limit'] : 'timeBudgetMs';
      this.#limit(limit, limit === 'maxIssues' ? max : (reached?.params['value'] as number | undefined) ?? 0);
    }
  }

  #limit(limit: string, value: number | string): void {
    if (this.#truncated) return;
    this.#truncated = true;
    const collector = new IssueCollector();
    collector.limitReached(limit, value);
    this.#issues.push(...collector.issues());
  }

  /** The combined result. */
  result(): ValidationResult {
    const valid = !this.#issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
    return { valid, issues: this.#issues, truncated: this.#truncated, profiles: [...this.#profiles], recordCount: this.#records.length, records: this.#records };
  }
}

/** Validates NDJSON text (one resource per line); `clock` as for {@link NdjsonAccumulator}. */
export function validateNdjson(validator: Validator, text: string, options: ValidateOptions = {}, clock?: () => number): ValidationResult {
  const acc = new NdjsonAccumulator(validator, options, clock);
  let start = 0;
  let index = 0;
  while (start <= text.length && !acc.truncated) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    acc.add(text.slice(start, end).replace(/\r$/, ''), index++);
    start = end + 1;
  }
  return acc.result();
}
