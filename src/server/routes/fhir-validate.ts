/**
 * `POST /fhir/$validate` and `POST /fhir/{type}/$validate`: the FHIR operation over the one pipeline
 * (src/check), with the framework on unless `?framework=none`. The body is a resource or a
 * `Parameters` (`resource`, `profile`, `mode`); `?profile=`, `?mode=`, `?framework=` and
 * `?allowTestNumbers=` are read too. As FHIR defines it, `profile` parameters and `meta.profile`
 * add profiles: they never switch the framework off.
 * The answer is an OperationOutcome with 200 whatever the validity; request problems get 4xx:
 * 400 malformed JSON (with line/column) or nesting over the limit, 404 unknown type, 413 too
 * large, 415 content type, 422 unknown profile.
 * @module
 */
import type { Context } from 'hono';
import type { CheckOptions } from '../../check/check-options.js';
import type { ParsedPayload } from '../../check/fhir-syntaxes.js';
import {
  duplicatePropertyIssues,
  parseJson,
  type DuplicateProperty,
} from '../../input/json-text.js';
import type { IssueInput } from '../../issues/collector.js';
import { sortIssues } from '../../issues/collector.js';
import type { Issue } from '../../issues/issue.js';
import type { AppEnv } from '../app-env.js';
import { checkMode, readValidateRequest } from '../read-validate-request.js';
import { HttpProblem, httpProblem } from '../http-problem.js';
import { checkParameters, profileParameter, readCheckOptions } from '../check-request.js';
import { countCodes } from '../log-entry.js';
import { outcomeResponse, renderIssues } from '../outcome-response.js';
import { readBody, requireMediaType } from '../read-body.js';
import type { ResolvedDeps, RouteContext } from '../route-context.js';
import { fhirXmlMediaTypes } from '../../check/fhir-xml-syntax.js';

/** JSON media types `$validate` accepts. */
export const fhirJsonTypes = ['application/fhir+json', 'application/json'] as const;
/** Media types `$validate` accepts: FHIR JSON and FHIR XML. */
export const fhirValidateTypes = [...fhirJsonTypes, ...fhirXmlMediaTypes] as const;

/** Issue codes that make the answer 400 (the request could not be read as a resource). */
const badRequestCodes = new Set([
  'input.invalid-json',
  'input.too-deep',
  'input.not-a-resource',
  'input.invalid-utf8',
]);

const outcomeSchema = { $ref: '#/components/schemas/OperationOutcome' };
const bodySchema = {
  type: 'object',
  description: 'A FHIR R4 resource, or a Parameters with resource, profile and mode',
  required: ['resourceType'],
};
const xmlBodySchema = {
  type: 'string',
  description:
    'A FHIR R4 resource or Parameters in the R4 XML format (https://hl7.org/fhir/R4/xml.html)',
};
const xmlOutcomeSchema = {
  type: 'string',
  description: 'A FHIR R4 OperationOutcome in the R4 XML format',
};
const profileParam = profileParameter;
const formatParam = {
  name: '_format',
  in: 'query' as const,
  description: 'Answer format: json or xml (overrides Accept)',
  schema: { type: 'string' },
};
const modeParam = {
  name: 'mode',
  in: 'query' as const,
  description: 'Validation mode: create or update',
  schema: { enum: ['create', 'update'] },
};

/** Registers both `$validate` routes. */
export function registerFhirValidateRoutes({ routes, deps }: RouteContext): void {
  const common = {
    method: 'post' as const,
    tags: ['FHIR'],
    auth: 'key' as const,
    requestBody: {
      description: 'The resource or Parameters, as FHIR JSON or FHIR XML',
      content: {
        'application/fhir+json': bodySchema,
        'application/json': bodySchema,
        'application/fhir+xml': xmlBodySchema,
        'application/xml': xmlBodySchema,
      },
    },
    responses: {
      '200': {
        description:
          'OperationOutcome of the validation, whatever the validity: FHIR XML when `_format` or `Accept` asks for it (or the body was XML and neither says otherwise)',
        content: {
          'application/fhir+json': outcomeSchema,
          'application/fhir+xml': xmlOutcomeSchema,
        },
      },
    },
  };
  routes.add(
    {
      ...common,
      path: '/fhir/$validate',
      operationId: 'validateResource',
      summary: 'Validate a FHIR R4 resource (type from the body)',
      parameters: [profileParam, modeParam, formatParam, ...checkParameters],
      errors: [400, 413, 415, 422],
    },
    (c) => validateFhir(c, deps, undefined),
  );
  routes.add(
    {
      ...common,
      path: '/fhir/{type}/$validate',
      operationId: 'validateResourceOfType',
      summary: 'Validate a FHIR R4 resource of the given type',
      description:
        'A resource of another type than {type} gives an http.type-mismatch error issue.',
      parameters: [
        {
          name: 'type',
          in: 'path',
          required: true,
          description: 'FHIR resource type',
          schema: { type: 'string' },
        },
        profileParam,
        modeParam,
        formatParam,
        ...checkParameters,
      ],
      errors: [400, 404, 413, 415, 422],
    },
    (c) => validateFhir(c, deps, c.req.param('type') ?? ''),
  );
}

async function validateFhir(
  c: Context<AppEnv>,
  deps: ResolvedDeps,
  type: string | undefined,
): Promise<Response> {
  const { checker, validator, limits } = deps;
  if (type !== undefined && !validator.registry.isResourceType(type))
    throw httpProblem(404, 'http.not-found', { what: `resource type ${type}` });
  const media = requireMediaType(c.req.header('content-type'), fhirValidateTypes);
  const options = readCheckOptions(c, deps);
  const { text, bytes } = await readBody(c.req.raw, limits.maxBodyBytes);
  const fields = c.get('logFields');
  fields.bytes = bytes.byteLength;
  const { value, xml, duplicates } = await readPayload(
    checker,
    text,
    media,
    limits.maxDepth,
    options,
  );
  const request = readValidateRequest(value, type);
  checkMode(request.mode ?? c.req.query('mode'));
  const profiles = [...(options.profiles ?? []), ...request.profiles];
  const unknown = profiles.filter((p) => !validator.registry.structureDefinition(p));
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
  const { result } = await checker.checkResource(request.resource, {
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
  Object.assign(fields, {
    recordCount: result.recordCount,
    issueCount: issues.length,
    issueCodes: countCodes(issues),
    truncated: result.truncated,
  });
  if (issues.some((i) => badRequestCodes.has(i.code))) throw new HttpProblem(400, issues);
  if (
    issues.some(
      (i) => i.code === 'profile.unresolved' && profiles.includes(String(i.params['profile'])),
    )
  )
    throw new HttpProblem(422, issues);
  return outcomeResponse(c, 200, issues);
}

/**
 * The body as a value: FHIR XML through the pipeline's parse stage, JSON here (400 when
 * unreadable), with the JSON property names the body repeats.
 */
async function readPayload(
  checker: ResolvedDeps['checker'],
  text: string,
  media: string,
  maxDepth: number,
  options: CheckOptions,
): Promise<{
  value: unknown;
  xml?: Extract<ParsedPayload, { ok: true }>;
  duplicates?: readonly DuplicateProperty[];
}> {
  if ((fhirXmlMediaTypes as readonly string[]).includes(media)) {
    const parsed = checker.parse(text, 'xml');
    if (!parsed?.ok) throw new HttpProblem(400, parsed?.issues ?? []);
    return { value: parsed.value, xml: parsed };
  }
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
