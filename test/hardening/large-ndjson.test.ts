/**
 * Issue 14, item 2 (FHIR NDJSON): a body of 300,000 lines of `{}` stops reading at the whole-body
 * issue cap or time budget (`engine.limit-reached`, partial result), and the service answers
 * /health while it is validated (real concurrent requests over a socket).
 */
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/check/create-checker.js';
import type { Issue } from '../../src/issues/issue.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { baseValidator } from '../server/helpers.js';

const LINES = 300_000;
/** Each line is an empty object: one error (no resourceType) per line. */
const ndjson = '{}\n'.repeat(LINES);
const validator = baseValidator();

function limitOf(issues: readonly Issue[]): unknown {
  return issues.find((i) => i.code === 'engine.limit-reached')?.params['limit'];
}

/** A fake monotonic clock: one millisecond per reading. */
function tickingClock(): () => number {
  let t = 0;
  return () => ++t;
}

describe('FHIR NDJSON whole-body limits on 300,000 lines', () => {
  it('stops reading at the issue cap (whole text, bytes and stream)', async () => {
    const checker = createChecker({ validator });
    const bytes = new TextEncoder().encode(ndjson);
    const results = [
      checker.check(ndjson, { format: 'ndjson', maxIssues: 1000 }).result,
      (await checker.checkBytes(bytes, { format: 'ndjson', maxIssues: 1000 })).result,
      (await checker.checkStream([bytes], { format: 'ndjson', maxIssues: 1000 })).result,
    ];
    for (const result of results) {
      expect(result.truncated).toBe(true);
      expect(limitOf(result.issues)).toBe('maxIssues');
      expect(result.issues.filter((i) => i.code === 'engine.limit-reached')).toHaveLength(1);
      expect(result.issues.length).toBeLessThanOrEqual(1001);
    }
  });

  it('stops reading at the time budget (fake clock)', async () => {
    const checker = createChecker({ validator, clock: tickingClock() });
    const result = (
      await checker.checkBytes(new TextEncoder().encode(ndjson), {
        format: 'ndjson',
        maxIssues: 10 * LINES,
        timeBudgetMs: 500,
      })
    ).result;
    expect(result.truncated).toBe(true);
    expect(limitOf(result.issues)).toBe('timeBudgetMs');
    const limit = result.issues.find((i) => i.code === 'engine.limit-reached');
    expect(limit?.severity).toBe('warning');
    expect(limit?.pointer).toBe('');
    // one line's issues per reading at most: far fewer lines read than sent
    expect(result.issues.length).toBeLessThan(LINES / 10);
  });
});

describe('the service while 300,000 NDJSON lines are validated', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      store: false,
      limits: { maxBodyBytes: 64 * 1024 * 1024, maxIssues: 10 * LINES, timeBudgetMs: 3000 },
      log: () => undefined,
    });
  });
  afterAll(() => running.close());

  it('answers /health during the validation, and the upload ends with a result', async () => {
    let bodySent = false;
    const body = Readable.from(
      (function* () {
        for (let at = 0; at < ndjson.length; at += 1 << 20)
          yield Buffer.from(ndjson.slice(at, at + (1 << 20)));
      })(),
    ).on('end', () => (bodySent = true));
    let uploadDone = false;
    // answered = the response has begun (the validation is over; reading a large body is not counted)
    const upload = request(`${running.url}/v1/validate?format=ndjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+ndjson' },
      body,
    }).then(async (res) => {
      uploadDone = true;
      const json = (await res.body.json()) as { truncated: boolean; issues: Issue[] };
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
    expect(json.issues.length).toBeGreaterThan(0);
    expect(answeredDuring).toBeGreaterThanOrEqual(5);
  });
});
