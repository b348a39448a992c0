/**
 * Answers with an OperationOutcome built from issues through the one mapping
 * (issues/to-operation-outcome.ts).
 * @module
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IssueCollector, type IssueInput } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { operationOutcomeJson } from '../issues/operation-outcome-json.js';
import { toOperationOutcome } from '../issues/to-operation-outcome.js';
import { toFhirXml } from '../reports/validation/operation-outcome-xml.js';

/** Media type of FHIR JSON responses. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Renders issue inputs into issues (messages from the registry), in the collector's stable order. */
export function renderIssues(inputs: readonly IssueInput[]): Issue[] {
  const collector = new IssueCollector();
  for (const input of inputs) collector.add(input);
  return collector.issues();
}

/** A FHIR JSON response. */
export function fhirJson(
  c: Context,
  status: ContentfulStatusCode,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': FHIR_JSON, ...headers });
}

/** Media type of FHIR XML responses. */
export const FHIR_XML = 'application/fhir+xml; charset=utf-8';

const xmlType = /^(application\/fhir\+xml|application\/xml|text\/xml|xml)$/;
const jsonType = /^(application\/fhir\+json|application\/json|json)$/;

/**
 * True when the client asks for FHIR XML: `_format` (`xml`, `application/fhir+xml`…) first; else
 * the first FHIR type named in `Accept`; else (no preference, or `*\/*`) the request's own
 * content type, as FHIR servers answer in the format they were sent.
 */
export function prefersXml(c: Context): boolean {
  const format = c.req.query('_format')?.trim().toLowerCase();
  if (format) return xmlType.test(format);
  const accepted = (c.req.header('accept') ?? '')
    .split(',')
    .map((part) => part.split(';', 1)[0]!.trim().toLowerCase())
    .find((t) => xmlType.test(t) || jsonType.test(t));
  if (accepted) return xmlType.test(accepted);
  return xmlType.test((c.req.header('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase());
}

/** The OperationOutcome of `issues` as a response body: FHIR XML or FHIR JSON, with its content type. */
export function renderOutcome(
  issues: readonly Issue[],
  xml: boolean,
): { readonly body: string; readonly contentType: string } {
  return xml
    ? {
        body: toFhirXml(toOperationOutcome(issues) as unknown as Record<string, unknown>),
        contentType: FHIR_XML,
      }
    : { body: operationOutcomeJson(issues), contentType: FHIR_JSON };
}

/** An OperationOutcome response for the given issues: FHIR XML when the client asks for it ({@link prefersXml}), else FHIR JSON. */
export function outcomeResponse(
  c: Context,
  status: ContentfulStatusCode,
  issues: readonly Issue[],
  headers: Readonly<Record<string, string>> = {},
): Response {
  const { body, contentType } = renderOutcome(issues, prefersXml(c));
  return c.body(body, status, { 'Content-Type': contentType, ...headers });
}
