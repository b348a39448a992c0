/**
 * `POST /v1/partners/{partnerId}/pull` (lead key): a federated check of the partner's FHIR endpoint
 * (CapabilityStatement and sampled resources), recorded as a submission of kind `pull`. The pull
 * itself is Node-only (src/federation) and is injected as `deps.pull`; without it the route is absent.
 * With a job queue (Node: always, in-process or Redis) every pull is a job: the partner and its
 * endpoint are checked here, the answer is `202 Accepted` with `Location: /v1/jobs/{jobId}`, and a
 * worker runs the pull; the job's result is the recorded submission. Without one, the pull runs in
 * the request and the report is answered (200).
 * @module
 */
import { requireLead } from '../middleware/auth.js';
import { httpProblem } from '../http-problem.js';
import type { RouteContext } from '../route-context.js';
import type { PullService } from '../app-deps.js';
import type { PartnerData } from '../partner-data.js';
import { partnerIdPattern } from './partners.js';

/** Registers the pull route over `pull` (as jobs when `deps.jobs` is given). */
export function registerPartnerPullRoute(
  { routes, deps }: RouteContext,
  pull: PullService,
  partners: PartnerData,
): void {
  routes.add(
    {
      method: 'post',
      path: '/v1/partners/{partnerId}/pull',
      operationId: 'pullPartner',
      summary: "Check a partner's FHIR endpoint: capabilities and sampled data (lead key)",
      tags: ['Partners'],
      auth: 'key',
      parameters: [
        {
          name: 'partnerId',
          in: 'path',
          required: true,
          description: 'Partner id',
          schema: { type: 'string', pattern: partnerIdPattern.source },
        },
        {
          name: 'count',
          in: 'query',
          description: 'Resources sampled per required type (default 20)',
          schema: { type: 'integer', minimum: 0, maximum: 500 },
        },
      ],
      responses: {
        '200': {
          description:
            'The pull report (codes, element paths, counts and requirement ids; no payload values), when the service has no job queue',
          content: { 'application/json': { type: 'object' } },
        },
        '202': {
          description:
            'Accepted as a job (every pull, when the service has a job queue): poll `Location: /v1/jobs/{jobId}`; when done its `result` is the recorded submission (kind `pull`) with `capabilityRead`, `gaps` and `sampled`',
          content: { 'application/json': { type: 'object', required: ['jobId', 'state'] } },
        },
      },
      errors: [400, 403, 404, 422],
    },
    async (c) => {
      requireLead(c.get('principal'), 'pull from partner endpoints');
      const partnerId = c.req.param('partnerId') ?? '';
      if (!partnerIdPattern.test(partnerId))
        throw httpProblem(400, 'http.invalid-parameter', {
          name: 'partnerId',
          reason: 'not a partner id',
        });
      const countText = c.req.query('count');
      const count = countText === undefined ? undefined : Number(countText);
      if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= 500))
        throw httpProblem(400, 'http.invalid-parameter', {
          name: 'count',
          reason: 'an integer from 0 to 500',
        });
      if (deps.jobs) {
        const partner = await partners.getPartner(partnerId);
        if (!partner) throw httpProblem(404, 'http.not-found', { what: `partner ${partnerId}` });
        if (!partner.fhirEndpoint) throw noEndpoint();
        const jobId = await deps.jobs.enqueuePull({
          partnerId,
          ...(count === undefined ? {} : { sampleSize: count }),
        });
        c.get('logFields').jobId = jobId;
        const location = `/v1/jobs/${jobId}`;
        return c.json({ jobId, kind: 'pull', state: 'queued', partnerId, location }, 202, {
          Location: location,
        });
      }
      const outcome = await pull(partnerId, count === undefined ? {} : { sampleSize: count });
      if (outcome.status === 'unknown-partner')
        throw httpProblem(404, 'http.not-found', { what: `partner ${partnerId}` });
      if (outcome.status === 'no-endpoint') throw noEndpoint();
      return c.json(outcome.report);
    },
  );
}

function noEndpoint(): Error {
  return httpProblem(422, 'http.invalid-parameter', {
    name: 'partnerId',
    reason: 'the partner has no FHIR endpoint registered',
  });
}
