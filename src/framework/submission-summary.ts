/**
 * What is kept of a submission: counts per requirement, issue code and element path. Never values
 * from the payload (no names, NHS numbers, dates of birth, free text). The store persists exactly this.
 * @module
 */

/** Outcome of one requirement over the records of one submission. */
export interface RequirementOutcome {
  readonly requirementId: string;
  /** Records the requirement applied to. */
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  /** Records whose only failures for this requirement were waived by policy. */
  readonly waived: number;
}

/** Issues aggregated by code and element path (the FHIRPath expression with indexes removed). */
export interface IssueAggregate {
  readonly code: string;
  /** `Patient.identifier.value`, `Row.NHS_Number`: no indexes, no values. */
  readonly path: string;
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly count: number;
  readonly requirements: readonly string[];
  readonly waived: number;
}

/** Everything a report needs from one submission. */
export interface SubmissionSummary {
  readonly partnerId: string;
  /** `fhir`, `cld`, `cin`, `pull`, … */
  readonly feed: string;
  /** `upload` (POST or CLI) or `pull` (federated check). */
  readonly kind: 'upload' | 'pull';
  readonly frameworkVersion: string;
  readonly validatorVersion: string;
  /** FHIR packages applied, `name#version`. */
  readonly packages: readonly string[];
  /** SHA-256 of the payload bytes, hex. */
  readonly payloadHash: string;
  readonly payloadSize: number;
  readonly recordCount: number;
  /** Record counts by type (`Patient`: 12, `cld-event`: 4000). */
  readonly recordTypes: Readonly<Record<string, number>>;
  /** ISO instant the submission was received. */
  readonly receivedAt: string;
  readonly durationMs: number;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly requirements: readonly RequirementOutcome[];
  readonly issues: readonly IssueAggregate[];
  /** Must-support coverage: element path → records where populated / records of that type. */
  readonly mustSupport?: readonly { readonly path: string; readonly populated: number; readonly total: number }[];
}
