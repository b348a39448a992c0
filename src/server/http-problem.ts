/**
 * The one exception type of the HTTP layer: a request problem with its status and the issues to
 * answer in an OperationOutcome. Thrown by routes and middleware, turned into a response only by
 * the error handler (middleware/on-error.ts).
 * @module
 */
import type { IssueInput } from '../issues/collector.js';

/** A request-level problem: an HTTP status plus the issues that explain it. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly issues: readonly IssueInput[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    issues: readonly IssueInput[],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(`HTTP ${status}: ${issues.map((i) => i.code).join(', ')}`);
    this.name = 'HttpProblem';
    this.status = status;
    this.issues = issues;
    this.headers = headers;
  }
}

/** A problem with one issue at the payload's root (no expression or pointer). */
export function httpProblem(
  status: number,
  code: string,
  params: IssueInput['params'] = {},
  headers: Readonly<Record<string, string>> = {},
): HttpProblem {
  return new HttpProblem(
    status,
    [{ code, expression: '', pointer: '', params: params ?? {} }],
    headers,
  );
}
