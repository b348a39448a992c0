/**
 * Answers with an OperationOutcome built from issues through the one mapping
 * (issues/to-operation-outcome.ts).
 * @module
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IssueCollector, type IssueInput } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { toOperationOutcome } from '../issues/to-operation-outcome.js';

/** Media type of FHIR JSON responses. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Renders issue inputs into issues (messages from the registry), in the collector's stable order. */
export function renderIssues(inputs: readonly IssueInput[]): Issue[] {
  const collector = new IssueCollector();
  for (const input of inputs) collector.add(input);
  return collector.issues();
}

/** A FHIR JSON response. */
export function fhirJson(c: Context, status: ContentfulStatusCode, body: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': FHIR_JSON, ...headers });
}

/** An OperationOutcome response for the given issues. */
export function outcomeResponse(c: Context, status: ContentfulStatusCode, issues: readonly Issue[], headers: Readonly<Record<string, string>> = {}): Response {
  return fhirJson(c, status, toOperationOutcome(issues), headers);
}
