/**
 * Child process for the crash test: records one large submission and announces on stdout when it is
 * inside the transaction. With MDSS_CRASH_PAUSE=1 it then holds the transaction open until killed.
 * Input (environment): MDSS_CRASH_OPTIONS (JSON OpenStoreOptions), MDSS_CRASH_ISSUES (issue rows).
 */

import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import { fakeHash, makeSummary } from './summary-fixtures.js';

const options = JSON.parse(process.env['MDSS_CRASH_OPTIONS'] ?? '{}') as OpenStoreOptions;
const issueRows = Number(process.env['MDSS_CRASH_ISSUES'] ?? '20000');
const pause = process.env['MDSS_CRASH_PAUSE'] === '1';

let issueBatches = 0;
const store = await openStore({
  ...options,
  onWrite: async (step) => {
    if (step.table !== 'submission_issues') return;
    issueBatches += 1;
    if (issueBatches === 10) {
      process.stdout.write('MID-TRANSACTION\n');
      if (pause) {
        setInterval(() => undefined, 1_000);
        await new Promise<never>(() => undefined);
      }
    }
  },
});

const issues = Array.from({ length: issueRows }, (_, i) => ({
  code: `synthetic.code-${i % 97}`,
  path: `Patient.extension.element${i}`,
  severity: 'error' as const,
  count: 1 + (i % 5),
  requirements: ['MDS-15'],
  waived: 0,
}));
await store.recordSubmission(makeSummary({ payloadHash: fakeHash('crash'), issues }));
process.stdout.write('COMMITTED\n');
await store.close();
