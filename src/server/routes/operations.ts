/**
 * Operational routes: `GET /health`, `GET /openapi.json` (generated from the registered routes) and
 * `GET /docs` (Swagger UI over that document, its files served from the same origin under a CSP
 * that allows nothing else: the page works offline).
 * @module
 */
import {
  DOCS_ASSET_TYPES,
  DOCS_CSP,
  DOCS_INIT_SCRIPT,
  docsPage,
  isDocsAsset,
} from '../docs-assets.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import type { RouteContext } from '../route-context.js';

/** Registers the operational routes. Register last, so the OpenAPI document sees every route. */
export function registerOperationRoutes({ routes, deps }: RouteContext): void {
  const definitions = deps.validator.registry.size;
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
  routes.add(
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness and versions',
      tags: ['Operations'],
      auth: 'none',
      responses: {
        '200': {
          description: 'The service is up',
          content: { 'application/json': { type: 'object', required: ['status'] } },
        },
      },
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
      responses: {
        '200': {
          description: 'OpenAPI 3.1 document',
          content: { 'application/json': { type: 'object' } },
        },
      },
    },
    (c) => {
      // built on the first request (every route is registered by then), then served from this app's copy
      openApi ??= buildOpenApiDocument(routes.routes(), {
        title: 'MDSS: minimum data-sharing standards checker',
        version: deps.version,
        description:
          'Validates FHIR R4 resources and social-care feeds against the framework; partner submissions and conformance reports.',
      });
      return c.json(openApi);
    },
  );
  const assets = deps.docsAssets;
  const headers = (type: string): Record<string, string> => ({
    'Content-Type': type,
    'Content-Security-Policy': DOCS_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'public, max-age=3600',
  });
  routes.add(
    {
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Interactive API documentation (Swagger UI)',
      tags: ['Operations'],
      auth: 'none',
      responses: {
        '200': { description: 'HTML page', content: { 'text/html': { type: 'string' } } },
      },
    },
    (c) => c.body(docsPage(assets !== undefined), 200, headers('text/html; charset=utf-8')),
  );
  routes.add(
    {
      method: 'get',
      path: '/docs/{asset}',
      operationId: 'docsAsset',
      summary:
        "Swagger UI's own files (swagger-ui.css, swagger-ui-bundle.js, init.js), served from the same origin",
      tags: ['Operations'],
      auth: 'none',
      parameters: [
        {
          name: 'asset',
          in: 'path',
          required: true,
          description: 'File name',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The file',
          content: { 'text/javascript': { type: 'string' }, 'text/css': { type: 'string' } },
        },
      },
      errors: [404],
    },
    (c) => {
      const name = c.req.param('asset') ?? '';
      if (name === 'init.js')
        return c.body(DOCS_INIT_SCRIPT, 200, headers(DOCS_ASSET_TYPES['swagger-ui-bundle.js']));
      if (assets === undefined || !isDocsAsset(name))
        return c.body('Not found\n', 404, headers('text/plain; charset=utf-8'));
      return c.body(assets[name], 200, headers(DOCS_ASSET_TYPES[name]));
    },
  );
}
