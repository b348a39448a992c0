/**
 * FHIR XML at the service (issue 20): `$validate` and `/v1/validate` accept FHIR XML, and answer
 * with an XML OperationOutcome when `_format` or `Accept` asks for it (or the body was XML).
 */
import { describe, expect, it } from 'vitest';
import { createFhirXmlReader } from '../../src/fhir/xml/validate-fhir-xml.js';
import { createApp } from '../../src/server/app.js';
import {
  baseValidator,
  codesOf,
  lineCol,
  mdssCode,
  outcomeOf,
  post,
  type OutcomeIssue,
} from './helpers.js';

const validator = baseValidator();
const app = createApp({ validator, limits: { maxBodyBytes: 64 * 1024 } });
const reader = createFhirXmlReader(validator.registry);
const ns = 'xmlns="http://hl7.org/fhir"';
const patientXml = `<Patient ${ns}>\n  <birthDate value="1970-13-45"/>\n</Patient>`;

/** An XML OperationOutcome read back with the FHIR XML reader (which checks its order too). */
async function xmlOutcomeOf(
  res: Response,
): Promise<{ resourceType: string; issue: OutcomeIssue[] }> {
  const read = reader.read(await res.text());
  expect(read.issues).toEqual([]);
  return read.value as unknown as { resourceType: string; issue: OutcomeIssue[] };
}

describe('FHIR XML at the service', () => {
  it('$validate reads FHIR XML and answers in XML, issues placed in the XML', async () => {
    for (const type of ['application/fhir+xml', 'application/xml']) {
      const res = await app.request('/fhir/$validate', post(patientXml, type));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+xml/);
      const outcome = await xmlOutcomeOf(res);
      expect(outcome.resourceType).toBe('OperationOutcome');
      const date = outcome.issue.find((i) => i.expression?.[0] === 'Patient.birthDate');
      expect(date && mdssCode(date)).toBe('primitive.invalid-format');
      expect(date && lineCol(date)).toEqual({ line: 2, column: 14 });
    }
  });

  it('answers JSON to XML when Accept or _format says so, and XML to JSON likewise', async () => {
    const json = await app.request(
      '/fhir/$validate',
      post(patientXml, 'application/fhir+xml', { Accept: 'application/fhir+json' }),
    );
    expect(json.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(codesOf(await outcomeOf(json))).toContain('primitive.invalid-format');
    const body = JSON.stringify({ resourceType: 'Patient', birthDate: '1970-13-45' });
    const xml = await app.request('/fhir/$validate?_format=xml', post(body));
    expect(xml.headers.get('content-type')).toMatch(/^application\/fhir\+xml/);
    expect(codesOf(await xmlOutcomeOf(xml))).toContain('primitive.invalid-format');
    const accepted = await app.request(
      '/fhir/$validate',
      post(body, 'application/fhir+json', {
        Accept: 'application/fhir+xml;q=1, application/fhir+json;q=0.5',
      }),
    );
    expect(accepted.headers.get('content-type')).toMatch(/^application\/fhir\+xml/);
  });

  it('$validate reads a Parameters body in XML and places the resource issues', async () => {
    const body = `<Parameters ${ns}>\n  <parameter>\n    <name value="resource"/>\n    <resource>\n      <Patient>\n        <gender value="neither"/>\n      </Patient>\n    </resource>\n  </parameter>\n</Parameters>`;
    const res = await app.request('/fhir/Patient/$validate', post(body, 'application/fhir+xml'));
    expect(res.status).toBe(200);
    const gender = (await xmlOutcomeOf(res)).issue.find(
      (i) => i.expression?.[0] === 'Patient.gender',
    );
    expect(gender && mdssCode(gender)).toBe('binding.not-in-value-set');
    expect(gender && lineCol(gender)).toEqual({ line: 6, column: 17 });
  });

  it('answers 400 for malformed XML and for a DTD, and XML-only errors are issues', async () => {
    const broken = await app.request(
      '/fhir/$validate',
      post(`<Patient ${ns}><active value="true"></Patient>`, 'application/fhir+xml'),
    );
    expect(broken.status).toBe(400);
    expect(codesOf(await xmlOutcomeOf(broken))).toEqual(['xml.invalid-xml']);
    const dtd = await app.request(
      '/fhir/$validate',
      post(
        `<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Patient ${ns}/>`,
        'application/fhir+xml',
      ),
    );
    expect(dtd.status).toBe(400);
    expect(codesOf(await xmlOutcomeOf(dtd))).toEqual(['xml.dtd-not-allowed']);
    const order = await app.request(
      '/fhir/$validate',
      post(
        `<Patient ${ns}><gender value="male"/><active value="true"/></Patient>`,
        'application/fhir+xml',
      ),
    );
    expect(order.status).toBe(200);
    expect(codesOf(await xmlOutcomeOf(order))).toContain('xml.element-order');
  });

  it('/v1/validate takes FHIR XML', async () => {
    const res = await app.request('/v1/validate', post(patientXml, 'application/fhir+xml'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      feed: string;
      format: string;
      valid: boolean;
      issues: { code: string; position?: { line: number } }[];
    };
    expect([report.feed, report.format, report.valid]).toEqual(['fhir', 'xml', false]);
    expect(report.issues.find((i) => i.code === 'primitive.invalid-format')?.position?.line).toBe(
      2,
    );
  });
});
