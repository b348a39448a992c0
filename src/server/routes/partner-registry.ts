/**
 * Partner registration, present when a store is configured: `POST /v1/partners` registers (or
 * updates) a partner, for the ICS lead (or anyone in open mode), optionally with its FHIR endpoint
 * (the partner registry's shape; `pullEveryMinutes` puts the partner on a pull schedule); `GET /v1/partners` lists partners:
 * all of them for the lead, only its own for a partner key.
 * @module
 */
import type { Context } from 'hono';
import { endpointToStored } from '../../federation/stored-endpoint.js';
import type { PartnerFhirEndpoint } from '../../policy/partner-registry.js';
import {
  isPartnerKind,
  PARTNER_KINDS,
  type FhirEndpoint,
  type Partner,
} from '../../reports/conformance/partner.js';
import type { AppEnv } from '../app-env.js';
import { httpProblem } from '../http-problem.js';
import { requireLead } from '../middleware/auth.js';
import type { PartnerData } from '../partner-data.js';
import { readBody, requireMediaType } from '../read-body.js';
import type { RouteContext } from '../route-context.js';
import { partnerIdPattern } from './partners.js';

const optionalCodes = ['odsCode', 'cqcLocationId', 'gssCode'] as const;

const httpUrl = /^https?:\/\/\S+$/;
const endpointSchema = {
  type: 'object',
  description:
    'The FHIR endpoint for federated pulls, as in the partner registry (schemas/partner-registry.schema.json): no secrets, `secretRef` names where the runtime finds one; `pullEveryMinutes` schedules pulls',
  required: ['baseUrl', 'auth'],
  additionalProperties: false,
  properties: {
    baseUrl: { type: 'string', pattern: httpUrl.source },
    auth: { enum: ['none', 'bearer', 'client-credentials'] },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
    tokenUrl: { type: 'string', pattern: httpUrl.source },
    clientId: { type: 'string', minLength: 1 },
    scope: { type: 'string' },
    secretRef: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    resourceTypes: { type: 'array', items: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' } },
    pullEveryMinutes: { type: 'integer', minimum: 1, maximum: 525_600 },
  },
};

const partnerSchema = {
  type: 'object',
  required: ['id', 'name', 'kind'],
  properties: {
    id: { type: 'string', pattern: partnerIdPattern.source },
    name: { type: 'string', minLength: 1 },
    kind: { enum: [...PARTNER_KINDS] },
    odsCode: { type: 'string' },
    cqcLocationId: { type: 'string' },
    gssCode: { type: 'string' },
    fhirEndpoint: endpointSchema,
  },
};

function invalid(name: string, reason: string): never {
  throw httpProblem(400, 'http.invalid-parameter', { name, reason });
}

/** Reads and checks a partner registration body. */
async function readPartner(
  c: Context<AppEnv>,
  maxBytes: number,
): Promise<Omit<Partner, 'createdAt'>> {
  requireMediaType(c.req.header('content-type'), ['application/json']);
  const { text } = await readBody(c.req.raw, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    invalid('body', 'a JSON object is expected');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    invalid('body', 'a JSON object is expected');
  const b = body as Record<string, unknown>;
  if (typeof b['id'] !== 'string' || !partnerIdPattern.test(b['id']))
    invalid('id', 'letters, digits, dot, dash or underscore, at most 64');
  if (typeof b['name'] !== 'string' || b['name'].trim() === '')
    invalid('name', 'a non-empty name is expected');
  if (typeof b['kind'] !== 'string' || !isPartnerKind(b['kind']))
    invalid('kind', `one of ${PARTNER_KINDS.join(', ')}`);
  const partner: Record<string, unknown> = { id: b['id'], name: b['name'], kind: b['kind'] };
  for (const key of optionalCodes) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'string') invalid(key, 'a string is expected');
    partner[key] = b[key];
  }
  if (b['fhirEndpoint'] !== undefined) partner['fhirEndpoint'] = readEndpoint(b['fhirEndpoint']);
  return partner as unknown as Omit<Partner, 'createdAt'>;
}

