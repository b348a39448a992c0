/**
 * The contract between the feed session and its checks: a check sees one record at a time (already
 * schema-validated and normalised) and reports through a `RecordReporter`; checks that need other
 * records keep only what they need (ids, references, locations) and report in `finish`.
 * @module
 */
import type { IssueInput } from '../issues/collector.js';
import type { IssueParamsOf, ReportableCode } from '../issues/codes/index.js';
import type { Position, Severity } from '../issues/issue.js';

/** Where something is in the payload: pointer, expression and (when known) source position. */
export interface FeedLocation {
  readonly pointer: string;
  readonly expression: string;
  readonly position?: Position;
}

/** Reports issues about the current record; `relPointer` is relative to the record (`/Event_End_Date`). */
export interface RecordReporter {
  /** Index of the record in the feed (0-based; CSV data rows, JSON array items, NDJSON lines). */
  readonly index: number;
  /** Reports an issue at a point of the record; `params` are typed from the code's registry template. */
  report<C extends string>(
    code: ReportableCode<C>,
    relPointer: string,
    params?: IssueParamsOf<C>,
    requirements?: readonly string[],
    severity?: Severity,
  ): void;
  /** The location of a point of the record, for checks that report later. */
  locate(relPointer: string): FeedLocation;
}

/** One check of a feed: per record, plus an optional final pass over what it kept. */
export interface FeedCheck {
  check(record: Readonly<Record<string, unknown>>, at: RecordReporter): void;
  finish?(add: (input: IssueInput) => void): void;
}

/** Adds a location to issue input fields. */
export function issueAt(
  location: FeedLocation,
  input: Omit<IssueInput, 'pointer' | 'expression' | 'position'>,
): IssueInput {
  return {
    ...input,
    pointer: location.pointer,
    expression: location.expression,
    ...(location.position ? { position: location.position } : {}),
  };
}

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The value when it is an ISO `YYYY-MM-DD` date string, else undefined (bad dates are the schema's job). */
export function dateValue(value: unknown): string | undefined {
  return typeof value === 'string' && isoDate.test(value) ? value : undefined;
}

/** The value when it is a non-empty string, else undefined. */
export function textValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
