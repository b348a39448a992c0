/**
 * A check-pool thread for the fault tests (node-check-pool.test.ts): the real thread, except that a
 * `$validate` body starting with `CRASH` ends the thread, `HANG` keeps it busy until it is stopped,
 * and `SLOW` answers after 300 ms.
 */
import { runPoolJob, startPoolThread } from '../../src/server/node-check-pool-thread.js';

await startPoolThread(async (checker, job) => {
  if (job.kind === 'fhir-validate') {
    const head = new TextDecoder().decode(job.input.bytes.subarray(0, 4));
    if (head === 'CRAS') process.exit(7);
    if (head === 'HANG') for (;;);
    if (head === 'SLOW') await new Promise((r) => setTimeout(r, 300));
  }
  return runPoolJob(checker, job);
});
