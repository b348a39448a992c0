/**
 * The check pool (src/server/node-check-pool.ts): the same answers as checking in the request thread;
 * a full queue gives 503 `http.busy` with Retry-After; a thread that dies or overruns its deadline
 * fails only its own request (500 `http.check-failed`), is replaced, and the service keeps
 * answering (/health included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/check/create-checker.js';
import { createApp } from '../../src/server/app.js';
import { buildChecker } from '../../src/server/node-build-checker.js';
import { CheckThreadError } from '../../src/server/check-offload.js';
import { createCheckPool, type CheckPool } from '../../src/server/node-check-pool.js';
import { checkFhirValidate, type FhirValidateInput } from '../../src/server/fhir-validate-check.js';
import { HttpProblem } from '../../src/server/http-problem.js';

const faulty = new URL('./faulty-pool-thread.ts', import.meta.url);
const encode = (text: string) => new TextEncoder().encode(text);
const input = (text: string, media = 'application/fhir+json'): FhirValidateInput => ({
  bytes: encode(text),
  media,
  options: {},
  maxDepth: 200,
});
/** The outcome of a call, comparable across threads: the answer, or the problem's status and codes. */
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof HttpProblem)
      return { status: error.status, codes: error.issues.map((i) => [i.code, i.pointer]) };
    throw error;
  }
}

describe('check pool', () => {
  let checker: Checker;
  let pool: CheckPool;

  beforeAll(async () => {
    checker = (await buildChecker({}, () => undefined)).checker;
    pool = createCheckPool({
      threads: 1,
      maxQueue: 2,
      maxQueuedBytes: 40,
      recipe: {},
      entry: faulty,
      jobTimeoutMs: 3000,
    });
    await pool.ready();
  }, 60_000);

  afterAll(() => pool?.close());

  it('answers as the request thread does: resources, Parameters, XML, unreadable bodies, checkBytes', async () => {
    const bodies: [string, string?][] = [
      ['{"resourceType":"Patient","gender":"nope","birthDate":"2020-13-01"}'],
      ['{"resourceType":"Patient","id":"a","id":"b"}'],
      [
        '{"resourceType":"Parameters","parameter":[{"name":"resource","resource":{"resourceType":"Observation"}}]}',
      ],
      ['{"resourceType":"Patient",'],
      ['[1,2]'],
      [
        '<Patient xmlns="http://hl7.org/fhir"><gender value="x"/></Patient>',
        'application/fhir+xml',
      ],
      ['\xff'],
    ];
    for (const [text, media] of bodies) {
      const here = await outcome(checkFhirValidate(checker, input(text, media)));
      const there = await outcome(pool.fhirValidate(input(text, media)));
      expect(there, text).toEqual(here);
    }
    const bytes = encode('{"resourceType":"Patient","gender":"nope"}\n{"resourceType":"Basic"}\n');
    const here = await checker.checkBytes(bytes, { format: 'ndjson' });
    const there = await pool.checkBytes(bytes.slice(), { format: 'ndjson' });
    // everything but the per-record timings
    const untimed = (c: typeof here) =>
      JSON.parse(JSON.stringify(c, (k, v: unknown) => (k === 'ms' ? undefined : v))) as unknown;
    expect(untimed(there)).toEqual(untimed(here));
    expect(there.result.issues.length).toBeGreaterThan(0);
  }, 60_000);

  it('transfers the bytes it is given (the caller gives them up), copying views of a larger buffer', async () => {
    const whole = encode('{"resourceType":"Patient"}');
    await pool.fhirValidate({ ...input(''), bytes: whole });
    expect(whole.byteLength).toBe(0);
    const big = encode(' {"resourceType":"Patient"}');
    const view = big.subarray(1);
    await pool.fhirValidate({ ...input(''), bytes: view });
    expect(big.byteLength).toBe(27);
  });

  it('a full queue (by count, or by bytes waiting): 503 http.busy with Retry-After, at once', async () => {
    const refusal = async (call: Promise<unknown>): Promise<HttpProblem> => {
      const refused = (await call.catch((e: unknown) => e)) as HttpProblem;
      expect(refused).toBeInstanceOf(HttpProblem);
      return refused;
    };
    // by count: one running, two waiting (2 bytes each), the third refused
    let running = pool.fhirValidate(input('SLOW{"resourceType":"Patient"}'));
    let waiting = [pool.fhirValidate(input('{}')), pool.fhirValidate(input('{}'))];
    const byCount = await refusal(pool.fhirValidate(input('{}')));
    expect(byCount.status).toBe(503);
    expect(byCount.issues[0]!.code).toBe('http.busy');
    expect(byCount.headers['Retry-After']).toBe('1');
    await expect(running).rejects.toBeInstanceOf(HttpProblem); // SLOW… is not JSON: 400
    for (const w of waiting) await expect(w).resolves.toBeDefined(); // checked (`{}` is not a resource: 400)
    // by bytes: 26 waiting, 26 more would pass the 40 allowed
    running = pool.fhirValidate(input('SLOW{"resourceType":"Patient"}'));
    waiting = [pool.fhirValidate(input('{"resourceType":"Patient"}'))];
    const byBytes = await refusal(pool.fhirValidate(input('{"resourceType":"Patient"}')));
    expect(byBytes.status).toBe(503);
    await expect(running).rejects.toBeInstanceOf(HttpProblem);
    expect((await waiting[0]!).status).toBe(200);
  });

  it('a thread that dies fails its request only, and is replaced', async () => {
    const died = await pool.fhirValidate(input('CRASH')).catch((e) => e);
    expect(died).toBeInstanceOf(CheckThreadError);
    expect((await pool.fhirValidate(input('{"resourceType":"Patient"}'))).status).toBe(200);
    expect(pool.stats().replaced).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a thread past its deadline is stopped and replaced', async () => {
    const stuck = await pool.fhirValidate(input('HANG')).catch((e) => e);
    expect(stuck).toBeInstanceOf(CheckThreadError);
    expect((stuck as CheckThreadError).reason).toBe('timeout');
    expect((await pool.fhirValidate(input('{"resourceType":"Patient"}'))).status).toBe(200);
  }, 60_000);

  it('through the app: 500 http.check-failed as an OperationOutcome, /health answers meanwhile, the next request is checked', async () => {
    const app = createApp({ checker, offload: pool });
    const post = (body: string) =>
      app.request('/fhir/$validate', {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body,
      });
    const slow = post('HANG');
    const health = await app.request('/health');
    expect(health.status).toBe(200);
    const failed = await slow;
    expect(failed.status).toBe(500);
    const outcome = (await failed.json()) as {
      resourceType: string;
      issue: { extension?: { url: string; valueString?: string }[] }[];
    };
    expect(outcome.resourceType).toBe('OperationOutcome');
    const codes = outcome.issue.flatMap((i) =>
      (i.extension ?? []).filter((e) => e.url.endsWith('message-id')).map((e) => e.valueString),
    );
    expect(codes).toEqual(['http.check-failed']);
    expect((await post('{"resourceType":"Patient"}')).status).toBe(200);
  }, 60_000);
});
