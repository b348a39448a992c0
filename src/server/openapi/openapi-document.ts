/**
 * Generates the OpenAPI 3.1 document from the registered route specs. Error responses are
 * OperationOutcomes; routes that need a key when keys are configured carry the security schemes.
 * @module
 */
import type { RouteSpec } from './route-spec.js';

/** Document-level information. */
export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

const errorDescriptions: Readonly<Record<number, string>> = {
  400: 'Malformed request: invalid JSON (with line/column), JSON nested too deep, invalid UTF-8, invalid parameter',
  401: 'An API key is required (keys are configured) or the key is unknown',
  403: 'The API key may not act for this partner or read this report',
  404: 'Unknown resource type, partner or requirement',
  413: 'The body is larger than the configured limit',
  415: 'The content type is not accepted',
  422: 'Unknown profile or feed, or (submissions) a payload without a single record',
  429: 'Too many requests for this API key (when a rate limit is configured); see Retry-After',
  500: 'Unexpected error; the OperationOutcome names the request id',
  503: 'The data store is down, locked or full; see Retry-After (validation without recording still works)',
};

const outcomeRef = { $ref: '#/components/schemas/OperationOutcome' };

/** The OpenAPI 3.1 document for `routes`. */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  info: OpenApiInfo,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: {
        OperationOutcome: {
          type: 'object',
          description: 'FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html)',
          required: ['resourceType', 'issue'],
          properties: {
            resourceType: { const: 'OperationOutcome' },
            issue: { type: 'array', items: { type: 'object', required: ['severity', 'code'] } },
          },
        },
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'API key (only when keys are configured)',
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}

function operation(route: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.content
        ? {
            content: Object.fromEntries(
              Object.entries(r.content).map(([type, schema]) => [type, { schema }]),
            ),
          }
        : {}),
    };
  }
  const errors = new Set([
    ...(route.errors ?? []),
    500,
    ...(route.auth === 'key' ? [401, 429] : []),
  ]);
  for (const status of [...errors].sort()) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? 'Error',
      content: { 'application/fhir+json': { schema: outcomeRef } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    ...(route.parameters?.length ? { parameters: route.parameters } : {}),
    ...(route.requestBody
      ? {
          requestBody: {
            required: true,
            description: route.requestBody.description,
            content: Object.fromEntries(
              Object.entries(route.requestBody.content).map(([type, schema]) => [type, { schema }]),
            ),
          },
        }
      : {}),
    responses,
    ...(route.auth === 'key'
      ? { security: [{}, { bearer: [] }, { apiKey: [] }] }
      : { security: [{}] }),
  };
}
