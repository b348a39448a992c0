/**
 * Deterministic fuzz payloads for the FHIR XML reader: valid UK-Core-like resources (the bench's
 * sample resources and Bundles) written as FHIR XML with the project's own writer, then mutated:
 * truncated, DTD and entity injections (internal expansion, external SYSTEM entities), deep
 * nesting, wrong or missing namespaces, and random bytes. Payload `index` under `seed` is always the same.
 * @module
 */
import type { Rng } from '../bench/prng.js';
import type { StructureModel } from '../src/fhir/definitions/compiled/structure-model.js';
import { writeFhirXml } from '../src/fhir/xml/write-fhir-xml.js';

/** An XML payload: its text and the mutation applied. */
export interface XmlFuzzPayload {
  readonly kind: string;
  readonly text: string;
}

const fhirNs = 'xmlns="http://hl7.org/fhir"';
const doctypes = [
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE r SYSTEM "http://127.0.0.1:1/x.dtd">',
  '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>',
  '<!DOCTYPE r [<!ELEMENT r ANY>]>',
];
const entityRefs = [
  '&d;',
  '&x;',
  '&unknown;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&amp',
  '&lt;&gt;',
];
const namespaces = [
  'xmlns="http://hl7.org/fhir/"',
  'xmlns="urn:other"',
  '',
  'xmlns:f="http://hl7.org/fhir"',
  'xmlns="http://hl7.org/fhir" xmlns="http://hl7.org/fhir"',
  'xmlns=""',
];
const hostileText = [
  '<',
  '>',
  ']]>',
  '<![CDATA[x]]>',
  '<?pi x?>',
  '<!-- c -->',
  '\u0000',
  '\ud800',
  '\ufeff',
  '"',
  "'",
  '</Patient>',
  '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>',
];

/** A mutated FHIR XML payload from one of `clean` (written with `model`). */
export function xmlPayload(
  rng: Rng,
  clean: readonly unknown[],
  model: StructureModel,
): XmlFuzzPayload {
  const xml = writeFhirXml(rng.pick(clean) as Parameters<typeof writeFhirXml>[0], model);
  const kind = rng.pick([
    'valid',
    'truncated',
    'entity',
    'deep-nesting',
    'namespace',
    'random-bytes',
    'hostile-text',
  ] as const);
  switch (kind) {
    case 'valid':
      return { kind: 'xml-valid', text: xml };
    case 'truncated':
      return { kind: 'xml-truncated', text: xml.slice(0, rng.int(0, xml.length - 1)) };
    case 'entity': {
      const at = insertionPoint(rng, xml);
      const withRef = `${xml.slice(0, at)}${rng.pick(entityRefs)}${xml.slice(at)}`;
      return { kind: 'xml-entity', text: declared(withRef, rng.pick(doctypes)) };
    }
    case 'deep-nesting': {
      const depth = rng.pick([50, 500, 5_000, 50_000]);
      const open = rng.chance(0.5) ? '<extension url="urn:x">' : '<x>';
      const close = open === '<x>' ? '</x>' : '</extension>';
      const at = firstChildPoint(xml);
      return {
        kind: 'xml-deep-nesting',
        text: `${xml.slice(0, at)}${open.repeat(depth)}${rng.chance(0.8) ? close.repeat(depth) : ''}${xml.slice(at)}`,
      };
    }
    case 'namespace':
      return { kind: 'xml-namespace', text: xml.replace(fhirNs, rng.pick(namespaces)) };
    case 'random-bytes': {
      const chars = [...xml];
      for (let n = rng.int(1, 20); n > 0; n--)
        chars[rng.int(0, chars.length - 1)] = String.fromCharCode(rng.int(0, 0xffff));
      return { kind: 'xml-random-bytes', text: chars.join('') };
    }
    default: {
      const at = insertionPoint(rng, xml);
      return {
        kind: 'xml-hostile-text',
        text: `${xml.slice(0, at)}${rng.pick(hostileText)}${xml.slice(at)}`,
      };
    }
  }
}

/** A place just after a `value="` (inside an attribute value), else anywhere. */
function insertionPoint(rng: Rng, xml: string): number {
  const from = rng.int(0, xml.length - 1);
  const at = xml.indexOf('value="', from);
  return at < 0 ? from : at + 'value="'.length;
}

/** Just after the root element's start tag. */
function firstChildPoint(xml: string): number {
  const root = xml.indexOf(fhirNs);
  const end = xml.indexOf('>', root < 0 ? 0 : root);
  return end < 0 ? xml.length : end + 1;
}

/** `xml` with a DOCTYPE before the root element (after any XML declaration). */
function declared(xml: string, doctype: string): string {
  const decl = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  return `${xml.slice(0, decl)}${doctype}${xml.slice(decl)}`;
}
