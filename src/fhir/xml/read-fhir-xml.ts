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
import {
  isXmlAttribute,
  toJsonValue,
  type ComplexFrame,
  type Frame,
  type PrimitiveSlot,
  type SlotFrame,
} from './xml-frames.js';

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

class XmlAbort extends Error {}

/** What a reader keeps between reads: the definition order of children, the children of primitive types. */
interface ReaderCache {
  readonly order: Map<ResolvedChildren, Map<ElementNode, number>>;
  readonly typeChildren: Map<string, ResolvedChildren | null>;
}

/**
 * Reads FHIR R4 XML. One reader per validator (it caches the definition order of each element's
 * children); `read` is re-entrant.
 */
export class FhirXmlReader {
  readonly #cache: ReaderCache = { order: new Map(), typeChildren: new Map() };

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
      this.#cache,
      input.charCodeAt(0) === 0xfeff ? input.slice(1) : input,
      this.maxDepth,
    ).run();
  }
}

/** One read of one document. */
class XmlRead {
  readonly #collector = new IssueCollector();
  /**
   * Positions, recorded cheaply in document order and indexed by pointer only when an issue asks
   * (most resources have none): the pointer, the element's tag start, and the attribute named
   * (its offset is found in the tag text on demand), or undefined for the element itself.
   */
  readonly #markPointers: string[] = [];
  readonly #markTags: number[] = [];
  readonly #markAttrs: (string | undefined)[] = [];
  readonly #stack: Frame[] = [];
  readonly #parser: SaxesParser<{ xmlns: true; position: false }>;
  readonly #source: SourcePositions;
  #root: Record<string, unknown> | undefined;
  #tagStart = 0;

