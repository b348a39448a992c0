/**
 * `POST /fhir/$validate` and `POST /fhir/{type}/$validate`: the FHIR operation. The body is a
 * resource or a `Parameters` (`resource`, `profile`, `mode`); `?profile=` and `?mode=` are read too.
 * The answer is an OperationOutcome with 200 whatever the validity; request problems get 4xx:
 * 400 malformed JSON (with line/column) or nesting over the limit, 404 unknown type, 413 too
 * large, 415 content type, 422 unknown profile.
 * @module
 */
import type { Context } from 'hono';
import { duplicatePropertyIssues, parseJson } from '../../input/json-text.js';
import type { IssueInput } from '../../issues/collector.js';
import { sortIssues } from '../../issues/collector.js';
import type { Issue } from '../../issues/issue.js';
import type { AppEnv } from '../app-env.js';
import { checkMode, readValidateRequest } from '../read-validate-request.js';
import { HttpProblem, httpProblem } from '../http-problem.js';
import { findTooDeep } from '../find-too-deep.js';
import { countCodes } from '../log-entry.js';
import { outcomeResponse, renderIssues } from '../outcome-response.js';
import { readBody, requireMediaType } from '../read-body.js';
import type { ResolvedDeps, RouteContext } from '../route-context.js';
import { withPositions } from '../with-positions.js';

/** Media types `$validate` accepts. */
export const fhirJsonTypes = ['application/fhir+json', 'application/json'] as const;

/** Issue codes that make the answer 400 (the request could not be read as a resource). */
const badRequestCodes = new Set(['input.invalid-json', 'input.too-deep', 'input.not-a-resource', 'input.invalid-utf8']);

const outcomeSchema = { $ref: '#/components/schemas/OperationOutcome' };
const bodySchema = { type: 'object', description: 'A FHIR R4 resource, or a Parameters with resource, profile and mode', required: ['resourceType'] };
const profileParam = {
  name: 'profile',
  in: 'query' as const,
  description: 'Canonical URL (optionally |version) of a profile to validate against; may repeat',
  schema: { type: 'array', items: { type: 'string' } },
};
const modeParam = { name: 'mode', in: 'query' as const, description: 'Validation mode: create or update', schema: { enum: ['create', 'update'] } };

/** Registers both `$validate` routes. */
export function registerFhirValidateRoutes({ routes, deps }: RouteContext): void {
  const common = {
    method: 'post' as const,
    tags: ['FHIR'],
    auth: 'key' as const,
    requestBody: { description: 'The resource or Parameters', content: { 'application/fhir+json': bodySchema, 'application/json': bodySchema } },
    responses: { '200': { description: 'OperationOutcome of the validation, whatever the validity', content: { 'application/fhir+json': outcomeSchema } } },
  };
  routes.add(
    {
      ...common,
      path: '/fhir/$validate',
      operationId: 'validateResource',
      summary: 'Validate a FHIR R4 resource (type from the body)',
      parameters: [profileParam, modeParam],
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
      description: 'A resource of another type than {type} gives an http.type-mismatch error issue.',
      parameters: [{ name: 'type', in: 'path', required: true, description: 'FHIR resource type', schema: { type: 'string' } }, profileParam, modeParam],
      errors: [400, 404, 413, 415, 422],
    },
    (c) => validateFhir(c, deps, c.req.param('type') ?? ''),
  );
}

async function validateFhir(c: Context<AppEnv>, deps: ResolvedDeps, type: string | undefined): Promise<Response> {
  const { validator, limits } = deps;
  if (type !== undefined && !validator.registry.isResourceType(type)) throw httpProblem(404, 'http.not-found', { what: `resource type ${type}` });
  requireMediaType(c.req.header('content-type'), fhirJsonTypes);
  const { text, bytes } = await readBody(c.req.raw, limits.maxBodyBytes);
  const fields = c.get('logFields');
  fields.bytes = bytes.byteLength;
  const deep = findTooDeep(text, limits.maxDepth);
  if (deep) throw new HttpProblem(400, [{ code: 'input.too-deep', expression: '', pointer: '', params: { limit: limits.maxDepth }, position: deep }]);
  const parsed = parseJson(text);
  if (!parsed.ok) throw new HttpProblem(400, validator.validate(text).issues);
  const request = readValidateRequest(parsed.value, type);
  checkMode(request.mode ?? c.req.query('mode'));
  const profiles = [...(c.req.queries('profile') ?? []), ...request.profiles];
  const unknown = profiles.filter((p) => !validator.registry.structureDefinition(p));
  if (unknown.length > 0) throw new HttpProblem(422, unknown.map((profile) => ({ code: 'profile.unresolved', expression: '', pointer: '', params: { profile } })));
  const result = validator.validate(request.resource, {
    ...(profiles.length ? { profiles } : {}),
    maxIssues: limits.maxIssues,
    maxDepth: limits.maxDepth,
    timeBudgetMs: limits.timeBudgetMs,
  });
  let issues: Issue[] = withPositions(result.issues, text, request.pointer);
  const mismatch = typeMismatch(request.resource, type);
  if (mismatch) issues = sortIssues([...renderIssues([mismatch]), ...issues]);
  if (parsed.duplicates) {
    const bodyType = (parsed.value as { resourceType?: unknown } | null)?.resourceType;
    const resourceType = typeof bodyType === 'string' ? bodyType : '';
    issues = sortIssues([...renderIssues(duplicatePropertyIssues(parsed.duplicates, resourceType)), ...issues]);
  }
  Object.assign(fields, { recordCount: result.recordCount, issueCount: issues.length, issueCodes: countCodes(issues), truncated: result.truncated });
  if (issues.some((i) => badRequestCodes.has(i.code))) throw new HttpProblem(400, issues);
  if (issues.some((i) => i.code === 'profile.unresolved' && profiles.includes(String(i.params['profile'])))) throw new HttpProblem(422, issues);
  return outcomeResponse(c, 200, issues);
}

function typeMismatch(resource: unknown, type: string | undefined): IssueInput | undefined {
  if (type === undefined || typeof resource !== 'object' || resource === null) return undefined;
  const found = (resource as { resourceType?: unknown }).resourceType;
  if (typeof found !== 'string' || found === type) return undefined;
  return { code: 'http.type-mismatch', expression: found, pointer: '/resourceType', params: { expected: type, found } };
}
