/**
 * Partner registration, present when a store is configured: `POST /v1/partners` registers (or
 * updates) a partner, for the ICS lead (or anyone in open mode); `GET /v1/partners` lists partners:
 * all of them for the lead, only its own for a partner key.
 * @module
 */
import type { Context } from 'hono';
import { isPartnerKind, PARTNER_KINDS, type Partner } from '../../reports/conformance/partner.js';
import type { AppEnv } from '../app-env.js';
import { httpProblem } from '../http-problem.js';
import { requireLead } from '../middleware/auth.js';
import type { PartnerData } from '../partner-data.js';
import { readBody, requireMediaType } from '../read-body.js';
import type { RouteContext } from '../route-context.js';
import { partnerIdPattern } from './partners.js';

const optionalCodes = ['odsCode', 'cqcLocationId', 'gssCode'] as const;

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
  return partner as unknown as Omit<Partner, 'createdAt'>;
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
