/**
 * FHIR R4 XML (issue 20): the reader's JSON model, the XML-only rules (namespaces, value attributes,
 * element order, XHTML, no DTDs/entities/processing instructions), positions, and the writer's round
 * trip.
 */
import { describe, expect, it } from 'vitest';
import { StructureModel } from '../../src/fhir/definitions/compiled/structure-model.js';
import { createFhirXmlReader, validateFhirXml } from '../../src/fhir/xml/validate-fhir-xml.js';
import { writeFhirXml } from '../../src/fhir/xml/write-fhir-xml.js';
import {
  renderOperationOutcome,
  renderOperationOutcomeXml,
} from '../../src/reports/validation/render-operation-outcome.js';
import { sampleFiles, sampleRun } from '../../src/reports/validation/testing/sample-files.js';
import { baseValidator } from '../support/shared-validator.js';

const validator = baseValidator();
const reader = createFhirXmlReader(validator.registry);
const ns = 'xmlns="http://hl7.org/fhir"';
const div = '<div xmlns="http://www.w3.org/1999/xhtml">Ann</div>';

function check(xml: string) {
  return validateFhirXml(validator, reader, xml);
}
function codes(xml: string) {
  return check(xml)
    .issues.filter((i) => i.severity !== 'information')
    .map((i) => `${i.severity} ${i.code} ${i.pointer}`);
}

