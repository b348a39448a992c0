/**
 * `POST /v1/validate` through `app.request()`: detection, `?feed=`, FHIR JSON and NDJSON, the
 * example social-care feeds, requirement ids and summary, and the feed rows of the bad-input matrix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { baseValidator, codesOf, outcomeOf, post, validPatient } from './helpers.js';

const app = createApp({ validator: baseValidator(), limits: { maxBodyBytes: 256 * 1024 } });
const examples = join(import.meta.dirname, '..', '..', 'examples');
const cldValid = readFileSync(
  join(examples, 'northvale-council-asc', 'cld-2026-q2-valid.csv'),
  'utf8',
);
const cldGaps = readFileSync(join(examples, 'northvale-council-asc', 'cld-2026-q2.csv'), 'utf8');
const cinValid = readFileSync(
  join(examples, 'northvale-council-csc', 'cin-2026-valid.json'),
  'utf8',
);

interface Report {
  feed: string;
  format: string;
  valid: boolean;
  truncated: boolean;
  recordCount: number;
  requirements: string[];
  summary: {
    error: number;
    warning: number;
    fatal: number;
    issueCodes: Record<string, number>;
    recordTypes: Record<string, number>;
    requirements: { requirementId: string; failed: number }[];
  };
  issues: {
    code: string;
    severity: string;
    expression: string;
    pointer: string;
    requirements?: string[];
    position?: { line: number; column: number };
  }[];
}

async function validate(
  body: string,
  type: string,
  query = '',
): Promise<{ status: number; report: Report }> {
  const res = await app.request(`/v1/validate${query}`, post(body, type));
  return { status: res.status, report: (await res.json()) as Report };
}

describe('POST /v1/validate', () => {
  it('detects a CLD CSV and finds no error in the valid example (test NHS numbers allowed)', async () => {
    const { status, report } = await validate(cldValid, 'text/csv', '?allowTestNumbers=true');
    expect(status).toBe(200);
    expect(report).toMatchObject({ feed: 'cld', format: 'csv', valid: true, truncated: false });
    expect(report.recordCount).toBe(11);
    expect(report.summary.error + report.summary.fatal).toBe(0);
    expect(report.summary.recordTypes).toEqual({ 'cld-event': 11 });
  });

  it('reports the documented gaps of the CLD example with requirement ids', async () => {
    const { status, report } = await validate(cldGaps, 'text/csv', '?allowTestNumbers=true');
    expect(status).toBe(200);
    expect(report.valid).toBe(false);
    const checkDigit = report.issues.find((i) => i.code === 'england.nhs-number-check-digit');
    expect(checkDigit).toMatchObject({
      severity: 'error',
      expression: 'Row[12].NHS_Number',
      pointer: '/12/NHS_Number',
    });
    expect(checkDigit?.requirements).toContain('MDS-02');
    expect(checkDigit?.position).toEqual({ line: 15, column: 4 });
    expect(report.requirements).toContain('MDS-02');
    expect(
      report.summary.requirements.find((r) => r.requirementId === 'MDS-02')?.failed,
    ).toBeGreaterThan(0);
  });

  it('without allowTestNumbers, test-range NHS numbers are reported (MDS-03)', async () => {
    const { report } = await validate(cldValid, 'text/csv');
    expect(report.summary.issueCodes['england.nhs-number-test-range']).toBeGreaterThan(0);
    expect(report.requirements).toContain('MDS-03');
  });

  it('detects a CIN JSON feed', async () => {
    const { status, report } = await validate(
      cinValid,
      'application/json',
      '?allowTestNumbers=true',
    );
    expect(status).toBe(200);
    expect(report.feed).toBe('cin');
    expect(report.summary.error + report.summary.fatal).toBe(0);
  });

  it('validates a FHIR resource (detected) with FHIR expressions and positions', async () => {
    const { status, report } = await validate(
      '{\n"resourceType":"Patient",\n"birthDate":"19700101"\n}',
      'application/json',
    );
    expect(status).toBe(200);
    expect(report.feed).toBe('fhir');
    const issue = report.issues.find((i) => i.code === 'primitive.invalid-format');
    expect(issue).toMatchObject({
      expression: 'Patient.birthDate',
      pointer: '/birthDate',
      position: { line: 3, column: 1 },
    });
  });

  it('validates FHIR NDJSON line by line with line-prefixed pointers', async () => {
    const ndjson = `${JSON.stringify(validPatient)}\n${JSON.stringify({ resourceType: 'Patient', gender: 'x' })}\n`;
    const { status, report } = await validate(ndjson, 'application/fhir+ndjson');
    expect(status).toBe(200);
    expect(report).toMatchObject({ feed: 'fhir', format: 'ndjson', recordCount: 2 });
    const issue = report.issues.find((i) => i.code === 'binding.not-in-value-set');
    expect(issue).toMatchObject({ pointer: '/1/gender', expression: 'Patient.gender' });
    expect(issue?.position?.line).toBe(2);
  });

  it('?feed= overrides detection: a FHIR Patient read as CLD gets CLD issues (Release 2 by default: mandatory blanks)', async () => {
    const { status, report } = await validate(
      JSON.stringify(validPatient),
      'application/json',
      '?feed=cld',
    );
    expect(status).toBe(200);
    expect(report.feed).toBe('cld');
    expect(report.summary.issueCodes['cld.mandatory-blank']).toBeGreaterThan(0);
    expect(report.issues.some((i) => i.code.startsWith('structure.'))).toBe(false);
  });

  it('unknown feed parameter: 422 feed.unknown-feed', async () => {
    const res = await app.request('/v1/validate?feed=gp-extract', post('a,b\n1,2\n', 'text/csv'));
    expect(res.status).toBe(422);
    expect(codesOf(await outcomeOf(res))).toEqual(['feed.unknown-feed']);
  });

  it('undetectable feed: 422 feed.unknown-feed', async () => {
    const res = await app.request('/v1/validate', post('colour,size\nred,large\n', 'text/csv'));
    expect(res.status).toBe(422);
    expect(codesOf(await outcomeOf(res))).toEqual(['feed.unknown-feed']);
  });

  it('malformed JSON document: 400 input.invalid-json', async () => {
    const res = await app.request(
      '/v1/validate',
      post('{"resourceType": "Patient",', 'application/fhir+json'),
    );
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.invalid-json']);
  });

  it('wrong content type: 415', async () => {
    const res = await app.request('/v1/validate', post('%PDF-1.4', 'application/pdf'));
    expect(res.status).toBe(415);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.unsupported-media-type']);
  });

  it('body over the limit: 413', async () => {
    const res = await app.request(
      '/v1/validate',
      post(`NHS_Number,Event_Type\n${'1,2\n'.repeat(100_000)}`, 'text/csv'),
    );
    expect(res.status).toBe(413);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.too-large']);
  });

  it('nesting too deep: 400 input.too-deep', async () => {
    const res = await app.request(
      '/v1/validate',
      post(`[${'{"a":'.repeat(300)}1${'}'.repeat(300)}]`, 'application/json'),
    );
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.too-deep']);
  });

  it('invalid format parameter: 400', async () => {
    const res = await app.request('/v1/validate?format=yaml', post('{}', 'application/json'));
    expect(res.status).toBe(400);
    expect(codesOf(await outcomeOf(res))).toEqual(['http.invalid-parameter']);
  });
});
