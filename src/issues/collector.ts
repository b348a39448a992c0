import { isValid } from './validity.js';
import { issueCodes, type IssueParamsOf, type ReportableCode } from './codes/index.js';
import type { Issue, IssueParams, IssueRule, Position, Severity } from './issue.js';
import { comparePointers } from './compare-pointers.js';
import { renderMessage } from './render-message.js';

/** What a check hands to the collector; message and default severity come from the registry. */
export interface IssueInput {
  readonly code: string;
  readonly expression: string;
  readonly pointer: string;
  readonly params?: IssueParams;
  /** Overrides the registry default (e.g. an invariant's own severity). */
  readonly severity?: Severity;
  readonly rule?: IssueRule;
  readonly position?: Position;
  readonly requirements?: readonly string[];
}

/** Options of a collector. */
export interface CollectorOptions {
  /** Stop recording after this many issues (an `engine.limit-reached` issue is added). Default 10,000. */
  readonly maxIssues?: number;
  /**
   * Keep payload values in messages and params (the registry's `valueParams`). Default false: they
   * read `[value]`, so that messages name the element and the rule, never the data.
   */
  readonly showValues?: boolean;
}

/** What a hidden payload value reads as. */
export const hiddenValue = '[value]';

/**
 * Collects issues for one validation: fills messages from the registry, removes duplicates and
 * enforces `maxIssues`. Checks never build messages or push to arrays themselves.
 */
export class IssueCollector {
  readonly #max: number;
  readonly #showValues: boolean;
  /** Messages recorded, by code and pointer (one message, or several): duplicates are dropped. */
  readonly #seen = new Map<string, string | string[]>();
  readonly #issues: Issue[] = [];
  #truncated = false;

  constructor(options: CollectorOptions = {}) {
    this.#max = options.maxIssues ?? 10_000;
    this.#showValues = options.showValues === true;
  }

  /**
   * Records one issue. Unknown codes are a programming error and throw. With a literal code, the
   * params are typed from the code's registry template (see `IssueParamsOf`).
   */
  add<C extends string>(
    input: IssueInput & { readonly code: ReportableCode<C>; readonly params?: IssueParamsOf<C> },
  ): void {
    if (this.#truncated) return;
    const def = issueCodes[input.code];
    if (!def) throw new Error(`Issue code not in the registry: ${input.code}`);
    const params =
      this.#showValues || !def.valueParams
        ? (input.params ?? {})
        : hideValues(input.params ?? {}, def.valueParams);
    const message = renderMessage(def.template, params);
    // keyed by code and pointer, the message compared apart: hashing the message costs more
    const key = `${input.code}\u0000${input.pointer}`;
    const seen = this.#seen.get(key);
    if (seen === undefined) this.#seen.set(key, message);
    else if (seen === message || (typeof seen !== 'string' && seen.includes(message))) return;
    else if (typeof seen === 'string') this.#seen.set(key, [seen, message]);
    else seen.push(message);
    if (this.#issues.length >= this.#max) {
      this.#truncated = true;
      this.#issues.push(
        makeIssue('engine.limit-reached', '', '', { limit: 'maxIssues', value: this.#max }),
      );
      return;
    }
    // optional fields assigned in the same order as before (no spread of a temporary object each)
    const issue: Mutable<Issue> = {
      code: input.code,
      severity: input.severity ?? def.severity,
      message,
      expression: input.expression,
      pointer: input.pointer,
      params,
    };
    if (input.rule) issue.rule = input.rule;
    if (input.position) issue.position = input.position;
    if (input.requirements && input.requirements.length) issue.requirements = input.requirements;
    this.#issues.push(issue);
  }

  /** Marks the result as cut short by a limit other than maxIssues (time, depth). */
  limitReached(limit: string, value: number | string): void {
    if (this.#truncated) return;
    this.#truncated = true;
    this.#issues.push(makeIssue('engine.limit-reached', '', '', { limit, value }));
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  get size(): number {
    return this.#issues.length;
  }

  /** True when an error or fatal issue has been recorded. */
  hasErrors(): boolean {
    return !isValid(this.#issues);
  }

  /** The issues in a stable order: by pointer (document order of indexes), then code. */
  issues(): Issue[] {
    return sortIssues(this.#issues);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function hideValues(params: IssueParams, names: readonly string[]): IssueParams {
  const out: Record<string, IssueParams[string]> = { ...params };
  for (const name of names)
    if (Object.prototype.hasOwnProperty.call(out, name)) out[name] = hiddenValue;
  return out;
}

function makeIssue(code: string, expression: string, pointer: string, params: IssueParams): Issue {
  const def = issueCodes[code]!;
  return {
    code,
    severity: def.severity,
    message: renderMessage(def.template, params),
    expression,
    pointer,
    params,
  };
}

/**
 * Sorts issues by pointer (numeric-aware, so /entry/2 precedes /entry/10: the order of
 * `Intl.Collator('en', { numeric: true })`, see {@link comparePointers}), then by code.
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  if (issues.length < 2) return [...issues];
  // made only when a pair of pointers needs it: building a collator loads ICU collation data
  let made: Intl.Collator | undefined;
  const collator = (): Intl.Collator => (made ??= new Intl.Collator('en', { numeric: true }));
  return [...issues].sort(
    (a, b) =>
      // no `===` first: pointers are built by concatenation, and V8 compares two such strings of one
      // length in its runtime (walking both trees) while comparePointers' character reads flatten
      // each once; it answers 0 for equal pointers
      comparePointers(a.pointer, b.pointer, collator) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
