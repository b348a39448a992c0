/**
 * The FHIR R4 XML reader: turns XML text into the JSON model the engine validates (the same value
 * `JSON.parse` gives for the JSON twin), with the offset of every element and attribute keyed by
 * the JSON pointer it became, and the rules only XML has (namespaces, value attributes, element
 * order, no DTDs or entities). The mapping comes from the base StructureDefinitions (see
 * `fhir-xml.md`). Edge-safe: saxes is pure JavaScript; the reader holds no module-level state.
 * @module
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { IssueCollector } from '../../issues/collector.js';
import type { Issue, IssueParams, Position } from '../../issues/issue.js';
import type { ChildEntry, ElementNode } from '../definitions/compiled/element-node.js';
import type { ResolvedChildren, StructureModel } from '../definitions/compiled/structure-model.js';
import { SourcePositions } from './source-positions.js';

/** The FHIR namespace of every FHIR element. */
export const fhirNamespace = 'http://hl7.org/fhir';
/** The XHTML namespace of the narrative `div`. */
export const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';
const xsiNamespace = 'http://www.w3.org/2001/XMLSchema-instance';
const xmlnsNamespace = 'http://www.w3.org/2000/xmlns/';

/** What {@link FhirXmlReader.read} returns. */
export interface FhirXmlRead {
  /** The resource as the JSON model; undefined when the XML could not be read at all. */
  readonly value: Record<string, unknown> | undefined;
  /** Issues of the XML format itself (with positions); a fatal one means nothing was validated. */
  readonly issues: readonly Issue[];
  /** The position of the element or attribute a JSON pointer came from (or of its nearest ancestor). */
  position(pointer: string): Position | undefined;
}

interface FrameBase {
  readonly parent: Frame | undefined;
  /** JSON pointer of the value this element became. */
  readonly pointer: string;
  /** FHIRPath piece relative to the parent (`.name[0]`), or the resource type for a root. */
  readonly piece: string;
}

/** A complex element or resource: its JSON object and the children its type allows. */
interface ComplexFrame extends FrameBase {
  readonly kind: 'complex';
  readonly obj: Record<string, unknown>;
  readonly resolved: ResolvedChildren | undefined;
  /** Type named in order issues. */
  readonly typeName: string;
  /** Definition-order index of the last child seen, and its name. */
  last: number;
  lastName: string;
  /** Repeating primitives: values and `_name` objects by position, written out when the element closes. */
  prims: Map<string, { values: unknown[]; exts: (Record<string, unknown> | null)[] }> | undefined;
  /** For a primitive element: how its value and `_name` object go into the parent. */
  readonly primitive?: PrimitiveSlot;
}

interface PrimitiveSlot {
  readonly owner: ComplexFrame;
  readonly entry: ChildEntry;
  readonly name: string;
  /** Position in the repeating element, or -1. */
  readonly index: number;
  value: unknown;
}

/** An element of type Resource (`contained`, `entry.resource`): holds one resource element. */
interface SlotFrame extends FrameBase {
  readonly kind: 'slot';
  readonly owner: ComplexFrame;
  readonly name: string;
  readonly index: number;
  filled: boolean;
}

/** A narrative div: its source text becomes the JSON string. */
interface XhtmlFrame extends FrameBase {
  readonly kind: 'xhtml';
  readonly owner: ComplexFrame;
  readonly name: string;
  readonly start: number;
  depth: number;
}

/** Content that is reported once and not read further (unknown elements, foreign namespaces). */
interface SkipFrame extends FrameBase {
  readonly kind: 'skip';
}

type Frame = ComplexFrame | SlotFrame | XhtmlFrame | SkipFrame;

class XmlAbort extends Error {}

/**
 * Reads FHIR R4 XML. One reader per validator (it caches the definition order of each element's
 * children); `read` is re-entrant.
 */
export class FhirXmlReader {
  readonly #order = new Map<ResolvedChildren, Map<ElementNode, number>>();

