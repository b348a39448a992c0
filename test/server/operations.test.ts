/**
 * Metadata, standards, health, the generated OpenAPI document and the docs page.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator, codesOf, outcomeOf } from './helpers.js';

const validator = baseValidator();
const app = createApp({
  validator,
  version: '9.9.9',
  clock: () => new Date('2026-11-23T10:00:00Z'),
});

describe('GET /fhir/metadata', () => {
  it('answers a CapabilityStatement that is itself valid R4 and lists $validate', async () => {
    const res = await app.request('/fhir/metadata');
    expect(res.status).toBe(200);
    const cs = (await res.json()) as {
      resourceType: string;
      fhirVersion: string;
      rest: { operation: { name: string }[]; resource: { type: string }[] }[];
    };
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0]!.operation.map((o) => o.name)).toEqual(['validate']);
    expect(cs.rest[0]!.resource.map((r) => r.type)).toContain('Patient');
    expect(cs.rest[0]!.resource.map((r) => r.type)).not.toContain('DomainResource');
    const result = validator.validate(cs);
    expect(result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual(
      [],
    );
  });
});

describe('GET /v1/standards', () => {
  it('lists the framework and every requirement', async () => {
    const res = await app.request('/v1/standards');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      framework: { id: string; version: string; requirementCount: number };
      requirements: { id: string; level: string }[];
    };
    expect(body.framework.version).toBe(builtinCatalogue.framework.version);
    expect(body.requirements).toHaveLength(builtinCatalogue.requirements.length);
    expect(body.framework.requirementCount).toBe(builtinCatalogue.requirements.length);
  });

  it('filters by level', async () => {
    const res = await app.request('/v1/standards?level=MUST');
    const body = (await res.json()) as { requirements: { level: string }[] };
    expect(body.requirements.length).toBeGreaterThan(0);
    expect(body.requirements.every((r) => r.level === 'MUST')).toBe(true);
    expect(body.requirements.length).toBe(
      builtinCatalogue.requirements.filter((r) => r.level === 'MUST').length,
    );
  });

  it('rejects an invalid level with 400', async () => {
    const res = await app.request('/v1/standards?level=MAY');
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.invalid-parameter']);
  });

  it('answers one requirement by id (case-insensitive), 404 for an unknown one', async () => {
    const first = builtinCatalogue.requirements[0]!;
    const res = await app.request(`/v1/standards/${first.id.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { requirement: { id: string } }).requirement.id).toBe(first.id);
    const missing = await app.request('/v1/standards/MDS-999');
    expect(missing.status).toBe(404);
    expect(codesOf(await outcomeOf(missing))).toEqual(['http.not-found']);
  });
});

describe('operations', () => {
  it('GET /health answers ok with versions', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      version: string;
      fhirVersion: string;
      definitions: number;
      partners: boolean;
    };
    expect(body).toMatchObject({
      status: 'ok',
      version: '9.9.9',
      fhirVersion: '4.0.1',
      partners: false,
    });
    expect(body.definitions).toBeGreaterThan(1000);
  });

  it('GET /openapi.json is OpenAPI 3.1 generated from exactly the registered routes', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { version: string };
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            responses: Record<string, unknown>;
            parameters?: { name: string; in: string }[];
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/docs',
        '/docs/{asset}',
        '/fhir/$validate',
        '/fhir/metadata',
        '/fhir/{type}/$validate',
        '/health',
        '/openapi.json',
        '/v1/standards',
        '/v1/standards/{id}',
        '/v1/validate',
      ].sort(),
    );
    const op = doc.paths['/fhir/{type}/$validate']!['post']!;
    expect(op.parameters?.find((p) => p.name === 'type')?.in).toBe('path');
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '400', '404', '413', '415', '422', '500']),
    );
    // Every documented path answers something other than 404 (the document cannot list absent routes).
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const url = path
          .replace('{type}', 'Patient')
          .replace('{id}', builtinCatalogue.requirements[0]!.id)
          .replace('{asset}', 'init.js');
        const r = await app.request(url, { method: method.toUpperCase() });
        expect(r.status, `${method} ${path}`).not.toBe(404);
      }
    }
  });

  it('GET /docs serves the Swagger UI page pointing at /openapi.json', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('/openapi.json');
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'self';/,
    );
  });

  it('GET /docs with Swagger UI files serves them from the same origin, with the CSP', async () => {
    const withAssets = createApp({
      validator,
      docsAssets: { 'swagger-ui.css': 'body{}', 'swagger-ui-bundle.js': 'var SwaggerUIBundle;' },
    });
    const page = await (await withAssets.request('/docs')).text();
    expect(page).toContain('<script src="/docs/swagger-ui-bundle.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    const js = await withAssets.request('/docs/swagger-ui-bundle.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('var SwaggerUIBundle;');
    expect((await withAssets.request('/docs/init.js')).status).toBe(200);
    expect((await withAssets.request('/docs/other.js')).status).toBe(404);
    expect((await app.request('/docs/swagger-ui.css')).status).toBe(404);
  });
});
