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
import type { AppEnv } from '../app-env.js';
import { fhirXmlMediaTypes } from '../../check/fhir-xml-syntax.js';
import { HttpProblem, httpProblem } from '../http-problem.js';
import { checkParameters, profileParameter, readCheckOptions } from '../check-request.js';
import { checkFhirValidate, type FhirValidateInput } from '../fhir-validate-check.js';
import { prefersXml } from '../outcome-response.js';
import { readBodyBytes, requireMediaType } from '../read-body.js';
import type { ResolvedDeps, RouteContext } from '../route-context.js';

/** JSON media types `$validate` accepts. */
export const fhirJsonTypes = ['application/fhir+json', 'application/json'] as const;
/** Media types `$validate` accepts: FHIR JSON and FHIR XML. */
export const fhirValidateTypes = [...fhirJsonTypes, ...fhirXmlMediaTypes] as const;

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
  const bytes = await readBodyBytes(c.req.raw, limits.maxBodyBytes);
  const fields = c.get('logFields');
  fields.bytes = bytes.byteLength;
  const mode = c.req.query('mode');
  const input: FhirValidateInput = {
    bytes,
    media,
    ...(type !== undefined ? { type } : {}),
    options,
    ...(mode !== undefined ? { mode } : {}),
    maxDepth: limits.maxDepth,
    answer: prefersXml(c) ? 'xml' : 'json',
  };
  // a pool thread (Node) or this one: the same function on the same bytes, answer rendered there
  const { status, issues, rendered, ...counts } = deps.offload
    ? await deps.offload.fhirValidate(input)
    : await checkFhirValidate(checker, input);
  Object.assign(fields, counts);
  if (status !== 200 || !rendered) throw new HttpProblem(status, issues ?? []);
  return c.body(rendered.body, 200, { 'Content-Type': rendered.contentType });
}
