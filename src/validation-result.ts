import type { Issue } from './issues/issue.js';

/**
 * What every validation returns, whatever the validity of the data. Never thrown.
 */
export interface ValidationResult {
  /** False when any issue (after policy) has severity error or fatal. */
  readonly valid: boolean;
  /** Sorted by pointer, then code: stable for diffs. */
  readonly issues: readonly Issue[];
  /** True when a limit (maxIssues, time budget, depth) cut validation short. */
  readonly truncated: boolean;
  /** Canonicals (`url|version`) of the profiles actually applied. */
  readonly profiles: readonly string[];
  /** Number of records checked: resources (Bundle entries and contained included) or feed rows. */
  readonly recordCount: number;
  /** Framework version the result was produced under, when the framework was applied. */
  readonly frameworkVersion?: string;
  /**
   * The records checked (root resource, Bundle entries, contained resources; or feed rows), so that
   * reports can count requirements per record. Issues belong to the record whose pointer is the
   * longest prefix of the issue's pointer.
   */
  readonly records?: readonly RecordRef[];
}

/** One record of a payload: a resource (type = resourceType) or a feed row (type = feed record kind). */
export interface RecordRef {
  /** JSON pointer of the record in the payload (`''`, `/entry/3/resource`, `/contained/0`, or `/17` for row 17). */
  readonly pointer: string;
  /** `Patient`, `Observation`, … or a feed record kind such as `cld-event`. */
  readonly type: string;
}

/** Per-call options of a validation. */
export interface ValidateOptions {
  /** Profiles (canonical url, `url|version`) to validate against, besides `meta.profile`. */
  readonly profiles?: readonly string[];
  /** Stop recording after this many issues. Default 10,000. */
  readonly maxIssues?: number;
  /** Maximum JSON nesting depth. Default 200. */
  readonly maxDepth?: number;
  /** Time budget in milliseconds; a partial result with `truncated` when exceeded. Default 30,000. */
  readonly timeBudgetMs?: number;
  /** Quote payload values in messages and params (parser and FHIRPath error texts). Default false: `[value]`. */
  readonly showValues?: boolean;
}
