/**
 * Shared helpers of the server tests: one base-R4 validator per test file, request shorthands and
 * OperationOutcome readers (codes, severities, expressions, line/column: never message text).
 */
import {
  createValidator,
  type Validator,
  type ValidatorOptions,
} from '../../src/fhir/validator/create-validator.js';
import type { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { loadPackRegistry } from '../../src/node/load-pack-registry.js';

let registry: CanonicalRegistry | undefined;

/** The base registry (from the pack when built, else node_modules), loaded once per file. */
export function baseRegistry(): CanonicalRegistry {
  registry ??= loadPackRegistry().registry;
  return registry;
}

/** A validator over the base registry. */
export function baseValidator(options: Omit<ValidatorOptions, 'registry'> = {}): Validator {
  return createValidator({ ...options, registry: baseRegistry() });
}

/** An OperationOutcome issue as answered. */
export interface OutcomeIssue {
  readonly severity: string;
  readonly code: string;
  readonly expression?: string[];
  readonly extension?: { url: string; valueInteger?: number; valueString?: string }[];
  readonly details?: { coding?: { system: string; code: string }[] };
}

/** The OperationOutcome of a response. */
export async function outcomeOf(
  res: Response,
): Promise<{ resourceType: string; issue: OutcomeIssue[] }> {
  return (await res.json()) as { resourceType: string; issue: OutcomeIssue[] };
}

/** The MDSS issue code of an OperationOutcome issue (message-id extension). */
export function mdssCode(issue: OutcomeIssue): string | undefined {
  return issue.extension?.find((e) => e.url.endsWith('operationoutcome-message-id'))?.valueString;
}

/** Line and column extensions of an issue. */
export function lineCol(issue: OutcomeIssue): { line?: number; column?: number } {
  const line = issue.extension?.find((e) =>
    e.url.endsWith('operationoutcome-issue-line'),
  )?.valueInteger;
  const column = issue.extension?.find((e) =>
    e.url.endsWith('operationoutcome-issue-col'),
  )?.valueInteger;
  return { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
}

/** The MDSS codes of an OperationOutcome. */
export function codesOf(outcome: { issue: OutcomeIssue[] }): string[] {
  return outcome.issue.map(mdssCode).filter((c): c is string => c !== undefined);
}

/** A POST with a content type. */
export function post(
  body: BodyInit,
  contentType = 'application/fhir+json',
  headers: Record<string, string> = {},
): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body };
}

/** A valid minimal Patient (synthetic). */
export const validPatient = {
  resourceType: 'Patient',
  text: {
    status: 'generated',
    div: '<div xmlns="http://www.w3.org/1999/xhtml">Test patient</div>',
  },
  gender: 'female',
  birthDate: '1970-01-01',
};
