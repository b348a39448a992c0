/**
 * The issue model: what every check in MDSS reports. Issue codes are public API (see codes/).
 * @module
 */

/** Severity, as FHIR's `OperationOutcome.issue.severity`. */
export type Severity = 'fatal' | 'error' | 'warning' | 'information';

/** Ordering used by `--fail-on` and sorting: higher is worse. */
export const severityRank: Readonly<Record<Severity, number>> = {
  information: 0,
  warning: 1,
  error: 2,
  fatal: 3,
};

/** Where a rule came from: the profile (canonical|version), the ElementDefinition id, the constraint key. */
export interface IssueRule {
  readonly profile?: string;
  readonly elementId?: string;
  readonly constraintKey?: string;
  /** JSON Schema keyword location, for feed issues. */
  readonly schemaPath?: string;
}

/** A line/column position in the source text (1-based). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Parameters of an issue: typed per code in the registry, always plain JSON values. */
export type IssueParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One finding. Tests and partners rely on `code`, `severity`, `expression` and `pointer`;
 * `message` is rendered English text and may change between releases.
 */
export interface Issue {
  /** Stable kebab-case code, `family.condition` (e.g. `cardinality.too-few`). */
  readonly code: string;
  readonly severity: Severity;
  /** Rendered from the registry template. Never stored for reports (it may hold payload values). */
  readonly message: string;
  /** FHIRPath as the HL7 Java validator writes it (`Patient.name[0].family`); for feeds, `Row[3].NHS_Number`. */
  readonly expression: string;
  /** RFC 6901 JSON pointer into the payload (`/name/0/family`); for CSV, `/3/NHS_Number` (row index from 0). */
  readonly pointer: string;
  readonly params: IssueParams;
  readonly rule?: IssueRule;
  /** Line/column in the source text (JSON) or row/column (CSV, 1-based, header is row 1). */
  readonly position?: Position;
  /** Requirement ids of the framework this issue bears on (MDS-02 …). */
  readonly requirements?: readonly string[];
  /** Set by partner policy when the issue is waived; waived issues never make a result invalid. */
  readonly waived?: { readonly reason: string; readonly until?: string };
}
