/**
 * The FHIR R4 XML writer: the JSON model of a resource written as R4 XML, elements in the order
 * their StructureDefinition defines, primitives as `value` attributes with their `id` and
 * extensions, `Element.id` and `Extension.url` as attributes, the narrative div as it is. Used to
 * convert corpora (the benchmark) and by tests; the inverse of {@link FhirXmlReader}.
 * @module
 */
import type { ChildEntry } from '../definitions/compiled/element-node.js';
import type { ResolvedChildren, StructureModel } from '../definitions/compiled/structure-model.js';
import { fhirNamespace } from './read-fhir-xml.js';

type Json = Record<string, unknown>;

/** Writes one resource (JSON model) as FHIR R4 XML. Properties the definitions do not know are left out. */
export function writeFhirXml(resource: Json, model: StructureModel): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeResource(out, resource, model, '', true);
  return out.join('');
}

function writeResource(
  out: string[],
  resource: Json,
  model: StructureModel,
  indent: string,
  root: boolean,
): void {
  const type = String(resource['resourceType'] ?? '');
  const structure = model.base(type);
  const resolved = structure ? model.childrenOf(structure.root, structure, undefined) : undefined;
  out.push(`${indent}<${type}${root ? ` xmlns="${fhirNamespace}"` : ''}>\n`);
  if (resolved) writeChildren(out, resource, resolved, model, `${indent}  `);
  out.push(`${indent}</${type}>\n`);
}

function writeChildren(
  out: string[],
  obj: Json,
  resolved: ResolvedChildren,
  model: StructureModel,
  indent: string,
): void {
  const keys: { key: string; entry: ChildEntry; order: number }[] = [];
  for (const key of Object.keys(obj)) {
    const isExt = key.startsWith('_');
    const name = isExt ? key.slice(1) : key;
    if (isExt && name in obj) continue;
    const entry = resolved.children.get(name);
    if (!entry || entry.element.definition.representation?.includes('xmlAttr')) continue;
    keys.push({ key: name, entry, order: resolved.list.indexOf(entry.element) });
  }
  keys.sort((a, b) => a.order - b.order);
  for (const { key, entry } of keys) writeProperty(out, key, entry, obj, resolved, model, indent);
}

function writeProperty(
  out: string[],
  key: string,
  entry: ChildEntry,
  obj: Json,
  resolved: ResolvedChildren,
  model: StructureModel,
  indent: string,
): void {
  const value = obj[key];
  if (entry.type === 'xhtml') {
    if (typeof value === 'string') out.push(`${indent}${value}\n`);
    return;
  }
  if (entry.isPrimitive) {
    const exts = obj[`_${key}`];
    const count = Math.max(
      Array.isArray(value) ? value.length : value === undefined ? 0 : 1,
      Array.isArray(exts) ? exts.length : exts === undefined ? 0 : 1,
    );
    const extTarget = entry.type ? model.base(entry.type) : undefined;
    const extResolved = extTarget
      ? model.childrenOf(extTarget.root, extTarget, undefined)
      : undefined;
    for (let i = 0; i < count; i++) {
      const v = Array.isArray(value) ? value[i] : value;
      const ext = (Array.isArray(exts) ? exts[i] : exts) as Json | null | undefined;
      let tag = `${indent}<${key}`;
      if (ext && typeof ext['id'] === 'string') tag += ` id="${escapeXml(ext['id'])}"`;
      if (v !== null && v !== undefined) tag += ` value="${escapeXml(String(v))}"`;
      if (ext && Array.isArray(ext['extension']) && extResolved) {
        out.push(`${tag}>\n`);
        writeChildren(out, { extension: ext['extension'] }, extResolved, model, `${indent}  `);
        out.push(`${indent}</${key}>\n`);
      } else out.push(`${tag}/>\n`);
    }
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    if (entry.type === 'Resource' || entry.type === 'DomainResource') {
      out.push(`${indent}<${key}>\n`);
      writeResource(out, item as Json, model, `${indent}  `, false);
      out.push(`${indent}</${key}>\n`);
      continue;
    }
    const child = model.childrenOf(entry.element, resolved.structure, entry.type);
    let tag = `${indent}<${key}`;
    for (const [name, e] of child?.children ?? []) {
      const attr = (item as Json)[name];
      if (e.element.definition.representation?.includes('xmlAttr') && typeof attr === 'string')
        tag += ` ${name}="${escapeXml(attr)}"`;
    }
    out.push(`${tag}>\n`);
    if (child) writeChildren(out, item as Json, child, model, `${indent}  `);
    out.push(`${indent}</${key}>\n`);
  }
}

/** Escapes text for an XML attribute value. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : `&#x${c.charCodeAt(0).toString(16)};`,
  );
}
