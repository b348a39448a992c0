/**
 * A pull job whose partner endpoint cannot be reached (issue 19): the pull records nothing, so the
 * job fails with `pull.unreachable` rather than succeed naming a submission that does not exist.
 */
import { describe, expect, it } from 'vitest';
import type { PullReport } from '../../src/federation/pull-report.js';
import { runPullJob } from '../../src/jobs/run-job.js';

const report = (extra: Partial<PullReport>) =>
  ({
    partnerId: 'p',
    capabilityRead: false,
    gaps: true,
    sampled: {},
    capabilityIssues: [],
    transportIssues: [],
    summary: { valid: false, recordCount: 0 },
    ...extra,
  }) as unknown as PullReport;

describe('runPullJob', () => {
  it('fails with pull.unreachable when the endpoint answered nothing', async () => {
    const pull = () =>
      Promise.resolve({
        status: 'ok' as const,
        report: report({
          unreachable: { cause: 'connection refused', host: 'h:1', errorCode: 'ECONNREFUSED' },
        }),
      });
    await expect(runPullJob('job-1', { kind: 'pull', partnerId: 'p' }, { pull })).rejects.toThrow(
      'pull.unreachable',
    );
  });

  it('succeeds with the recorded submission otherwise', async () => {
    const pull = () =>
      Promise.resolve({ status: 'ok' as const, report: report({ submissionId: 'sub-1' }) });
    const r = await runPullJob('job-2', { kind: 'pull', partnerId: 'p' }, { pull });
    expect(r.submissionId).toBe('sub-1');
  });
});
