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
}