function whole(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Checks a registration's `fhirEndpoint` (the registry's shape) and returns its stored form. */
function readEndpoint(value: unknown): FhirEndpoint {
  const name = 'fhirEndpoint';
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(name, 'an object is expected');
  const e = value as Record<string, unknown>;
  const known = Object.keys(endpointSchema.properties);
  const unknown = Object.keys(e).find((k) => !known.includes(k));
  if (unknown !== undefined) invalid(name, `unknown property ${unknown.slice(0, 40)}`);
  const str = (k: string, ok: (v: string) => boolean, reason: string): void => {
    if (e[k] !== undefined && !(typeof e[k] === 'string' && ok(e[k])))
      invalid(`${name}.${k}`, reason);
  };
  if (typeof e['baseUrl'] !== 'string' || !httpUrl.test(e['baseUrl']))
    invalid(`${name}.baseUrl`, 'an http(s) URL is expected');
  if (!['none', 'bearer', 'client-credentials'].includes(e['auth'] as string))
    invalid(`${name}.auth`, 'none, bearer or client-credentials');
  str('tokenUrl', (v) => httpUrl.test(v), 'an http(s) URL is expected');
  str('clientId', (v) => v.length > 0, 'a non-empty string is expected');
  str('scope', () => true, 'a string is expected');
  str('secretRef', (v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v), 'the name of a secret, not a secret');
  if (e['timeoutMs'] !== undefined && !whole(e['timeoutMs'], 100, 600_000))
    invalid(`${name}.timeoutMs`, 'whole milliseconds from 100 to 600000');
  if (e['pullEveryMinutes'] !== undefined && !whole(e['pullEveryMinutes'], 1, 525_600))
    invalid(`${name}.pullEveryMinutes`, 'whole minutes from 1 to 525600');
  const types = e['resourceTypes'];
  if (
    types !== undefined &&
    !(
      Array.isArray(types) &&
      types.every((t) => typeof t === 'string' && /^[A-Z][A-Za-z]+$/.test(t))
    )
  )
    invalid(`${name}.resourceTypes`, 'resource type names');
  return endpointToStored(e as unknown as PartnerFhirEndpoint);
}

/** Registers the partner registration routes over `partners`. */
export function registerPartnerRegistryRoutes(
  { routes, deps }: RouteContext,
  partners: PartnerData,
): void {
  routes.add(
    {
      method: 'post',
      path: '/v1/partners',
      operationId: 'registerPartner',
      summary: 'Register or update a partner organisation (lead key)',
      tags: ['Partners'],
      auth: 'key',
      requestBody: { description: 'The partner', content: { 'application/json': partnerSchema } },
      responses: {
        '201': {
          description: 'The partner as stored',
          content: { 'application/json': partnerSchema },
        },
      },
      errors: [400, 403, 413, 415],
    },
    async (c) => {
      requireLead(c.get('principal'), 'register partners');
      const partner = await readPartner(c, deps.limits.maxBodyBytes);
      return c.json(await partners.upsertPartner(partner), 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/v1/partners',
      operationId: 'listPartners',
      summary: 'Partner organisations (all for the lead, its own for a partner key)',
      tags: ['Partners'],
      auth: 'key',
      parameters: [
        {
          name: 'kind',
          in: 'query',
          description: 'Only partners of this kind',
          schema: { enum: [...PARTNER_KINDS] },
        },
      ],
      responses: {
        '200': {
          description: 'Partners, by id',
          content: { 'application/json': { type: 'object', required: ['partners'] } },
        },
      },
      errors: [400],
    },
    async (c) => {
      const kind = c.req.query('kind');
      if (kind !== undefined && !isPartnerKind(kind))
        invalid('kind', `one of ${PARTNER_KINDS.join(', ')}`);
      const principal = c.get('principal');
      const all = await partners.listPartners(kind !== undefined ? { kind } : undefined);
      const visible =
        principal.kind === 'partner' ? all.filter((p) => p.id === principal.partnerId) : all;
      return c.json({ partners: visible });
    },
  );
}
