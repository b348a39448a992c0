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
  /** Social-care returns: the national data-quality outcome of every field (counts per field). */
  readonly dataQuality?: DataQualityView;
}

/** One record of a payload: a resource (type = resourceType) or a feed row (type = feed record kind). */
export interface RecordRef {
  /** JSON pointer of the record in the payload (`''`, `/entry/3/resource`, `/contained/0`, or `/17` for row 17). */
  readonly pointer: string;
  /** `Patient`, `Observation`, … or a feed record kind such as `cld-event`. */
  readonly type: string;
  /**
   * The record's own identity, when it has one: a Bundle entry's `fullUrl`, else `resourceType/id`;
   * a feed row's record key (CLD `Event_Reference`, CIN `LAchildID`). Baselines and SARIF
   * fingerprints follow it (hashed), so an issue keeps its identity when records move. Payload-chosen:
   * never store or log it.
   */
  readonly key?: string;
  /**
   * Milliseconds the engine spent validating this record itself (records nested in it, such as a
   * Bundle's entries, excluded), measured with `performance.now()`; absent where not measured (feed
   * rows). Only the JUnit report shows it; other reports leave it out so that they stay identical
   * from run to run.
   */
  readonly ms?: number;
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
  /**
   * Value-set membership the offline terminology cannot decide, for slice matching (slices
   * discriminated by a binding to a SNOMED CT value set): answers from a terminology server, and a
   * callback for each question asked. Set by the checker's terminology-server pass.
   */
  readonly membership?: MembershipAnswers;
}

/** One code asked about: a value set and a coding (system optional for a bare code). */
export interface MembershipQuestion {
  readonly valueSet: string;
  readonly system?: string;
  readonly code: string;
}

/** See {@link ValidateOptions.membership}. */
export interface MembershipAnswers {
  /** The known answer (true: a member; false: not a member), or undefined when not known. */
  answer(question: MembershipQuestion): boolean | undefined;
  /** Called for each question slice matching could not answer (offline or from `answer`). */
  ask?(question: MembershipQuestion): void;
}

/** National data-quality outcome of one field on one row (DHSC's `chk_` labels). */
export type FieldOutcome =
  | 'Passed: Valid'
  | 'Passed: Blank (Not Mandatory)'
  | 'Failed: Blank (Mandatory)'
  | 'Failed: Invalid'
  | 'Failed: Release 1';

/** The outcomes, in DHSC's order. */
export const fieldOutcomes: readonly FieldOutcome[] = [
  'Passed: Valid',
  'Passed: Blank (Not Mandatory)',
  'Failed: Blank (Mandatory)',
  'Failed: Invalid',
  'Failed: Release 1',
];

/**
 * Counts of one field over the rows of a submission: how often it was mandatory, applicable, not
 * applicable or undetermined (DHSC's `cond_`), and each outcome (`chk_`). Counts only, never values.
 */
export interface FieldQuality {
  /** DHSC module label (`Person details`, `Events (services only)`, …). */
  readonly module: string;
  readonly field: string;
  readonly mandatory: number;
  readonly applicable: number;
  readonly notApplicable: number;
  readonly undetermined: number;
  readonly passedValid: number;
  readonly passedBlank: number;
  readonly failedBlank: number;
  readonly failedInvalid: number;
  readonly failedRelease1: number;
}

/** The national data-quality view of a social-care return: one entry per field, in the dataset's order. */
export interface DataQualityView {
  /** `cld`. */
  readonly dataset: string;
  /** The specification release applied (CLD: 1 or 2). */
  readonly release: number;
  /** Why that release: given by the caller or partner policy, or detected from values, header or period. */
  readonly releaseBasis: 'option' | 'values' | 'header' | 'period' | 'default';
  readonly fields: readonly FieldQuality[];
}
