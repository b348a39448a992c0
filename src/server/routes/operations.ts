/**
 * Operational routes: `GET /health`, `GET /openapi.json` (generated from the registered routes) and
 * `GET /docs` (Swagger UI over that document).
 * @module
 */
import { swaggerUI } from '@hono/swagger-ui';
import type { Context } from 'hono';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import type { RouteContext } from '../route-context.js';

/** Registers the operational routes. Register last, so the OpenAPI document sees every route. */
export function registerOperationRoutes({ routes, deps }: RouteContext): void {
  const definitions = deps.validator.registry.size;
  routes.add(
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness and versions',
      tags: ['Operations'],
      auth: 'none',
      responses: { '200': { description: 'The service is up', content: { 'application/json': { type: 'object', required: ['status'] } } } },
    },
    (c) =>
      c.json({
        status: 'ok',
        version: deps.version,
        fhirVersion: '4.0.1',
        framework: { id: deps.catalogue.framework.id, version: deps.catalogue.framework.version },
        definitions,
        packages: deps.packages,
        partners: deps.partners !== undefined,
      }),
  );
  routes.add(
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI 3.1 document, generated from the route definitions',
      tags: ['Operations'],
      auth: 'none',
      responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { type: 'object' } } } },
    },
    (c) =>
      c.json(
        buildOpenApiDocument(routes.routes(), {
          title: 'MDSS: minimum data-sharing standards checker',
          version: deps.version,
          description: 'Validates FHIR R4 resources and social-care feeds against the framework; partner submissions and conformance reports.',
        }),
      ),
  );
  const docs = swaggerUI({ url: '/openapi.json' });
  routes.add(
    {
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Interactive API documentation (Swagger UI)',
      tags: ['Operations'],
      auth: 'none',
      responses: { '200': { description: 'HTML page', content: { 'text/html': { type: 'string' } } } },
    },
    (c, next) => docs(c as unknown as Context, next),
  );
}
