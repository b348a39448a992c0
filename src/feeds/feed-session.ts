/**
 * One validation of a feed, fed record by record by a reader (CSV, JSON, NDJSON): schema validation
 * with the precompiled validator, defined-list normalisation, England rules and the checks, with
 * every issue located (pointer `/<index>/<Field>`, expression `Row[<index>].<Field>`, and the
 * reader's line/column). Keeps only what the cross-record checks need, never whole rows.
 * @module
 */
import { pointerToExpression, schemaErrorsToIssues } from '../issues/schema-errors.js';
import { IssueCollector } from '../issues/collector.js';
import type { IssueInput } from '../issues/collector.js';
import type { IssueParams, Position, Severity } from '../issues/issue.js';
import type { RecordRef, ValidationResult } from '../validation-result.js';
import type { FeedCheck, FeedLocation, RecordReporter } from './feed-check.js';
import type {
  DataQualityAccumulator,
  FeedCheckOptions,
  FeedDefinition,
} from './feed-definition.js';
import { firstToken } from './feed-definition.js';
import { NormalisationNotes } from './normalisation-notes.js';
import { createListMatchers, normaliseListValues } from './normalise-list-values.js';
import type { ListMatchers } from './normalise-list-values.js';

/** Options of a feed session. */
export interface FeedSessionOptions extends FeedCheckOptions {
  /** Stop recording after this many issues. Default 10,000. */
  readonly maxIssues?: number;
  /** Stop reading after this many milliseconds (by `clock`): `engine.limit-reached`, partial result. Default: none. */
  readonly timeBudgetMs?: number;
  /** Monotonic milliseconds for the time budget; default `performance.now()`. */
  readonly clock?: () => number;
  /** Quote payload values (cells, column names, parser errors) in messages and params. Default false. */
  readonly showValues?: boolean;
}

/** Records between two looks at the clock. */
const clockEvery = 32;

/** Where a record sits and how to find positions inside it. */
export interface RecordSource {
  /** 0-based record index (CSV data row, JSON array item, NDJSON record). */
  readonly index: number;
  /** JSON pointer of the record: `/<index>`, or `''` for a single JSON object. */
  readonly pointer: string;
  /** Line/column of a point of the record (relative pointer), when the reader knows it. */
  readonly locate?: (relPointer: string) => Position | undefined;
}

/** Accumulates issues and cross-record state while a reader hands over records. */
export class FeedSession {
  readonly notes = new NormalisationNotes();
  readonly #def: FeedDefinition;
  readonly #collector: IssueCollector;
  readonly #checks: FeedCheck[];
  readonly #matchers: ListMatchers;
  readonly #records: RecordRef[] = [];
  readonly #skipRequired = new Set<string>();
  readonly #quality: DataQualityAccumulator | undefined;
  readonly #clock: () => number;
  readonly #budget: number | undefined;
  readonly #deadline: number;
  #sinceClock = 0;

