/**
 * The reader's frames (one per open element) and the value helpers of the XML mapping.
 * @module
 */
import type { ChildEntry, ElementNode } from '../definitions/compiled/element-node.js';
import type { ResolvedChildren } from '../definitions/compiled/structure-model.js';

export interface FrameBase {
  readonly parent: Frame | undefined;
  /** JSON pointer of the value this element became. */
  readonly pointer: string;
  /** FHIRPath piece relative to the parent (`.name[0]`), or the resource type for a root. */
  readonly piece: string;
}

/** A complex element or resource: its JSON object and the children its type allows. */
export interface ComplexFrame extends FrameBase {
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

export interface PrimitiveSlot {
  readonly owner: ComplexFrame;
  readonly entry: ChildEntry;
  readonly name: string;
  /** Position in the repeating element, or -1. */
  readonly index: number;
  value: unknown;
  /** Offset of the element's tag. */
  readonly tagStart: number;
}

/** An element of type Resource (`contained`, `entry.resource`): holds one resource element. */
export interface SlotFrame extends FrameBase {
  readonly kind: 'slot';
  readonly owner: ComplexFrame;
  readonly name: string;
  readonly index: number;
  filled: boolean;
  /** Offset of the element's tag. */
  readonly start: number;
}

/** A narrative div: its source text becomes the JSON string. */
export interface XhtmlFrame extends FrameBase {
  readonly kind: 'xhtml';
  readonly owner: ComplexFrame;
  readonly name: string;
  readonly start: number;
  depth: number;
}

/** Content that is reported once and not read further (unknown elements, foreign namespaces). */
export interface SkipFrame extends FrameBase {
  readonly kind: 'skip';
}

export type Frame = ComplexFrame | SlotFrame | XhtmlFrame | SkipFrame;

/** True for elements that FHIR XML writes as attributes (`Element.id`, `Extension.url`). */
export function isXmlAttribute(el: ElementNode): boolean {
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
