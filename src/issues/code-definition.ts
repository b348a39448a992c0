import type { Severity } from './issue.js';

/**
 * FHIR `IssueType` codes (http://hl7.org/fhir/R4/valueset-issue-type.html) used by the mapping to
 * OperationOutcome.
 */
export type FhirIssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'not-supported'
  | 'duplicate'
  | 'multiple-matches'
  | 'not-found'
  | 'too-long'
  | 'code-invalid'
  | 'extension'
  | 'too-costly'
  | 'business-rule'
  | 'conflict'
  | 'incomplete'
  | 'processing'
  | 'exception'
  | 'transient'
  | 'informational';

/** One registry entry. The `template` uses `{param}` placeholders filled from `Issue.params`. */
export interface CodeDefinition {
  readonly severity: Severity;
  readonly fhirIssueType: FhirIssueType;
  readonly template: string;
  readonly spec?: string;
  readonly since: string;
  /**
   * Params that can quote the payload's own values or names (a parser's or FHIRPath engine's error
   * text, a cell value, a column or property name). They are replaced by `[value]` in the message
   * and the params unless the caller asked for values (`showValues`): CI logs and HTTP responses
   * name the element and the rule, not the data.
   */
  readonly valueParams?: readonly string[];
  /**
   * The check is a heuristic (a usual shape, not a published rule): its issues are warnings at most
   * and never decide a MUST requirement's status (see src/framework/requirement-outcomes.ts).
   */
  readonly heuristic?: true;
}

/** A family of codes, one file per family under `codes/`. */
export type CodeFamily = Readonly<Record<string, CodeDefinition>>;