  constructor(
    private readonly model: StructureModel,
    private readonly cache: ReaderCache,
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.#source = new SourcePositions(text);
    // saxes' line/column tracking is off: offsets (`position`) are enough, lines are computed on demand
    this.#parser = new SaxesParser({ xmlns: true, position: false });
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
    });
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
    const source = this.#source;
    let offsets: Map<string, number> | undefined;
    return {
      value: ok ? this.#root : undefined,
      issues: this.#collector.issues(),
      position: (pointer) => {
        offsets ??= this.#offsetIndex();
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

  /** The offset of attribute `name` in the tag starting at `tagStart` (the tag start when not found). */
  #attrOffsetIn(tagStart: number, name: string): number {
    const text = this.text;
    const end = text.indexOf('>', tagStart);
    for (let at = text.indexOf(name, tagStart + 1); at > 0 && at < end;) {
      const before = text.charCodeAt(at - 1);
      let after = at + name.length;
      while (isSpace(text.charCodeAt(after))) after++;
      if (isSpace(before) && text[after] === '=') return at;
      at = text.indexOf(name, at + 1);
    }
    return tagStart;
  }

  #attrOffset(name: string): number {
    return this.#attrOffsetIn(this.#tagStart, name);
  }

  /** Records where `pointer` comes from: the current tag, or its attribute `attr` (the first record wins). */
  #mark(pointer: string, tagStart: number, attr?: string): void {
    this.#markPointers.push(pointer);
    this.#markTags.push(tagStart);
    this.#markAttrs.push(attr);
  }

  /** The recorded offsets by pointer (built on the first position asked). */
  #offsetIndex(): Map<string, number> {
    const index = new Map<string, number>();
    const pointers = this.#markPointers;
    for (let i = 0; i < pointers.length; i++) {
      const pointer = pointers[i]!;
      if (index.has(pointer)) continue;
      const attr = this.#markAttrs[i];
      const tag = this.#markTags[i]!;
      index.set(pointer, attr === undefined ? tag : this.#attrOffsetIn(tag, attr));
    }
    return index;
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
    for (const key in tag.attributes)
      this.#foreignAttribute(tag.attributes[key]!, parent, pointer, type);
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
    let byNode = this.cache.order.get(resolved);
    if (!byNode) {
      byNode = new Map();
      resolved.list.forEach((node, i) => byNode!.set(node, i));
      this.cache.order.set(resolved, byNode);
    }
    return byNode.get(el) ?? -1;
  }

  #openChild(tag: SaxesTagNS, parent: ComplexFrame): void {
    const name = tag.local;
    const entry = parent.resolved?.children.get(name);
    const inPrimitive = parent.primitive !== undefined;
    if (parent.primitive) this.#mark(parent.pointer, parent.primitive.tagStart);
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
    this.#checkOrder(parent, entry, name);
    if (entry.isPrimitive) return this.#openPrimitive(tag, parent, entry, name);
    if (entry.type === 'Resource' || entry.type === 'DomainResource')
      return this.#openSlot(tag, parent, entry, name);
    this.#openComplex(tag, parent, entry, name);
  }

  /** `xml.element-order` when a child comes before one its definition puts ahead of it. */
  #checkOrder(parent: ComplexFrame, entry: ChildEntry, name: string): void {
    if (!parent.resolved) return;
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

  /** An element of type Resource: its one child element is the resource. */
  #openSlot(tag: SaxesTagNS, parent: ComplexFrame, entry: ChildEntry, name: string): void {
    let index = -1;
    if (entry.element.isArray) {
      const list = (parent.obj[name] ??= []) as unknown[];
      index = list.push({}) - 1;
    }
    const pointer = index >= 0 ? `${parent.pointer}/${name}/${index}` : `${parent.pointer}/${name}`;
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
      start: this.#tagStart,
    });
  }

  /** A complex element: its object goes into the parent, its attributes are `id` (and `url`). */
  #openComplex(tag: SaxesTagNS, parent: ComplexFrame, entry: ChildEntry, name: string): void {
    const isArray = entry.element.isArray;
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
    for (const key in tag.attributes) {
      const attr = tag.attributes[key]!;
      if (attr.uri === xmlnsNamespace || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      const child = attr.uri === '' ? resolved?.children.get(attr.local) : undefined;
      if (child && isXmlAttribute(child.element)) {
        obj[attr.local] = attr.value;
        this.#mark(`${pointer}/${attr.local}`, this.#tagStart, attr.name);
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
    for (const key in tag.attributes) {
      const attr = tag.attributes[key]!;
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
    const slot: PrimitiveSlot = {
      owner: parent,
      entry,
      name,
      index,
      value: undefined,
      tagStart: this.#tagStart,
    };
    const piece = index >= 0 ? `${entry.piece}[${index}]` : entry.piece;
    const resolved = this.#typeChildren(entry.type);
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
    let valueAttr: string | undefined;
    const attributes = tag.attributes;
    for (const key in attributes) {
      const attr = attributes[key]!;
      if (attr.uri === xmlnsNamespace || attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      if (attr.uri === '' && attr.local === 'value') {
        slot.value = toJsonValue(attr.value, entry.jsonType);
        valueAttr = attr.name;
      } else if (attr.uri === '' && attr.local === 'id') {
        ext['id'] = attr.value;
        this.#mark(extPointer, this.#tagStart);
        this.#mark(`${extPointer}/id`, this.#tagStart, attr.name);
      } else
        this.#report(
          'xml.unknown-attribute',
          this.#expression(frame),
          pointer,
          { name: attr.name, element: name },
          this.#attrOffset(attr.name),
        );
    }
    this.#mark(pointer, this.#tagStart, valueAttr);
    this.#stack.push(frame);
  }

  /** The children of a primitive type (`id`, `extension`), looked up once per type. */
  #typeChildren(type: string | undefined): ResolvedChildren | undefined {
    if (type === undefined) return undefined;
    const known = this.cache.typeChildren.get(type);
    if (known !== undefined) return known ?? undefined;
    const structure = this.model.base(type);
    const resolved = structure
      ? this.model.childrenOf(structure.root, structure, undefined)
      : undefined;
    this.cache.typeChildren.set(type, resolved ?? null);
    return resolved;
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
          top.start,
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
        slot.tagStart,
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
    if (isBlank(text)) return;
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

/** XML white space (space, tab, CR, LF). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** True when the text is only XML white space (the indentation between elements). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