  constructor(def: FeedDefinition, options: FeedSessionOptions = {}) {
    this.#def = def;
    this.#clock = options.clock ?? (() => performance.now());
    this.#budget = options.timeBudgetMs;
    this.#deadline =
      options.timeBudgetMs === undefined ? Infinity : this.#clock() + options.timeBudgetMs;
    this.#collector = new IssueCollector({
      ...(options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues }),
      ...(options.showValues ? { showValues: true } : {}),
    });
    const withColumns = { ...options, missingColumns: this.#skipRequired };
    this.#checks = def.createChecks(withColumns);
    this.#quality = def.createDataQuality?.(withColumns);
    this.#matchers = createListMatchers(def.fields);
  }

  /** The feed being validated. */
  get definition(): FeedDefinition {
    return this.#def;
  }

  /**
   * True once `maxIssues` or the time budget has been reached (`engine.limit-reached` recorded):
   * readers stop reading, and the result is partial.
   */
  get truncated(): boolean {
    return this.#collector.truncated;
  }

  /** Looks at the clock every few records; past the deadline the session is truncated. */
  #tick(): void {
    if (++this.#sinceClock < clockEvery || this.#budget === undefined) return;
    this.#sinceClock = 0;
    if (this.#clock() > this.#deadline) this.#collector.limitReached('timeBudgetMs', this.#budget);
  }

  /** Records a reader-level issue (malformed CSV, unknown column ...). */
  addIssue(input: IssueInput): void {
    this.#collector.add(input);
  }

  /** Per-row `jsonschema.required` for these fields is not reported (the CSV lacks the whole column). */
  skipRequired(field: string): void {
    this.#skipRequired.add(field);
  }

  /** A reporter for a record, for readers that report on it before validation (normalisation notes). */
  reporter(source: RecordSource): RecordReporter {
    const locate = (relPointer: string): FeedLocation => {
      const position = source.locate?.(relPointer);
      return {
        pointer: `${source.pointer}${relPointer}`,
        expression: `Row[${source.index}]${pointerToExpression(relPointer)}`,
        ...(position ? { position } : {}),
      };
    };
    return {
      index: source.index,
      locate,
      report: (
        code: string,
        relPointer: string,
        params: IssueParams = {},
        requirements: readonly string[] = [],
        severity?: Severity,
      ) => {
        const where = locate(relPointer);
        this.#collector.add({
          code,
          params,
          pointer: where.pointer,
          expression: where.expression,
          ...(where.position ? { position: where.position } : {}),
          ...(requirements.length ? { requirements } : {}),
          ...(severity ? { severity } : {}),
        });
      },
    };
  }

  /** Counts a record that could not be read (its issue is already reported). */
  addUnreadable(source: RecordSource): void {
    this.#tick();
    this.#records.push({ pointer: source.pointer, type: this.#def.recordType });
  }

  /** Validates one record. `at` may be passed when the reader already built the reporter. */
  addRecord(
    value: unknown,
    source: RecordSource,
    at: RecordReporter = this.reporter(source),
  ): void {
    this.#tick();
    const key = recordKey(value, this.#def.recordKey);
    this.#records.push(
      key === undefined
        ? { pointer: source.pointer, type: this.#def.recordType }
        : { pointer: source.pointer, type: this.#def.recordType, key },
    );
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      at.report('feed.record-not-object', '', {
        found: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value,
      });
      return;
    }
    const release1 = new Set<string>();
    const record = normaliseListValues(
      this.#withoutBlanks(value as Record<string, unknown>),
      this.#matchers,
      this.notes,
      at,
      release1,
    );
    this.#schema(record, source);
    for (const check of this.#checks) check.check(record, at);
    this.#quality?.row(record, release1, at);
  }

  /** The record without fields whose text means blank (`blankValues`); the input is never changed. */
  #withoutBlanks(record: Record<string, unknown>): Record<string, unknown> {
    const blanks = this.#def.blankValues;
    if (!blanks?.length) return record;
    let out: Record<string, unknown> | undefined;
    for (const [key, v] of Object.entries(record)) {
      if (typeof v !== 'string' || !blanks.includes(v.trim())) continue;
      out ??= { ...record };
      delete out[key];
    }
    return out ?? record;
  }

  #schema(record: Record<string, unknown>, source: RecordSource): void {
    const validate = this.#def.validate;
    if (validate(record)) return;
    const inputs = schemaErrorsToIssues(validate.errors, {
      pointerPrefix: source.pointer,
      expressionPrefix: `Row[${source.index}]`,
      schema: this.#def.schemaFile,
    });
    for (const input of inputs) {
      const rel = input.pointer.slice(source.pointer.length);
      if (
        input.code === 'jsonschema.required' &&
        this.#skipRequired.has(firstToken(rel)) &&
        rel.lastIndexOf('/') === 0
      )
        continue;
      const requirements = this.#def.requirementsFor(
        rel,
        input.code,
        input.rule?.schemaPath?.slice(this.#def.schemaFile.length),
      );
      const position = source.locate?.(rel);
      this.#collector.add({
        ...input,
        ...(position ? { position } : {}),
        ...(requirements.length ? { requirements } : {}),
      });
    }
  }

  /** Runs the final cross-record checks and returns the result. */
  finish(): ValidationResult {
    const add = (input: IssueInput): void => this.#collector.add(input);
    for (const check of this.#checks) check.finish?.(add);
    this.notes.flush(add);
    if (this.#records.length === 0 && !this.#collector.hasErrors())
      add({ code: 'feed.empty', pointer: '', expression: '' });
    return {
      valid: !this.#collector.hasErrors(),
      issues: this.#collector.issues(),
      truncated: this.#collector.truncated,
      profiles: [this.#def.schemaId],
      recordCount: this.#records.length,
      records: this.#records,
      ...(this.#quality ? { dataQuality: this.#quality.result() } : {}),
    };
  }
}

/** The record's key field as text (a string, or a number as written in JSON), if present. */
function recordKey(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = (value as Record<string, unknown>)[field];
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw.trim();
  return typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;
}
