/**
 * Issue 14, item 2: a small CSV or NDJSON upload of a million short records must not freeze the
 * service. Feeds stop reading at the issue cap or the time budget (`engine.limit-reached`, partial
 * result), and the service answers /health while a 1,000,000-row CSV is being validated (real
 * concurrent requests over a socket).
 */
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/feeds/validate-feed.js';
import type { Issue } from '../../src/issues/issue.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { baseValidator } from '../server/helpers.js';

const ROWS = 1_000_000;
const header =
  'LA_Code,LA_Name,Reporting_Period_Start_Date,Reporting_Period_End_Date,NHS_Number,LA_Person_Unique_Identifier,Event_Type,Event_Reference';
/** A CLD header and a million one-field rows (about 4 MB): each row is ragged. */
const csv = `${header}\n${'x,1\n'.repeat(ROWS)}`;
const validator = baseValidator();

function limitOf(issues: readonly Issue[]): unknown {
  return issues.find((i) => i.code === 'engine.limit-reached')?.params['limit'];
}

/** A fake monotonic clock: one millisecond per reading. */
function tickingClock(): () => number {
  let t = 0;
  return () => ++t;
}

describe('feed engine limits on a 1,000,000-row CSV', () => {
  it('stops reading at the issue cap', () => {
    const result = validateFeed(csv, { feed: 'cld', maxIssues: 1000 });
    expect(result.truncated).toBe(true);
    expect(limitOf(result.issues)).toBe('maxIssues');
    expect(result.recordCount).toBeLessThan(ROWS / 10);
  });

  it('stops reading at the time budget (fake clock)', () => {
    const result = validateFeed(csv, {
      feed: 'cld',
      maxIssues: 10 * ROWS,
      timeBudgetMs: 500,
      clock: tickingClock(),
    });
    expect(result.truncated).toBe(true);
    expect(limitOf(result.issues)).toBe('timeBudgetMs');
    expect(result.issues.find((i) => i.code === 'engine.limit-reached')?.severity).toBe('warning');
    expect(result.recordCount).toBeLessThan(ROWS);
  });
});

describe('the service while a 1,000,000-row CSV is validated', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      store: false,
      // a budget well below the time the whole CSV takes (a million issues: ≈ 3 s on a 2026 CI machine),
      // so the partial result does not depend on the machine being slow enough
      limits: { maxBodyBytes: 64 * 1024 * 1024, maxIssues: 10 * ROWS, timeBudgetMs: 1000 },
      log: () => undefined,
    });
  });
  afterAll(() => running.close());

  it('answers /health during the validation, and the upload ends with a partial result', async () => {
    let bodySent = false;
    const body = Readable.from(
      (function* () {
        for (let at = 0; at < csv.length; at += 1 << 20)
          yield Buffer.from(csv.slice(at, at + (1 << 20)));
      })(),
    ).on('end', () => (bodySent = true));
    let uploadDone = false;
    const upload = request(`${running.url}/v1/validate?feed=cld`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
    }).then(async (res) => {
      const json = (await res.body.json()) as { truncated: boolean; issues: Issue[] };
      uploadDone = true;
      return { status: res.statusCode, json };
    });
    // Health checks one after another, 20 ms apart, until the upload is answered.
    let answeredDuring = 0;
    while (!uploadDone) {
      const sentAfterBody = bodySent;
      const res = await request(`${running.url}/health`);
      await res.body.dump();
      expect(res.statusCode).toBe(200);
      if (sentAfterBody && !uploadDone) answeredDuring++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const { status, json } = await upload;
    expect(status).toBe(200);
    expect(json.truncated).toBe(true);
    expect(limitOf(json.issues)).toBe('timeBudgetMs');
    expect(answeredDuring).toBeGreaterThanOrEqual(5);
  });
});
