/**
 * `GET /v1/standards` and `GET /v1/standards/{id}`: the framework's catalogue and version.
 * @module
 */
import {
  findRequirement,
  frameworkInfo,
  listRequirements,
  type RequirementFilter,
} from '../../framework/framework-info.js';
import { httpProblem } from '../http-problem.js';
import type { RouteContext } from '../route-context.js';

const levels = ['MUST', 'SHOULD'] as const;

/** Registers the standards routes. */
export function registerStandardsRoutes({ routes, deps }: RouteContext): void {
  const { catalogue } = deps;
  routes.add(
    {
      method: 'get',
      path: '/v1/standards',
      operationId: 'listStandards',
      summary: 'The framework (identity, version, counts) and its requirements',
      tags: ['Standards'],
      auth: 'key',
      parameters: [
        {
          name: 'feed',
          in: 'query',
          description: 'Only requirements applying to this feed (fhir, cld, cin)',
          schema: { type: 'string' },
        },
        {
          name: 'level',
          in: 'query',
          description: 'MUST or SHOULD',
          schema: { enum: [...levels] },
        },
        {
          name: 'recordType',
          in: 'query',
          description: 'Only requirements applying to this record type',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'Framework and requirement list',
          content: {
            'application/json': { type: 'object', required: ['framework', 'requirements'] },
          },
        },
      },
      errors: [400],
    },
    (c) => {
      const level = c.req.query('level');
      if (level !== undefined && !(levels as readonly string[]).includes(level))
        throw httpProblem(400, 'http.invalid-parameter', {
          name: 'level',
          reason: 'MUST or SHOULD',
        });
      const filter: RequirementFilter = {
        ...(c.req.query('feed') !== undefined ? { feed: c.req.query('feed')! } : {}),
        ...(level !== undefined ? { level: level as (typeof levels)[number] } : {}),
        ...(c.req.query('recordType') !== undefined
          ? { recordType: c.req.query('recordType')! }
          : {}),
      };
      return c.json({
        framework: frameworkInfo(catalogue),
        requirements: listRequirements(catalogue, filter),
      });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/v1/standards/{id}',
      operationId: 'getStandard',
      summary: 'One requirement of the framework (MDS-nn) in full',
      tags: ['Standards'],
      auth: 'key',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'Requirement id, e.g. MDS-01',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The requirement with the framework version',
          content: { 'application/json': { type: 'object' } },
        },
      },
      errors: [404],
    },
    (c) => {
      const id = c.req.param('id') ?? '';
      const requirement = findRequirement(catalogue, id);
      if (!requirement) throw httpProblem(404, 'http.not-found', { what: `requirement ${id}` });
      return c.json({
        framework: { id: catalogue.framework.id, version: catalogue.framework.version },
        requirement,
      });
    },
  );
}
