/**
 * `$validate` through `app.request()`: results for valid and invalid resources, Parameters, type
 * checks, and the bad-input matrix (400/404/413/415/422/500, time budget).
 */
import { describe, expect, it } from 'vitest';
import type { Validator } from '../../src/fhir/validator/create-validator.js';
import { createApp } from '../../src/server/app.js';
import type { LogEntry } from '../../src/server/log-entry.js';
import {
  baseRegistry,
  baseValidator,
  codesOf,
  lineCol,
  mdssCode,
  outcomeOf,
  post,
  validPatient,
} from './helpers.js';

const validator = baseValidator();
const app = createApp({ validator, limits: { maxBodyBytes: 64 * 1024 } });

describe('POST /fhir/$validate', () => {
  it('answers 200 and no error issue for a valid Patient', async () => {
    const res = await app.request('/fhir/$validate', post(JSON.stringify(validPatient)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const outcome = await outcomeOf(res);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual(
      [],
    );
  });

  it('answers 200 with located error issues for an invalid Patient', async () => {
    const body =
      '{\n  "resourceType": "Patient",\n  "birthDate": "1970-13-45",\n  "gender": "unknown-value"\n}';
    const res = await app.request('/fhir/$validate', post(body));
    expect(res.status).toBe(200);
    const outcome = await outcomeOf(res);
    const date = outcome.issue.find((i) => i.expression?.[0] === 'Patient.birthDate');
    expect(date && mdssCode(date)).toBe('primitive.invalid-format');
    expect(date?.severity).toBe('error');
    expect(date && lineCol(date)).toEqual({ line: 3, column: 3 });
    const gender = outcome.issue.find((i) => i.expression?.[0] === 'Patient.gender');
    expect(gender && mdssCode(gender)).toBe('binding.not-in-value-set');
  });

  it('accepts application/json as well as application/fhir+json (with charset)', async () => {
    const res = await app.request(
      '/fhir/$validate',
      post(JSON.stringify(validPatient), 'application/json; charset=utf-8'),
    );
    expect(res.status).toBe(200);
  });

  it('validates the resource parameter of a Parameters body, with positions inside the body', async () => {
    const body = JSON.stringify(
      {
        resourceType: 'Parameters',
        parameter: [
          { name: 'mode', valueCode: 'create' },
          { name: 'resource', resource: { resourceType: 'Patient', birthDate: 'x' } },
        ],
      },
      null,
      2,
    );
    const res = await app.request('/fhir/$validate', post(body));
    expect(res.status).toBe(200);
    const issue = (await outcomeOf(res)).issue.find(
      (i) => mdssCode(i) === 'primitive.invalid-format',
    );
    expect(issue?.expression).toEqual(['Patient.birthDate']);
    expect(issue && lineCol(issue).line).toBe(
      body.split('\n').findIndex((l) => l.includes('"birthDate"')) + 1,
    );
  });

  it('answers 400 http.invalid-parameter for a Parameters body without a resource', async () => {
    const res = await app.request(
      '/fhir/$validate',
      post(
        JSON.stringify({
          resourceType: 'Parameters',
          parameter: [{ name: 'mode', valueCode: 'create' }],
        }),
      ),
    );
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.invalid-parameter']);
  });

  it('answers 400 http.invalid-parameter for an unsupported mode', async () => {
    const res = await app.request(
      '/fhir/$validate?mode=delete',
      post(JSON.stringify(validPatient)),
    );
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.invalid-parameter']);
  });
});

describe('POST /fhir/{type}/$validate', () => {
  it('answers 200 without a type issue when the types agree', async () => {
    const res = await app.request('/fhir/Patient/$validate', post(JSON.stringify(validPatient)));
    expect(res.status).toBe(200);
    expect(codesOf(await outcomeOf(res))).not.toContain('http.type-mismatch');
  });

  it('reports http.type-mismatch at resourceType when the body is another type', async () => {
    const res = await app.request(
      '/fhir/Observation/$validate',
      post(JSON.stringify(validPatient)),
    );
    expect(res.status).toBe(200);
    const issue = (await outcomeOf(res)).issue.find((i) => mdssCode(i) === 'http.type-mismatch');
    expect(issue?.severity).toBe('error');
    expect(issue?.expression).toEqual(['Patient']);
  });

  it('answers 404 http.not-found for an unknown resource type', async () => {
    const res = await app.request('/fhir/Nonsense/$validate', post(JSON.stringify(validPatient)));
    expect(res.status).toBe(404);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.not-found']);
  });
});

describe('bad input matrix', () => {
  it('malformed JSON: 400 input.invalid-json with line/column extensions', async () => {
    const res = await app.request(
      '/fhir/$validate',
      post('{\n  "resourceType": "Patient",\n  "gender": }'),
    );
    expect(res.status).toBe(400);
    const outcome = await outcomeOf(res);
    expect(codesOf(outcome)).toEqual(['input.invalid-json']);
    expect(outcome.issue[0]!.severity).toBe('fatal');
    expect(lineCol(outcome.issue[0]!)).toEqual({ line: 3, column: 13 });
  });

  it('wrong content type: 415 http.unsupported-media-type', async () => {
    const res = await app.request(
      '/fhir/$validate',
      post(JSON.stringify(validPatient), 'text/plain'),
    );
    expect(res.status).toBe(415);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.unsupported-media-type']);
  });

  it('missing content type: 415', async () => {
    const res = await app.request('/fhir/$validate', {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify(validPatient)),
    });
    expect(res.status).toBe(415);
  });

  it('body over the limit by Content-Length: 413 input.too-large before reading', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await app.request('/fhir/$validate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json', 'Content-Length': String(1024 * 1024) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.too-large']);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('body over the limit without Content-Length: 413, and reading stops soon after the limit', async () => {
    let pulled = 0;
    const chunk = 4096;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
      },
    });
    const res = await app.request('/fhir/$validate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.too-large']);
    // The stream never ends: the request can only finish because reading stopped past 64 KiB.
    expect(pulled * chunk).toBeLessThan(64 * 1024 + 4 * chunk);
  });

  it('nesting deeper than the limit: 400 input.too-deep with position, no stack overflow', async () => {
    const depth = 10_000;
    const body = `{"resourceType":"Patient","extension":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await app.request('/fhir/$validate', post(body));
    expect(res.status).toBe(400);
    const outcome = await outcomeOf(res);
    expect(codesOf(outcome)).toEqual(['input.too-deep']);
    expect(lineCol(outcome.issue[0]!).line).toBe(1);
  });

  it('brackets inside strings (with escaped quotes) do not count as nesting', async () => {
    const body = JSON.stringify({
      resourceType: 'Patient',
      id: 'x',
      name: [{ text: `"${'['.repeat(500)}{{{` }],
    });
    const res = await app.request('/fhir/$validate', post(body));
    expect(res.status).toBe(200);
    expect(codesOf(await outcomeOf(res))).not.toContain('input.too-deep');
  });

  it('nesting within a configured larger limit is accepted', async () => {
    const deepApp = createApp({ validator, limits: { maxDepth: 400 } });
    const body = `{"resourceType":"Patient","extension":${'['.repeat(250)}${']'.repeat(250)}}`;
    const res = await deepApp.request('/fhir/$validate', post(body));
    expect(res.status).not.toBe(500);
    expect(codesOf(await outcomeOf(res))).not.toContain('input.too-deep');
  });

  it('invalid UTF-8: 400 input.invalid-utf8', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"resourceType":"Patient","id":"'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('"}'),
    ]);
    const res = await app.request('/fhir/$validate', post(bytes));
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.invalid-utf8']);
  });

  it('a body that is not a resource: 400 input.not-a-resource', async () => {
    const res = await app.request('/fhir/$validate', post('[1,2]'));
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.not-a-resource']);
  });

  it('unknown profile (query): 422 profile.unresolved', async () => {
    const res = await app.request(
      '/fhir/$validate?profile=https://example.org/fhir/StructureDefinition/nope',
      post(JSON.stringify(validPatient)),
    );
    expect(res.status).toBe(422);
    expect(codesOf(await outcomeOf(res))).toEqual(['profile.unresolved']);
  });

  it('unknown profile (Parameters): 422 profile.unresolved', async () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: validPatient },
        { name: 'profile', valueUri: 'https://example.org/nope' },
      ],
    };
    const res = await app.request('/fhir/$validate', post(JSON.stringify(body)));
    expect(res.status).toBe(422);
    expect(codesOf(await outcomeOf(res))).toEqual(['profile.unresolved']);
  });

  it('validates against a framework profile (from the framework pack or profiles/fhir)', async () => {
    const res = await app.request(
      '/fhir/Patient/$validate?profile=https://mdss.example.org/fhir/StructureDefinition/mdss-patient',
      post(JSON.stringify({ resourceType: 'Patient', gender: 'female' })),
    );
    expect(res.status).toBe(200);
    const outcome = await outcomeOf(res);
    expect(
      outcome.issue.some((i) => mdssCode(i) === 'cardinality.too-few' && i.severity === 'error'),
    ).toBe(true);
  });

  it('a known profile is accepted', async () => {
    const res = await app.request(
      '/fhir/$validate?profile=http://hl7.org/fhir/StructureDefinition/Patient',
      post(JSON.stringify(validPatient)),
    );
    expect(res.status).toBe(200);
  });

  it('time budget exceeded: 200 with the partial result, engine.limit-reached', async () => {
    let t = 0;
    const slowClock = baseValidator({ now: () => (t += 1000) });
    const budgetApp = createApp({ validator: slowClock, limits: { timeBudgetMs: 1 } });
    const entries = Array.from({ length: 300 }, (_, i) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resource: { resourceType: 'Patient', gender: 'female' },
    }));
    const res = await budgetApp.request(
      '/fhir/$validate',
      post(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries })),
    );
    expect(res.status).toBe(200);
    const limit = (await outcomeOf(res)).issue.find((i) => mdssCode(i) === 'engine.limit-reached');
    expect(limit?.severity).toBe('warning');
  });

  it('unexpected exception: 500 http.internal-error with the request id, logged without the message', async () => {
    const logs: LogEntry[] = [];
    const broken: Validator = {
      registry: baseRegistry(),
      validate() {
        throw new Error('secret payload value 9434765919');
      },
    };
    const failing = createApp({ validator: broken, log: (e) => logs.push(e) });
    const res = await failing.request(
      '/fhir/$validate',
      post(JSON.stringify(validPatient), 'application/fhir+json', { 'X-Request-Id': 'req-123' }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('req-123');
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/at .*\.ts/);
    const outcome = JSON.parse(text) as { issue: { code: string }[] };
    expect(outcome.issue[0]!.code).toBe('exception');
    const exception = logs.find((e) => e.event === 'exception');
    expect(exception?.requestId).toBe('req-123');
    expect(exception?.errorName).toBe('Error');
    expect(JSON.stringify(logs)).not.toContain('9434765919');
  });

  it('generates a request id when none (or an unsafe one) is sent', async () => {
    const res = await app.request(
      '/fhir/$validate',
      post(JSON.stringify(validPatient), 'application/fhir+json', {
        'X-Request-Id': 'bad id with spaces',
      }),
    );
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('known path, wrong method: 405 http.method-not-allowed with Allow', async () => {
    const res = await app.request('/fhir/Patient/$validate');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(codesOf(await outcomeOf(res))).toEqual(['http.method-not-allowed']);
    expect((await app.request('/health', { method: 'DELETE' })).status).toBe(405);
  });

  it('unknown path: 404 OperationOutcome', async () => {
    const res = await app.request('/nowhere');
    expect(res.status).toBe(404);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.not-found']);
  });
});

describe('logging', () => {
  it('logs route, status, counts and codes, never payload values', async () => {
    const logs: LogEntry[] = [];
    const logged = createApp({ validator, log: (e) => logs.push(e) });
    const body = JSON.stringify({
      resourceType: 'Patient',
      name: [{ family: 'Zzyzx-Testperson' }],
      birthDate: '1901-02-31',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
    });
    await logged.request('/fhir/$validate', post(body));
    expect(logs).toHaveLength(1);
    const entry = logs[0]!;
    expect(entry).toMatchObject({
      event: 'request',
      route: '/fhir/$validate',
      status: 200,
      method: 'POST',
    });
    expect(entry.issueCodes).toBeDefined();
    const text = JSON.stringify(logs);
    for (const value of ['Zzyzx', '9434765919', '1901-02-31']) expect(text).not.toContain(value);
  });
});