  /**
   * @param maxDepth - element nesting beyond this is a fatal `input.too-deep` (the engine's own
   * depth limit then applies to the model); default 1,000.
   */
  constructor(
    private readonly model: StructureModel,
    private readonly maxDepth = 1_000,
  ) {}

  /** Reads one XML document. Never throws for bad input: problems are issues. */
  read(input: string): FhirXmlRead {
    return new XmlRead(
      this.model,
      this.#order,
      input.charCodeAt(0) === 0xfeff ? input.slice(1) : input,
      this.maxDepth,
    ).run();
  }
}

/** One read of one document. */
class XmlRead {
  readonly #collector = new IssueCollector();
  readonly #offsets = new Map<string, number>();
  readonly #stack: Frame[] = [];
  readonly #parser: SaxesParser<{ xmlns: true; position: true }>;
  readonly #source: SourcePositions;
  #root: Record<string, unknown> | undefined;
  #tagStart = 0;
  #attrOffsets: Map<string, number> | undefined;

  constructor(
    private readonly model: StructureModel,
    private readonly order: Map<ResolvedChildren, Map<ElementNode, number>>,
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.#source = new SourcePositions(text);
    this.#parser = new SaxesParser({ xmlns: true, position: true });
  }

  run(): FhirXmlRead {
    const p = this.#parser;
    p.on('error', (err) => this.#syntaxError(err.message));
    p.on('doctype', () => this.#abort('xml.dtd-not-allowed', {}, this.text.indexOf('<!DOCTYPE')));
    p.on('processinginstruction', (pi) =>
      this.#report(
        'xml.processing-instruction',
        '',
        '',
        { target: pi.target },
        this.text.lastIndexOf('<?', p.position - 1),
      ),
    );
    p.on('opentagstart', () => {
      this.#tagStart = this.text.lastIndexOf('<', p.position - 1);
      this.#attrOffsets = undefined;
    });
    p.on('attribute', (attr) => this.#attributeSeen(attr.name));
    p.on('opentag', (tag) => this.#open(tag));
    p.on('closetag', () => this.#close());
    p.on('text', (t) => this.#text(t));
    p.on('cdata', (t) => this.#text(t));
    let ok = true;
    try {
      p.write(this.text).close();
    } catch (e) {
      if (!(e instanceof XmlAbort)) throw e;
      ok = false;
    }
    const offsets = this.#offsets;
    const source = this.#source;
    return {
      value: ok ? this.#root : undefined,
      issues: this.#collector.issues(),
      position(pointer) {
        let ptr = pointer;
        for (;;) {
          const at = offsets.get(ptr);
          if (at !== undefined) return source.at(at);
          if (ptr === '') return undefined;
          ptr = ptr.slice(0, ptr.lastIndexOf('/'));
        }
      },
    };
  }

  // ---- issues

  #report(
    code: string,
    expression: string,
    pointer: string,
    params: IssueParams,
    offset: number,
  ): void {
    this.#collector.add({
      code,
      expression,
      pointer,
      params,
      position: this.#source.at(Math.max(0, offset)),
    });
  }

  #abort(code: string, params: IssueParams, offset: number): never {
    this.#report(code, '', '', params, offset);
    throw new XmlAbort(code);
  }

  #syntaxError(message: string): never {
    const offset = Math.min(this.#parser.position, this.text.length);
    if (/undefined entity/.test(message)) {
      const amp = this.text.lastIndexOf('&', offset);
      const end = this.text.indexOf(';', amp);
      const entity = amp >= 0 && end > amp ? this.text.slice(amp + 1, Math.min(end, amp + 40)) : '';
      this.#abort('xml.entity-not-allowed', { entity }, amp >= 0 ? amp : offset);
    }
    // saxes prefixes its messages with line:column; the issue carries the position itself
    const detail = message.replace(/^[^:]*:\d+:\d+: /, '');
    this.#abort('xml.invalid-xml', { detail }, offset);
  }

  #expression(frame: Frame | undefined, extra = ''): string {
    let out = extra;
    for (let f = frame; f; f = f.parent) out = f.piece + out;
    return out;
  }

  // ---- positions

  #attributeSeen(name: string): void {
    // the parser stands just after the closing quote of the value
    const text = this.text;
    let q = this.#parser.position - 1;
    while (q > this.#tagStart && text[q] !== '"' && text[q] !== "'") q--;
    const open = text.lastIndexOf(text[q]!, q - 1);
    const at = text.lastIndexOf(name, open);
    (this.#attrOffsets ??= new Map()).set(name, at > this.#tagStart ? at : this.#tagStart);
  }

  #attrOffset(name: string): number {
    return this.#attrOffsets?.get(name) ?? this.#tagStart;
  }

  #mark(pointer: string, offset: number): void {
    if (!this.#offsets.has(pointer)) this.#offsets.set(pointer, offset);
  }

  // ---- elements

  #open(tag: SaxesTagNS): void {
    if (this.#stack.length >= this.maxDepth)
      this.#abort('input.too-deep', { limit: this.maxDepth }, this.#tagStart);
    const top = this.#stack[this.#stack.length - 1];
    if (!top) return this.#openRoot(tag);
    switch (top.kind) {
      case 'skip':
        this.#stack.push({ kind: 'skip', parent: top, pointer: top.pointer, piece: '' });
        return;
      case 'xhtml':
        top.depth++;
        return;
      case 'slot':
        return this.#openResource(tag, top);
      default:
        return this.#openChild(tag, top);
    }
  }

  #openRoot(tag: SaxesTagNS): void {
    if (tag.uri !== fhirNamespace)
      this.#report(
        'xml.namespace',
        '',
        '',
        { name: tag.local, namespace: tag.uri },
        this.#tagStart,
      );
    const frame = this.#resourceFrame(tag, undefined, '');
    this.#root = frame.kind === 'complex' ? frame.obj : { resourceType: tag.local };
  }

  /** A resource element (the root, or inside a Resource-typed element). */
  #resourceFrame(tag: SaxesTagNS, parent: Frame | undefined, pointer: string): Frame {
    this.#mark(pointer, this.#tagStart);
    const type = tag.local;
    const structure = this.model.base(type);
    const obj: Record<string, unknown> = { resourceType: type };
    for (const attr of Object.values(tag.attributes))
      this.#foreignAttribute(attr, parent, pointer, type);
    if (!structure || structure.kind !== 'resource') {
      // the engine reports the unknown type; its content is not read
      this.#stack.push({ kind: 'skip', parent, pointer, piece: '' });
      return {
        kind: 'complex',
        parent,
        pointer,
        piece: type,
        obj,
        resolved: undefined,
        typeName: type,
        last: -1,
        lastName: '',
        prims: undefined,
      };
    }
    const resolved = this.model.childrenOf(structure.root, structure, undefined);
    const frame: ComplexFrame = {
      kind: 'complex',
      parent,
      pointer,
      piece: parent ? '' : type,
      obj,
      resolved,
      typeName: type,
      last: -1,
      lastName: '',
      prims: undefined,
    };
    this.#stack.push(frame);
    return frame;
  }

  #openResource(tag: SaxesTagNS, slot: SlotFrame): void {
    if (slot.filled || tag.uri !== fhirNamespace) {
      if (tag.uri !== fhirNamespace)
        this.#report(
          'xml.namespace',
          this.#expression(slot),
          slot.pointer,
          { name: tag.local, namespace: tag.uri },
          this.#tagStart,
        );
      else
        this.#report(
          'xml.resource-expected',
          this.#expression(slot),
          slot.pointer,
          { name: slot.name },
          this.#tagStart,
        );
      this.#stack.push({ kind: 'skip', parent: slot, pointer: slot.pointer, piece: '' });
      return;
    }
    slot.filled = true;
    const frame = this.#resourceFrame(tag, slot, slot.pointer);
    const obj = (frame as ComplexFrame).obj;
    if (slot.index >= 0) (slot.owner.obj[slot.name] as unknown[])[slot.index] = obj;
    else slot.owner.obj[slot.name] = obj;
  }

  /** Attributes allowed on a resource element: namespace declarations and xsi (schemaLocation). */
  #foreignAttribute(
    attr: SaxesAttributeNS,
    frame: Frame | undefined,
    pointer: string,
    element: string,
  ): void {
    if (
      attr.uri === xmlnsNamespace ||
      attr.prefix === 'xmlns' ||
      attr.name === 'xmlns' ||
      attr.uri === xsiNamespace
    )
      return;
    this.#report(
      'xml.unknown-attribute',
      this.#expression(frame),
      pointer,
      { name: attr.name, element },
      this.#attrOffset(attr.name),
    );
  }

  #orderIndex(resolved: ResolvedChildren, el: ElementNode): number {
    let byNode = this.order.get(resolved);
    if (!byNode) {
      byNode = new Map();
      resolved.list.forEach((node, i) => byNode!.set(node, i));
      this.order.set(resolved, byNode);
    }
    return byNode.get(el) ?? -1;
  }

  #openChild(tag: SaxesTagNS, parent: ComplexFrame): void {
    const name = tag.local;
    const entry = parent.resolved?.children.get(name);
    const inPrimitive = parent.primitive !== undefined;
    if (inPrimitive)
      this.#mark(
        parent.pointer,
        this.#offsets.get(parent.pointer.replace(/\/_([^/]*)(\/\d+)?$/, '/$1$2')) ?? this.#tagStart,
      );
    if (entry?.type === 'xhtml' && !inPrimitive) return this.#openXhtml(tag, parent, entry);
    if (tag.uri !== fhirNamespace) {
      const pointer = `${parent.pointer}/${name}`;
      this.#report(
        'xml.namespace',
        this.#expression(parent, `.${name}`),
        pointer,
        { name, namespace: tag.uri },
        this.#tagStart,
      );
      this.#stack.push({ kind: 'skip', parent, pointer, piece: '' });
      return;
    }
    if (!entry || isXmlAttribute(entry.element) || (inPrimitive && name !== 'extension')) {
      // an unknown element: the engine reports the unknown property, as for JSON
      const pointer = `${parent.pointer}/${name}`;
      if (parent.obj[name] === undefined) parent.obj[name] = tag.attributes['value']?.value ?? {};
      this.#mark(pointer, this.#tagStart);
      this.#stack.push({ kind: 'skip', parent, pointer, piece: '' });
      return;
    }
    if (parent.resolved) {
      const index = this.#orderIndex(parent.resolved, entry.element);
      if (index < parent.last) {
        const pointer = `${parent.pointer}/${name}`;
        this.#report(
          'xml.element-order',
          this.#expression(parent, entry.piece),
          pointer,
          { type: parent.typeName, name, after: parent.lastName },
          this.#tagStart,
        );
      } else if (index > parent.last) {
        parent.last = index;
        parent.lastName = name;
      }
    }
    if (entry.isPrimitive) return this.#openPrimitive(tag, parent, entry, name);
    const isArray = entry.element.isArray;
    if (entry.type === 'Resource' || entry.type === 'DomainResource') {
      let index = -1;
      if (isArray) {
        const list = (parent.obj[name] ??= []) as unknown[];
        index = list.push({}) - 1;
      }
      const pointer =
        index >= 0 ? `${parent.pointer}/${name}/${index}` : `${parent.pointer}/${name}`;
      this.#mark(pointer, this.#tagStart);
      this.#noAttributes(tag, parent, pointer);
      this.#stack.push({
        kind: 'slot',
        parent,
        pointer,
        piece: index >= 0 ? `${entry.piece}[${index}]` : entry.piece,
        owner: parent,
        name,
        index,
        filled: false,
      });
      return;
    }
    const obj: Record<string, unknown> = {};
    let pointer: string;
    let piece: string;
    if (isArray || parent.obj[name] !== undefined) {
      // a repeated single element becomes an array: the engine reports the cardinality
      const existing = parent.obj[name];
      const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
      parent.obj[name] = list;
      const index = list.push(obj) - 1;
      pointer = `${parent.pointer}/${name}/${index}`;
      piece = `${entry.piece}[${index}]`;
    } else {
      parent.obj[name] = obj;
      pointer = `${parent.pointer}/${name}`;
      piece = entry.piece;
    }
    this.#mark(pointer, this.#tagStart);
    const type = entry.type ?? '';
    const resolved = this.model.childrenOf(entry.element, parent.resolved!.structure, entry.type);
    const frame: ComplexFrame = {
      kind: 'complex',
      parent,
      pointer,
      piece,
      obj,
      resolved,
      typeName: type || entry.element.path,
      last: -1,
      lastName: '',
      prims: undefined,
    };
    for (const attr of Object.values(tag.attributes)) {
      if (attr.uri === xmlnsNamespace || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      const child = attr.uri === '' ? resolved?.children.get(attr.local) : undefined;
      if (child && isXmlAttribute(child.element)) {
        obj[attr.local] = attr.value;
        this.#mark(`${pointer}/${attr.local}`, this.#attrOffset(attr.name));
      } else
        this.#report(
          'xml.unknown-attribute',
          this.#expression(frame),
          pointer,
          { name: attr.name, element: name },
          this.#attrOffset(attr.name),
        );
    }
    this.#stack.push(frame);
  }

  #noAttributes(tag: SaxesTagNS, parent: ComplexFrame, pointer: string): void {
    for (const attr of Object.values(tag.attributes)) {
      if (attr.uri === xmlnsNamespace || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      this.#report(
        'xml.unknown-attribute',
        this.#expression(parent, `.${tag.local}`),
        pointer,
        { name: attr.name, element: tag.local },
        this.#attrOffset(attr.name),
      );
    }
  }

  #openPrimitive(tag: SaxesTagNS, parent: ComplexFrame, entry: ChildEntry, name: string): void {
    let index = -1;
    if (entry.element.isArray) {
      const prims = (parent.prims ??= new Map());
      let list = prims.get(name);
      if (!list) prims.set(name, (list = { values: [], exts: [] }));
      index = list.values.push(null) - 1;
      list.exts.push(null);
    }
    const pointer = index >= 0 ? `${parent.pointer}/${name}/${index}` : `${parent.pointer}/${name}`;
    const extPointer =
      index >= 0 ? `${parent.pointer}/_${name}/${index}` : `${parent.pointer}/_${name}`;
    const ext: Record<string, unknown> = {};
    const slot: PrimitiveSlot = { owner: parent, entry, name, index, value: undefined };
    const piece = index >= 0 ? `${entry.piece}[${index}]` : entry.piece;
    const structure = entry.type ? this.model.base(entry.type) : undefined;
    const resolved = structure
      ? this.model.childrenOf(structure.root, structure, undefined)
      : undefined;
    const frame: ComplexFrame = {
      kind: 'complex',
      parent,
      pointer: extPointer,
      piece,
      obj: ext,
      resolved,
      typeName: entry.type ?? '',
      last: -1,
      lastName: '',
      prims: undefined,
      primitive: slot,
    };
    // the `_name` pointer is marked only when the primitive has an id or extensions (see #openChild)
    let valueAt = this.#tagStart;
    for (const attr of Object.values(tag.attributes)) {
      if (attr.uri === xmlnsNamespace || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      if (attr.uri === '' && attr.local === 'value') {
        slot.value = toJsonValue(attr.value, entry.jsonType);
        valueAt = this.#attrOffset(attr.name);
      } else if (attr.uri === '' && attr.local === 'id') {
        ext['id'] = attr.value;
        this.#mark(extPointer, this.#tagStart);
        this.#mark(`${extPointer}/id`, this.#attrOffset(attr.name));
      } else
        this.#report(
          'xml.unknown-attribute',
          this.#expression(frame),
          pointer,
          { name: attr.name, element: name },
          this.#attrOffset(attr.name),
        );
    }
    this.#mark(pointer, valueAt);
    this.#stack.push(frame);
  }

  #openXhtml(tag: SaxesTagNS, parent: ComplexFrame, entry: ChildEntry): void {
    const pointer = `${parent.pointer}/${tag.local}`;
    if (tag.uri !== xhtmlNamespace || tag.local !== 'div') {
      this.#report(
        'xml.xhtml-namespace',
        this.#expression(parent, entry.piece),
        pointer,
        { name: tag.local, namespace: tag.uri },
        this.#tagStart,
      );
    }
    this.#mark(pointer, this.#tagStart);
    this.#stack.push({
      kind: 'xhtml',
      parent,
      pointer,
      piece: entry.piece,
      owner: parent,
      name: tag.local,
      start: this.#tagStart,
      depth: 1,
    });
  }

  #close(): void {
    const top = this.#stack[this.#stack.length - 1];
    if (!top) return;
    if (top.kind === 'xhtml') {
      if (--top.depth > 0) return;
      this.#stack.pop();
      top.owner.obj[top.name] = this.text.slice(top.start, this.#parser.position);
      return;
    }
    this.#stack.pop();
    if (top.kind === 'slot') {
      if (!top.filled)
        this.#report(
          'xml.resource-expected',
          this.#expression(top),
          top.pointer,
          { name: top.name },
          this.#offsets.get(top.pointer) ?? 0,
        );
      return;
    }
    if (top.kind === 'complex') this.#finishComplex(top);
  }

  #finishComplex(frame: ComplexFrame): void {
    if (frame.prims) {
      for (const [name, { values, exts }] of frame.prims) {
        if (values.some((v) => v !== null)) frame.obj[name] = values;
        if (exts.some((e) => e !== null)) frame.obj[`_${name}`] = exts;
      }
    }
    const slot = frame.primitive;
    if (!slot) return;
    const hasExt = Object.keys(frame.obj).length > 0;
    const owner = slot.owner;
    // ele-1: an id alone is neither a value nor children
    if (slot.value === undefined && frame.obj['extension'] === undefined) {
      const pointer = frame.pointer.replace(/\/_([^/]*)(\/\d+)?$/, '/$1$2');
      this.#report(
        'xml.value-missing',
        this.#expression(frame),
        pointer,
        { name: slot.name },
        this.#offsets.get(pointer) ?? 0,
      );
    }
    if (slot.index >= 0) {
      const list = owner.prims!.get(slot.name)!;
      list.values[slot.index] = slot.value ?? null;
      list.exts[slot.index] = hasExt ? frame.obj : null;
      return;
    }
    // a repeated single primitive: both values kept as an array (the engine reports it)
    if (slot.value !== undefined)
      owner.obj[slot.name] =
        owner.obj[slot.name] === undefined ? slot.value : [owner.obj[slot.name], slot.value].flat();
    if (hasExt) owner.obj[`_${slot.name}`] = frame.obj;
  }

  #text(text: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (!top || top.kind === 'xhtml' || top.kind === 'skip') return;
    if (!/\S/.test(text)) return;
    const name = top.kind === 'complex' ? (top.primitive?.name ?? top.typeName) : top.name;
    const pointer =
      top.kind === 'complex' && top.primitive
        ? top.pointer.replace(/\/_([^/]*)(\/\d+)?$/, '/$1$2')
        : top.pointer;
    this.#report(
      'xml.unexpected-text',
      this.#expression(top),
      pointer,
      { name },
      this.#parser.position - text.length,
    );
  }
}

/** True for elements that FHIR XML writes as attributes (`Element.id`, `Extension.url`). */
function isXmlAttribute(el: ElementNode): boolean {
  return el.definition.representation?.includes('xmlAttr') === true;
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The JSON value of a primitive's `value` attribute: numbers and booleans as JSON ones when they are valid. */
export function toJsonValue(
  value: string,
  jsonType: 'boolean' | 'number' | 'string' | undefined,
): unknown {
  if (jsonType === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (jsonType === 'number') return jsonNumber.test(value) ? Number(value) : value;
  return value;
}
