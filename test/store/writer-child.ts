/**
 * Child process for the concurrent-writers test: opens the SQLite store at MDSS_WRITER_PATH (as each
 * worker of `mdss serve --processes` does) and records MDSS_WRITER_COUNT small submissions labelled
 * MDSS_WRITER_LABEL. A write refused as busy (the busy timeout passed; the service answers 503 with
 * Retry-After) is retried; prints `{"recorded":n,"busy":n}`.
 */
import { openStore } from '../../src/store/open-store.js';
import { unavailableReason } from '../../src/store/store-unavailable.js';
import { fakeHash, makeSummary } from './summary-fixtures.js';

const path = process.env['MDSS_WRITER_PATH']!;
const count = Number(process.env['MDSS_WRITER_COUNT'] ?? '40');
const label = process.env['MDSS_WRITER_LABEL'] ?? 'w';
const store = await openStore({ sqlitePath: path });
let busy = 0;
let recorded = 0;
for (let i = 0; i < count; i++) {
  const issues = Array.from({ length: 50 }, (_, j) => ({
    code: `synthetic.code-${j % 7}`,
    path: `Patient.element${j}`,
    severity: 'error' as const,
    count: 1,
    requirements: ['MDS-15'],
    waived: 0,
  }));
  for (;;) {
    try {
      await store.recordSubmission(makeSummary({ payloadHash: fakeHash(`${label}-${i}`), issues }));
      recorded++;
      break;
    } catch (error) {
      if (unavailableReason(error) !== 'busy') throw error;
      busy++;
    }
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ recorded, busy })}\n`);
