/**
 * `GET /v1/jobs/{jobId}`: a submission or pull job's state, progress (records done / total) and, when it
 * succeeded, the recorded submission. Readable by the job's partner key or the lead (anyone in open
 * mode). Present when a job queue and a store are configured.
 * @module
 */
import type { JobQueue } from '../../jobs/job-queue.js';
import { httpProblem } from '../http-problem.js';
import { requirePartnerAccess } from '../middleware/auth.js';
import type { RouteContext } from '../route-context.js';

const jobIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Registers the job routes over `jobs`. */
export function registerJobRoutes({ routes }: RouteContext, jobs: JobQueue): void {
  routes.add(
    {
      method: 'get',
      path: '/v1/jobs/{jobId}',
      operationId: 'getJob',
      summary:
        'A submission or pull job: state (queued, running, succeeded, failed), progress and, when done, the recorded submission',
      tags: ['Partners'],
      auth: 'key',
      parameters: [
        {
          name: 'jobId',
          in: 'path',
          required: true,
          description: 'Job id from the 202 answer of a submission or a pull',
          schema: { type: 'string', format: 'uuid' },
        },
      ],
      responses: {
        '200': {
          description:
            'The job: `jobId`, `kind` (submission or pull), `state`, `partnerId`, `bytes`, `progress` {done, total}, `attempts`; `result` (submissionId, feed, valid, truncated, recordCount, submission; for a pull also capabilityRead, gaps, sampled) when succeeded; `error` (a code) when failed',
          content: {
            'application/json': { type: 'object', required: ['jobId', 'state', 'progress'] },
          },
        },
      },
      errors: [400, 403, 404],
    },
    async (c) => {
      const jobId = c.req.param('jobId') ?? '';
      if (!jobIdPattern.test(jobId))
        throw httpProblem(400, 'http.invalid-parameter', {
          name: 'jobId',
          reason: 'a job id (UUID)',
        });
      const job = await jobs.get(jobId);
      if (!job) throw httpProblem(404, 'http.not-found', { what: `job ${jobId}` });
      requirePartnerAccess(c.get('principal'), job.partnerId, 'read this job', true);
      return c.json(job, 200);
    },
  );
}
