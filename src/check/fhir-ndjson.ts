/**
 * The one FHIR NDJSON validator (FHIR Bulk Data: one resource per line), used alike for a whole text
 * and for a stream of lines. Each line is one record: read under the record limits (bytes, depth),
 * validated by the engine, its issues and records prefixed with the line index (`/3/name/0`) and
 * placed on the file's line. Only issues (capped) and record references are kept, never resources.
 * @module
 */
import type { Validator } from '../fhir/validator/create-validator.js';
import { parseJson, ParsedJsonText } from '../input/json-text.js';
import type { NdjsonLine } from '../input/ndjson-lines.js';
import { IssueCollector, type IssueInput } from '../issues/collector.js';
import { issueCodes } from '../issues/codes/index.js';
import type { Issue } from '../issues/issue.js';
import { renderMessage } from '../issues/render-message.js';
import { isValid } from '../issues/validity.js';
import type { RecordRef, ValidateOptions, ValidationResult } from '../validation-result.js';

/** Record limits of NDJSON. */
export interface NdjsonLimits {
  /** A line longer than this many bytes is reported (`input.too-large`) and skipped. */
  readonly maxRecordBytes: number;
  /** A line nested deeper than this is reported (`input.too-deep`) and not parsed. */
  readonly maxDepth: number;
}

/** Clock of the whole-body time budget (`timeBudgetMs`), in milliseconds; default `performance.now`. */
export type NdjsonClock = () => number;

/**
 * An issue whose message names a line of the record's own text (`input.invalid-json`: "at line 1,
 * column 51") names the line of the file instead, so that its text agrees with its position.
 */
function onFileLine(issue: Issue, index: number): Issue {
  const def = issueCodes[issue.code];
  const at = issue.params['line'];
  if (!def?.template.includes('{line}') || typeof at !== 'number') return issue;
  const params = { ...issue.params, line: index + at };
  return { ...issue, params, message: renderMessage(def.template, params) };
}

/** Accumulates the lines of one NDJSON payload into one result. */
export class NdjsonRecords {
  readonly #issues: Issue[] = [];
  readonly #records: RecordRef[] = [];
  readonly #profiles = new Set<string>();
  readonly #max: number;
  readonly #clock: NdjsonClock;
  readonly #deadline: number;
  #truncated = false;

  /**
   * `options.maxIssues` caps the issues of the whole body and `options.timeBudgetMs` bounds the
   * time of the whole body (from construction): at either, reading stops with `engine.limit-reached`.
   */
  constructor(
    private readonly validator: Validator,
    private readonly options: ValidateOptions,
    private readonly limits: NdjsonLimits,
    clock: NdjsonClock = () => performance.now(),
  ) {
    this.#max = options.maxIssues ?? 10_000;
    this.#clock = clock;
    this.#deadline = options.timeBudgetMs === undefined ? Infinity : clock() + options.timeBudgetMs;
  }

  /** True once the issue cap or the time budget has been reached: the caller stops reading. */
  get done(): boolean {
    return this.#truncated;
  }

  /** Validates one line (blank lines are skipped). */
  add(line: NdjsonLine): void {
    if (this.#truncated) return;
    if (this.#clock() > this.#deadline) {
      this.#limitReached('timeBudgetMs', this.options.timeBudgetMs ?? 0);
      return;
    }
    const at = {
      pointer: `/${line.index}`,
      expression: '',
      position: { line: line.index + 1, column: 1 },
    };
    if ('problem' in line) {
      this.#problem(
        line.problem === 'invalid-utf8'
          ? { code: 'input.invalid-utf8', ...at }
          : { code: 'input.too-large', params: { limit: this.limits.maxRecordBytes }, ...at },
      );
      return;
    }
    const text = line.text;
    if (text.trim() === '') return;
    // the depth limit read from the parsed value (the text is scanned only past it), as for a
    // JSON document; the validator takes the parse
    const parsed = parseJson(text, this.limits.maxDepth);
    if ('tooDeep' in parsed) {
      this.#problem({
        code: 'input.too-deep',
        params: { limit: this.limits.maxDepth },
        ...at,
        position: { line: line.index + 1, column: parsed.tooDeep.column },
      });
      return;
    }
    const r = this.validator.validate(new ParsedJsonText(text, parsed), this.options);
    for (const p of r.profiles) this.#profiles.add(p);
    for (const rec of r.records ?? [])
      this.#records.push({ ...rec, pointer: `/${line.index}${rec.pointer}` });
    for (const i of r.issues) {
      if (
        !this.#push({
          ...onFileLine(i, line.index),
          pointer: `/${line.index}${i.pointer}`,
          position: {
            line: line.index + 1,
            column: i.position?.line === 1 ? i.position.column : 1,
          },
        })
      )
        break;
    }
    if (r.truncated) this.#truncated = true;
  }

  /**
   * Validates every line until the end or a limit, giving the event loop a macrotask turn every
   * `yieldEveryMs` (so that a service keeps answering other requests meanwhile).
   */
  async addAll(
    lines: AsyncIterable<NdjsonLine> | Iterable<NdjsonLine>,
    yieldEveryMs = 10,
  ): Promise<void> {
    let lastYield = this.#clock();
    for await (const line of lines) {
      this.add(line);
      if (this.#truncated) return;
      if (this.#clock() - lastYield >= yieldEveryMs) {
        await yieldToEventLoop();
        lastYield = this.#clock();
      }
    }
  }

  /** The combined result. */
  result(): ValidationResult {
    return {
      valid: isValid(this.#issues),
      issues: this.#issues,
      truncated: this.#truncated,
      profiles: [...this.#profiles],
      recordCount: this.#records.length,
      records: this.#records,
    };
  }

  #problem(input: IssueInput): void {
    const collector = new IssueCollector();
    collector.add(input);
    for (const i of collector.issues()) this.#push(i);
  }

  #limitReached(limit: string, value: number): void {
    if (this.#truncated) return;
    const collector = new IssueCollector();
    collector.limitReached(limit, value);
    this.#issues.push(...collector.issues());
    this.#truncated = true;
  }

  #push(issue: Issue): boolean {
    if (this.#truncated) return false;
    if (this.#issues.length >= this.#max) {
      this.#limitReached('maxIssues', this.#max);
      return false;
    }
    this.#issues.push(issue);
    return true;
  }
}

/**
 * The lines of an NDJSON text, as {@link ndjsonLines} yields them from bytes (LF or CRLF; a trailing
 * break adds no line), so that a whole text and a stream give the same records.
 */
export function* ndjsonTextLines(text: string, maxRecordBytes: number): Generator<NdjsonLine> {
  let start = 0;
  let index = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line =
      text.charCodeAt(end - 1) === 0x0d && end > start
        ? text.slice(start, end - 1)
        : text.slice(start, end);
    if (line.length * 3 > maxRecordBytes && utf8Length(line) > maxRecordBytes)
      yield { index, problem: 'too-large', bytes: utf8Length(line) };
    else yield { index, text: line };
    index++;
    start = end + 1;
  }
}

/** A macrotask turn: lets timers and I/O (other requests) run. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
