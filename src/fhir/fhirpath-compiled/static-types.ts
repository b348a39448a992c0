/**
 * Static types of the invariant compiler: what a (sub)expression yields, resolved against the
 * compiled base definitions (the same R4 model fhirpath.js types expressions with).
 * @module
 */
import type {
  ChildEntry,
  CompiledStructure,
  ElementNode,
} from '../definitions/compiled/element-node.js';
import type { StructureModel } from '../definitions/compiled/structure-model.js';
import { primitiveTypes } from '../definitions/primitive-types.js';
import { jsonTypeOf } from '../validator/primitives.js';
import type { JsonKind } from './runtime.js';

/**
 * The static type of a collection:
 * - `complex`: JSON objects of FHIR type `type` whose children come from `node` in `structure`;
 * - `resource`: JSON objects of an element typed `Resource` (children unknown until `ofType`);
 * - `prim`: values of a FHIR primitive element (`sys`: typed as a FHIRPath System type, like `id`);
 * - `value`: computed System values (literals, `count()`, comparisons) — never `noValue`;
 * - `mixed`: a choice element with several types: only presence tests apply.
 */
export type StaticType =
  | {
      readonly k: 'complex';
      readonly type: string;
      readonly node: ElementNode;
      readonly structure: CompiledStructure;
    }
  | { readonly k: 'resource' }
  | { readonly k: 'prim'; readonly type: string; readonly json: JsonKind; readonly sys: boolean }
  | { readonly k: 'value'; readonly type: 'String' | 'Integer' | 'Decimal' | 'Boolean' }
  | { readonly k: 'mixed' };

/** How a member name maps to JSON properties: one property, or the properties of a choice. */
export interface MemberRoute {
  readonly props: readonly { readonly key: string; readonly type: StaticType }[];
  readonly type: StaticType;
}

const abstractResources = new Set(['Resource', 'DomainResource']);

/** The type of the element an invariant is attached to, from its FHIRPath base (`Patient`, `Bundle.entry`). */
export function resolveBase(model: StructureModel, base: string): StaticType | undefined {
  const segments = base.split('.');
  const root = model.base(segments[0]!);
  if (!root || primitiveTypes.has(root.type)) return undefined;
  let type: StaticType = { k: 'complex', type: root.type, node: root.root, structure: root };
  for (const seg of segments.slice(1)) {
    if (type.k !== 'complex' || seg.includes('[')) return undefined;
    const resolved = model.childrenOf(type.node, type.structure, type.type);
    const entry = resolved?.children.get(seg);
    if (!resolved || !entry || entry.element.isChoice) return undefined;
    const next = entryType(model, entry, resolved.structure);
    if (!next) return undefined;
    type = next;
  }
  return type.k === 'complex' ? type : undefined;
}

/** The static type of one child entry (a JSON property). */
function entryType(
  model: StructureModel,
  entry: ChildEntry,
  structure: CompiledStructure,
): StaticType | undefined {
  const el = entry.element;
  const code = entry.choiceType ?? (el.types.length === 1 ? el.types[0]!.code : undefined);
  if (el.contentReference)
    return { k: 'complex', type: code ?? 'BackboneElement', node: el, structure };
  if (!code) return undefined;
  if (abstractResources.has(code)) return { k: 'resource' };
  if (primitiveTypes.has(code)) {
    const sys = (el.definition.type ?? []).some((t) =>
      t.code?.startsWith('http://hl7.org/fhirpath/System.'),
    );
    return { k: 'prim', type: code, json: jsonTypeOf(code), sys };
  }
  if (code.startsWith('http://')) return undefined;
  if (!el.children && !model.base(code)) return undefined;
  return { k: 'complex', type: code, node: el, structure };
}

/** Resolves `name` on a complex type: a plain element or a choice (`value` → `valueQuantity`, …). */
export function resolveMember(
  model: StructureModel,
  on: StaticType,
  name: string,
): MemberRoute | undefined {
  if (on.k !== 'complex') return undefined;
  const resolved = model.childrenOf(on.node, on.structure, on.type);
  if (!resolved) return undefined;
  const direct = resolved.children.get(name);
  if (direct && !direct.element.isChoice) {
    const type = entryType(model, direct, resolved.structure);
    return type ? { props: [{ key: name, type }], type } : undefined;
  }
  const props: { key: string; type: StaticType }[] = [];
  for (const [key, entry] of resolved.children) {
    if (!entry.element.isChoice || entry.element.name !== name) continue;
    const type = entryType(model, entry, resolved.structure);
    if (!type) return undefined;
    props.push({ key, type });
  }
  if (props.length === 0) return undefined;
  return { props, type: props.length === 1 ? props[0]!.type : { k: 'mixed' } };
}

/** The structure type for `ofType(T)` / `is(T)` on a Resource element: a concrete resource type. */
export function resourceType(model: StructureModel, name: string): StaticType | undefined {
  if (abstractResources.has(name)) return undefined;
  const s = model.base(name);
  if (!s || s.kind !== 'resource' || s.type !== name) return undefined;
  return { k: 'complex', type: name, node: s.root, structure: s };
}

/** Comparison family of a type: strings, numbers or booleans; undefined for anything else (dates, quantities…). */
export function family(t: StaticType): 'string' | 'number' | 'integer' | 'boolean' | undefined {
  if (t.k === 'value')
    return t.type === 'String'
      ? 'string'
      : t.type === 'Integer'
        ? 'integer'
        : t.type === 'Decimal'
          ? 'number'
          : 'boolean';
  if (t.k !== 'prim') return undefined;
  switch (t.type) {
    case 'string':
    case 'code':
    case 'uri':
    case 'url':
    case 'canonical':
    case 'id':
    case 'oid':
    case 'uuid':
    case 'markdown':
      return 'string';
    case 'integer':
    case 'positiveInt':
    case 'unsignedInt':
      return 'integer';
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}