describe('FHIR XML reader: the JSON model', () => {
  it('maps primitives, repeating elements, primitive ids and extensions, choices, attributes and the div', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<Patient ${ns}>
  <id value="p1"/>
  <text><status value="generated"/>${div}</text>
  <extension url="http://example.org/a"><valueBoolean value="true"/></extension>
  <active value="false"/>
  <name id="n1">
    <!-- ignored -->
    <given value="Ann"/>
    <given id="g2"><extension url="http://example.org/b"><valueInteger value="3"/></extension></given>
    <given value="Beth"/>
  </name>
  <birthDate id="bd" value="2001-02-03"/>
  <multipleBirthInteger value="2"/>
</Patient>`;
    const read = reader.read(xml);
    expect(read.issues).toEqual([]);
    expect(read.value).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      text: { status: 'generated', div },
      extension: [{ url: 'http://example.org/a', valueBoolean: true }],
      active: false,
      name: [
        {
          id: 'n1',
          given: ['Ann', null, 'Beth'],
          _given: [
            null,
            { id: 'g2', extension: [{ url: 'http://example.org/b', valueInteger: 3 }] },
            null,
          ],
        },
      ],
      birthDate: '2001-02-03',
      _birthDate: { id: 'bd' },
      multipleBirthInteger: 2,
    });
    expect(check(xml).issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
      'extension.unknown /extension/0',
      'extension.unknown /name/0/given/1/extension/0',
    ]);
  });

  it('reads contained resources, Bundle entries and Parameters resources', () => {
    const xml = `<Bundle ${ns}><type value="collection"/>
<entry><fullUrl value="urn:uuid:1"/><resource><Patient><id value="a"/><contained><Organization><id value="o"/></Organization></contained></Patient></resource></entry>
<entry><resource><Parameters><parameter><name value="x"/><resource><Basic><code><text value="t"/></code></Basic></resource></parameter></Parameters></resource></entry>
</Bundle>`;
    const read = reader.read(xml);
    expect(read.issues).toEqual([]);
    expect(read.value).toEqual({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:1',
          resource: {
            resourceType: 'Patient',
            id: 'a',
            contained: [{ resourceType: 'Organization', id: 'o' }],
          },
        },
        {
          resource: {
            resourceType: 'Parameters',
            parameter: [{ name: 'x', resource: { resourceType: 'Basic', code: { text: 't' } } }],
          },
        },
      ],
    });
  });

  it('gives the same issues as the JSON twin (codes, severities, expressions)', () => {
    const json = {
      resourceType: 'Patient',
      gender: 'neither',
      name: [{ given: ['A'], _given: [{ extension: [{ url: 'http://example.org/x' }] }] }],
      foo: 1,
    };
    const xml = `<Patient ${ns}><name><given value="A"><extension url="http://example.org/x"/></given></name><gender value="neither"/><foo value="1"/></Patient>`;
    const key = (i: { severity: string; code: string; expression: string }) =>
      `${i.severity} ${i.code} ${i.expression}`;
    const fromJson = validator.validate(json).issues.map(key).sort();
    expect(fromJson.length).toBeGreaterThan(1);
    expect(check(xml).issues.map(key).sort()).toEqual(fromJson);
  });
});

describe('FHIR XML format rules', () => {
  it('reports elements out of the StructureDefinition order', () => {
    const r = check(
      `<Patient ${ns}>\n  <gender value="male"/>\n  <name><family value="X"/></name>\n</Patient>`,
    );
    const order = r.issues.filter((i) => i.code === 'xml.element-order');
    expect(order.map((i) => [i.severity, i.pointer, i.expression, i.position])).toEqual([
      ['error', '/name', 'Patient.name', { line: 3, column: 3 }],
    ]);
    // inside a data type too, and a repeating element split by another one
    expect(
      codes(`<Patient ${ns}><name><given value="A"/><family value="B"/></name></Patient>`),
    ).toEqual(['error xml.element-order /name/0/family']);
    expect(
      codes(
        `<Patient ${ns}><name><given value="A"/><prefix value="B"/><given value="C"/></name></Patient>`,
      ),
    ).toEqual(['error xml.element-order /name/0/given']);
    expect(
      codes(
        `<Patient ${ns}><name><family value="B"/><given value="A"/><given value="C"/></name></Patient>`,
      ),
    ).toEqual([]);
  });

  it('reports namespace errors', () => {
    expect(codes(`<Patient><active value="true"/></Patient>`)).toContain('error xml.namespace ');
    expect(codes(`<Patient ${ns}><x:active xmlns:x="urn:other" value="true"/></Patient>`)).toEqual([
      'error xml.namespace /active',
    ]);
    expect(
      codes(`<Patient ${ns}><text><status value="generated"/><div>Ann</div></text></Patient>`),
    ).toContain('error xml.xhtml-namespace /text/div');
  });

  it('reports value-attribute errors', () => {
    expect(codes(`<Patient ${ns}><active/></Patient>`)).toEqual([
      'error xml.value-missing /active',
    ]);
    // ele-1: an id alone is neither a value nor children
    expect(codes(`<Patient ${ns}><active id="a1"/></Patient>`)).toEqual([
      'error xml.value-missing /active',
    ]);
    expect(codes(`<Patient ${ns}><active>true</active></Patient>`)).toEqual(
      expect.arrayContaining([
        'error xml.unexpected-text /active',
        'error xml.value-missing /active',
      ]),
    );
    expect(codes(`<Patient ${ns}><name value="Ann"/></Patient>`)).toEqual(
      expect.arrayContaining(['error xml.unknown-attribute /name/0']),
    );
    expect(codes(`<Patient ${ns}><active value="true" colour="red"/></Patient>`)).toEqual([
      'error xml.unknown-attribute /active',
    ]);
    // a bad value reaches the engine as it would in JSON
    const bad = check(`<Patient ${ns}>\n<active value="yes"/></Patient>`);
    expect(bad.valid).toBe(false);
    const active = bad.issues.find((i) => i.pointer === '/active');
    expect(active?.severity).toBe('error');
    expect(active?.position).toEqual({ line: 2, column: 9 });
    // an unknown element is the engine's unknown property, as in JSON
    expect(codes(`<Patient ${ns}><colour value="red"/></Patient>`)).toEqual([
      'error structure.unknown-property /colour',
    ]);
  });

  it('checks the narrative with the same rules as JSON', () => {
    const xml = `<Patient ${ns}><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></div></text></Patient>`;
    const json = {
      resourceType: 'Patient',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></div>',
      },
    };
    const fromJson = validator.validate(json).issues.map((i) => `${i.code} ${i.pointer}`);
    expect(fromJson.length).toBeGreaterThan(0);
    expect(check(xml).issues.map((i) => `${i.code} ${i.pointer}`)).toEqual(fromJson);
  });

  it('rejects DTDs, entity declarations and undefined entities (no XXE, no expansion)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Patient ${ns}><id value="&xxe;"/></Patient>`;
    expect(codes(xxe)).toEqual(['fatal xml.dtd-not-allowed ']);
    expect(check(xxe).issues[0]!.position).toEqual({ line: 2, column: 1 });
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Patient ${ns}><id value="&lol2;"/></Patient>`;
    expect(codes(laughs)).toEqual(['fatal xml.dtd-not-allowed ']);
    expect(codes(`<Patient ${ns}><id value="&xxe;"/></Patient>`)).toEqual([
      'fatal xml.entity-not-allowed ',
    ]);
    expect(check(`<Patient ${ns}><id value="&xxe;"/></Patient>`).issues[0]!.params).toEqual({
      entity: 'xxe',
    });
    // predefined entities and character references are fine
    expect(
      codes(`<Patient ${ns}><name><family value="O&apos;Brien &amp; &#x41;"/></name></Patient>`),
    ).toEqual([]);
  });

  it('reports processing instructions and malformed XML', () => {
    expect(codes(`<?xml-stylesheet href="a.xsl"?><Patient ${ns}/>`)).toEqual([
      'error xml.processing-instruction ',
    ]);
    const broken = check(`<Patient ${ns}>\n  <active value="true">\n</Patient>`);
    expect(broken.issues.map((i) => [i.severity, i.code])).toEqual([['fatal', 'xml.invalid-xml']]);
    expect(broken.issues[0]!.position!.line).toBe(3);
    expect(codes('')).toEqual(['fatal xml.invalid-xml ']);
  });

  it('points every issue at its element or attribute', () => {
    const xml = `<Patient ${ns}>\n  <extension url="urn:x"/>\n  <name>\n    <given value="A"/>\n  </name>\n  <gender value="neither"/>\n</Patient>`;
    const r = check(xml);
    const gender = r.issues.find((i) => i.pointer === '/gender');
    expect(gender?.position).toEqual({ line: 6, column: 11 });
    const ext = r.issues.find((i) => i.pointer.startsWith('/extension/0'));
    expect(ext?.position?.line).toBe(2);
    expect(reader.read(xml).position('/name/0/given/0')).toEqual({ line: 4, column: 12 });
    expect(reader.read(xml).position('/name/0/given')).toEqual({ line: 3, column: 3 });
  });
});

describe('FHIR XML writer', () => {
  it('round-trips the JSON model through XML', () => {
    const model = new StructureModel(validator.registry);
    const resource = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:1',
          resource: {
            resourceType: 'Observation',
            id: 'o1',
            text: {
              status: 'generated',
              div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>a &amp; b</p></div>',
            },
            status: 'final',
            code: {
              coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart "rate"\n' }],
            },
            valueQuantity: { value: 72.5, unit: '/min' },
            component: [{ code: { text: 'x' }, valueBoolean: true, _valueBoolean: { id: 'b' } }],
            note: [{ text: 'n', _text: { extension: [{ url: 'urn:e', valueString: 's' }] } }],
          },
        },
      ],
    };
    const xml = writeFhirXml(resource, model);
    const read = reader.read(xml);
    expect(read.issues).toEqual([]);
    expect(read.value).toEqual(resource);
  });
});

describe('OperationOutcome as FHIR XML', () => {
  it('reads back as the JSON OperationOutcome (one file) and Bundle (several), in order, without issues', () => {
    const files = sampleFiles();
    for (const set of [[files[0]!], files]) {
      const xml = renderOperationOutcomeXml(set, sampleRun, { requirementSystem: 'urn:req' });
      // characters XML 1.0 cannot carry are written as visible \uXXXX text (escape-xml.ts)
      const visible = (_: string, v: unknown) =>
        typeof v === 'string'
          ? v.replace(
              // eslint-disable-next-line no-control-regex
              /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
              (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
            )
          : v;
      const json = JSON.parse(
        renderOperationOutcome(set, sampleRun, { requirementSystem: 'urn:req' }),
        visible,
      ) as Record<string, unknown>;
      const read = reader.read(xml);
      expect(read.issues).toEqual([]);
      expect(read.value).toEqual(json);
      expect(check(xml).valid).toBe(true);
    }
  });
});
