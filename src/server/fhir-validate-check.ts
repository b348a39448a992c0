/**
 * The work of `$validate` once the request is read: body bytes in, issues out. Decodes the bytes
 * (strict UTF-8), parses them (FHIR JSON here, FHIR XML through the pipeline's parse stage), unwraps
 * a `Parameters` body, then runs the one pipeline (src/check) on the resource. It needs nothing of
 * the HTTP request, so the route runs it in the request's thread, or a pool thread runs it on the
 * bytes the route transfers (node-check-pool.ts): the same function either way.
 * @module
 */
import type { CheckOptions } from '../check/check-options.js';
import type { Checker } from '../check/create-checker.js';
import { fhirXmlMediaTypes } from '../check/fhir-xml-syntax.js';
import type { ParsedPayload } from '../check/fhir-syntaxes.js';
import {
  duplicatePropertyIssues,
  parseJson,
  ParsedJsonValue,
  type DuplicateProperty,
} from '../input/json-text.js';
import type { IssueInput } from '../issues/collector.js';
import { sortIssues } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { HttpProblem, httpProblem } from './http-problem.js';
import { countCodes } from './log-entry.js';
import { renderIssues, renderOutcome } from './outcome-response.js';
import { checkMode, readValidateRequest } from './read-validate-request.js';

/** What `$validate` checks: plain data, so it crosses to a pool thread (the bytes are transferred). */
export interface FhirValidateInput {
  /** The request body as read (at most the body limit). */
  readonly bytes: Uint8Array;
  /** The request's media type (one of the accepted FHIR JSON or XML types). */
  readonly media: string;
  /** The `{type}` of `/fhir/{type}/$validate`, already known to the registry; undefined for `/fhir/$validate`. */
  readonly type?: string;
  /** The pipeline options of the query (check-request.ts). */
  readonly options: CheckOptions;
  /** The `?mode=` query parameter. */
  readonly mode?: string;
  /** The JSON nesting limit. */
  readonly maxDepth: number;
  /**
   * Render the 200 answer too (an OperationOutcome as FHIR JSON or XML), where the check ran: a pool
   * thread then sends back one string instead of the issues.
   */
  readonly answer?: 'json' | 'xml';
}

/**
 * The answer: the status (200, or 400/422 when the issues say the request was not checkable), the
 * issues (or, for 200 with `answer` asked, the rendered OperationOutcome) and what the log records.
 */
export interface FhirValidateOutput {
  readonly status: 200 | 400 | 422;
  /** The issues, unless the answer was rendered. */
  readonly issues?: readonly Issue[];
  /** The OperationOutcome of a 200 when `answer` was asked, with its content type. */
  readonly rendered?: { readonly body: string; readonly contentType: string };
  readonly issueCount: number;
  readonly issueCodes: Readonly<Record<string, number>>;
  readonly recordCount: number;
  readonly truncated: boolean;
}

/** Issue codes that make the answer 400 (the request could not be read as a resource). */
const badRequestCodes = new Set([
  'input.invalid-json',
  'input.too-deep',
  'input.not-a-resource',
  'input.invalid-utf8',
]);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Checks a `$validate` body. Request problems found before the check (bad UTF-8, unreadable JSON
 * or XML, a bad `Parameters` or `mode`, an unknown profile) throw {@link HttpProblem}.
 */
export async function checkFhirValidate(
  checker: Checker,
  input: FhirValidateInput,
): Promise<FhirValidateOutput> {
  const { options, type } = input;
  let text: string;
  try {
    text = utf8.decode(input.bytes);
  } catch {
    throw httpProblem(400, 'input.invalid-utf8');
  }
  const { value, xml, duplicates } = await readPayload(checker, text, input, options);
  const request = readValidateRequest(value, type);
  checkMode(request.mode ?? input.mode);
  const profiles = [...(options.profiles ?? []), ...request.profiles];
  const unknown = profiles.filter((p) => !checker.validator.registry.structureDefinition(p));
  if (unknown.length > 0)
    throw new HttpProblem(
      422,
      unknown.map((profile) => ({
        code: 'profile.unresolved',
        expression: '',
        pointer: '',
        params: { profile },
      })),
    );
  // a JSON body's resource is what JSON.parse made: the walk reads its names as parsed text's
  const resource = xml ? request.resource : new ParsedJsonValue(request.resource);
  const { result } = await checker.checkResource(resource, {
    ...options,
    ...(profiles.length ? { profiles } : {}),
    source: { text, pointer: request.pointer, ...(xml ? { parsed: xml } : {}) },
  });
  let issues: Issue[] = [...result.issues];
  const mismatch = typeMismatch(request.resource, type);
  if (mismatch) issues = sortIssues([...renderIssues([mismatch]), ...issues]);
  if (duplicates) {
    // the body as read once above (the JSON is parsed once per request)
    const bodyType = (value as { resourceType?: unknown } | null)?.resourceType;
    const resourceType = typeof bodyType === 'string' ? bodyType : '';
    issues = sortIssues([
      ...renderIssues(duplicatePropertyIssues(duplicates, resourceType)),
      ...issues,
    ]);
  }
  const status = issues.some((i) => badRequestCodes.has(i.code))
    ? 400
    : issues.some(
          (i) => i.code === 'profile.unresolved' && profiles.includes(String(i.params['profile'])),
        )
      ? 422
      : 200;
  const counts = {
    issueCount: issues.length,
    issueCodes: countCodes(issues),
    recordCount: result.recordCount,
    truncated: result.truncated,
  };
  return status === 200 && input.answer !== undefined
    ? { status, rendered: renderOutcome(issues, input.answer === 'xml'), ...counts }
    : { status, issues, ...counts };
}

/**
 * The body as a value: FHIR XML through the pipeline's parse stage, JSON here (400 when
 * unreadable), with the JSON property names the body repeats.
 */
async function readPayload(
  checker: Checker,
  text: string,
  input: FhirValidateInput,
  options: CheckOptions,
): Promise<{
  value: unknown;
  xml?: Extract<ParsedPayload, { ok: true }>;
  duplicates?: readonly DuplicateProperty[];
}> {
  if ((fhirXmlMediaTypes as readonly string[]).includes(input.media)) {
    const parsed = checker.parse(text, 'xml');
    if (!parsed?.ok) throw new HttpProblem(400, parsed?.issues ?? []);
    return { value: parsed.value, xml: parsed };
  }
  const maxDepth = input.maxDepth;
  const parsed = parseJson(text, maxDepth);
  if ('tooDeep' in parsed)
    throw new HttpProblem(400, [
      {
        code: 'input.too-deep',
        expression: '',
        pointer: '',
        params: { limit: maxDepth },
        position: parsed.tooDeep,
      },
    ]);
  if (!parsed.ok)
    throw new HttpProblem(
      400,
      (await checker.checkText(text, { ...options, feed: 'fhir', format: 'json' })).result.issues,
    );
  return parsed.duplicates
    ? { value: parsed.value, duplicates: parsed.duplicates }
    : { value: parsed.value };
}

function typeMismatch(resource: unknown, type: string | undefined): IssueInput | undefined {
  if (type === undefined || typeof resource !== 'object' || resource === null) return undefined;
  const found = (resource as { resourceType?: unknown }).resourceType;
  if (typeof found !== 'string' || found === type) return undefined;
  return {
    code: 'http.type-mismatch',
    expression: found,
    pointer: '/resourceType',
    params: { expected: type, found },
  };
}
