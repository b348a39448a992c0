/**
 * FHIR R4 XML for the resources MDSS itself answers with: an OperationOutcome, or a `collection`
 * Bundle of them (with the data types they use: CodeableConcept, Coding, Extension, Narrative,
 * Meta). Elements are written in the order of their R4 definitions (the XML format has an order),
 * primitives as `value` attributes, `Extension.url` as an attribute. Edge-safe, no registry needed:
 * the shapes are our own, fixed by `issues/to-operation-outcome.ts`.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 * @module
 */
import { escapeXmlAttribute } from './escape-xml.js';

type Json = Record<string, unknown>;

/** R4 element order of each type, and the type of each complex child (by `Type.child` key). */
const order: Readonly<Record<string, readonly string[]>> = {
  Bundle: [
    'id',
    'meta',
    'implicitRules',
    'language',
    'identifier',
    'type',
    'timestamp',
    'total',
    'link',
    'entry',
    'signature',
  ],
  'Bundle.entry': [
    'id',
    'extension',
    'modifierExtension',
    'link',
    'fullUrl',
    'resource',
    'search',
    'request',
    'response',
  ],
  OperationOutcome: [
    'id',
    'meta',
    'implicitRules',
    'language',
    'text',
    'contained',
    'extension',
    'modifierExtension',
    'issue',
  ],
  'OperationOutcome.issue': [
    'id',
    'extension',
    'modifierExtension',
    'severity',
    'code',
    'details',
    'diagnostics',
    'location',
    'expression',
  ],
  CodeableConcept: ['id', 'extension', 'coding', 'text'],
  Coding: ['id', 'extension', 'system', 'version', 'code', 'display', 'userSelected'],
  Extension: ['id', 'extension', 'url'],
  Narrative: ['id', 'extension', 'status', 'div'],
  Meta: ['id', 'extension', 'versionId', 'lastUpdated', 'source', 'profile', 'security', 'tag'],
};
const childType: Readonly<Record<string, string>> = {
  'Bundle.entry': 'Bundle.entry',
  'OperationOutcome.issue': 'OperationOutcome.issue',
  'OperationOutcome.text': 'Narrative',
  'OperationOutcome.issue.details': 'CodeableConcept',
  'CodeableConcept.coding': 'Coding',
  'Bundle.meta': 'Meta',
  'OperationOutcome.meta': 'Meta',
  'Meta.security': 'Coding',
  'Meta.tag': 'Coding',
};
/** Elements written as attributes. */
const attributes = new Set(['Extension.url']);

/** Renders an OperationOutcome or a Bundle of them as R4 XML (with an XML declaration, ending with a newline). */
export function toFhirXml(resource: Json): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeResource(out, resource, '', true);
  return out.join('');
}

function writeResource(out: string[], resource: Json, indent: string, root: boolean): void {
  const type = String(resource['resourceType']);
  out.push(`${indent}<${type}${root ? ' xmlns="http://hl7.org/fhir"' : ''}>\n`);
  writeChildren(out, resource, type, `${indent}  `, true);
  out.push(`${indent}</${type}>\n`);
}

function writeChildren(
  out: string[],
  obj: Json,
  type: string,
  indent: string,
  isResource: boolean,
): void {
  const known = order[type] ?? [];
  // Element.id and Extension.url are attributes (a resource's id is an element)
  const keys = Object.keys(obj).filter(
    (k) => k !== 'resourceType' && !attributes.has(`${type}.${k}`) && (isResource || k !== 'id'),
  );
  keys.sort((a, b) => rankOf(known, type, a) - rankOf(known, type, b));
  for (const key of keys) {
    const value = obj[key];
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value])
      writeElement(out, key, item, type, indent);
  }
}

/** Where a child goes among its siblings: by the R4 order, `value[x]` of an Extension after `url`. */
function rankOf(known: readonly string[], type: string, k: string): number {
  const i = known.indexOf(k.startsWith('value') && type === 'Extension' ? 'url' : k);
  return i < 0 ? known.length : i + (k.startsWith('value') ? 0.5 : 0);
}

function writeElement(
  out: string[],
  name: string,
  value: unknown,
  parentType: string,
  indent: string,
): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object') {
    if (parentType === 'Narrative' && name === 'div') out.push(`${indent}${String(value)}\n`);
    else out.push(`${indent}<${name} value="${escapeXmlAttribute(String(value))}"/>\n`);
    return;
  }
  const obj = value as Json;
  if (typeof obj['resourceType'] === 'string') {
    out.push(`${indent}<${name}>\n`);
    writeResource(out, obj, `${indent}  `, false);
    out.push(`${indent}</${name}>\n`);
    return;
  }
  const type =
    name === 'extension' || name === 'modifierExtension'
      ? 'Extension'
      : (childType[`${parentType}.${name}`] ?? name);
  let attrs = typeof obj['id'] === 'string' ? ` id="${escapeXmlAttribute(obj['id'])}"` : '';
  if (type === 'Extension' && typeof obj['url'] === 'string')
    attrs += ` url="${escapeXmlAttribute(obj['url'])}"`;
  out.push(`${indent}<${name}${attrs}>\n`);
  writeChildren(out, obj, type, `${indent}  `, false);
  out.push(`${indent}</${name}>\n`);
}
