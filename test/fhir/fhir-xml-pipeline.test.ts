/**
 * FHIR XML through the one pipeline (issue 20): detection by content, extension and media type,
 * whole text, bytes and streams, validity from the XML-only issues, the same issues as the JSON twin.
 */
import { describe, expect, it } from 'vitest';
import { syntaxForMediaType } from '../../src/check/fhir-syntaxes.js';
import { createFhirXmlSyntax } from '../../src/check/fhir-xml-syntax.js';
import type { Issue } from '../../src/issues/issue.js';
import { createNodeChecker } from '../../src/node/create-node-checker.js';

const checker = createNodeChecker();
const ns = 'xmlns="http://hl7.org/fhir"';
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Patient ${ns}>
  <name><family value="Smith"/></name>
  <gender value="neither"/>
</Patient>
`;
const json = JSON.stringify({
  resourceType: 'Patient',
  name: [{ family: 'Smith' }],
  gender: 'neither',
});
const key = (i: Issue) => `${i.severity} ${i.code} ${i.expression} ${i.pointer}`;

describe('FHIR XML in the pipeline', () => {
  it('detects XML by content and gives the issues of the JSON twin, placed in the XML', () => {
    const fromXml = checker.check(xml);
    const fromJson = checker.check(json);
    expect(fromXml.feed).toBe('fhir');
    expect(fromXml.format).toBe('xml');
    expect(fromXml.result.valid).toBe(false);
    expect(fromXml.result.issues.map(key)).toEqual(fromJson.result.issues.map(key));
    expect(fromXml.result.issues.find((i) => i.pointer === '/gender')?.position).toEqual({
      line: 4,
      column: 11,
    });
  });

  it('detects XML by the .xml extension and reads bytes and streams alike', async () => {
    const bytes = new TextEncoder().encode(xml);
    const byName = await checker.checkBytes(bytes, { filename: 'patient.xml' });
    expect(byName.format).toBe('xml');
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 40), bytes.subarray(40)];
    const streamed = await checker.checkStream(chunks, { filename: 'patient.xml' });
    expect(streamed.result.issues.map(key)).toEqual(byName.result.issues.map(key));
    expect(streamed.result.issues.find((i) => i.pointer === '/gender')?.position?.line).toBe(4);
  });

  it('makes the result invalid for XML-only errors, and stops at fatal ones', () => {
    const outOfOrder = checker.check(
      `<Patient ${ns}><gender value="male"/><name><family value="X"/></name></Patient>`,
    );
    expect(outOfOrder.result.valid).toBe(false);
    expect(outOfOrder.result.issues.filter((i) => i.code.startsWith('xml.')).map(key)).toEqual([
      'error xml.element-order Patient.name /name',
    ]);
    const dtd = checker.check(
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Patient ${ns}/>`,
    );
    expect(dtd.result.valid).toBe(false);
    expect(dtd.result.issues.map((i) => i.code)).toEqual(['xml.dtd-not-allowed']);
    const deep = checker.check(
      `<Patient ${ns}>${'<extension url="urn:x">'.repeat(1_200)}${'</extension>'.repeat(1_200)}</Patient>`,
    );
    expect(deep.result.issues.map((i) => `${i.severity} ${i.code}`)).toEqual([
      'fatal input.too-deep',
    ]);
  });

  it('knows the XML media types, and JSON and NDJSON stay as they were', () => {
    const syntaxes = [createFhirXmlSyntax(checker.registry)];
    for (const type of ['application/fhir+xml', 'application/xml', 'text/xml'])
      expect(syntaxForMediaType(syntaxes, type)?.format).toBe('xml');
    expect(checker.check(json).format).toBe('json');
    expect(checker.check(`${json}\n${json}\n`, { filename: 'a.ndjson' }).format).toBe('ndjson');
  });
});
