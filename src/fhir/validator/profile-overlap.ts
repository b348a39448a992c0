/**
 * A resource with several profiles is walked once per profile (the framework's profile of its type,
 * then a vital signs profile, …), and the issues of the walks are merged: an issue the second walk
 * finds again (same code, location and message) is dropped by the collector. Where both profiles
 * hold the very same rules for a top-level element (the same element definitions, the whole subtree
 * under it, as both usually inherit them unchanged from the base), the second walk of that element
 * can only find again what the first found: it is skipped. The answer is the same; the walk is not
 * repeated for the text, the identifiers, the references… of every such resource.
 *
 * What is compared is structure facts only (element definitions, made once per pair of profiles and
 * kept on the compiled profile). Left to the walk, whatever their definitions: elements whose
 * walk reads their structure itself (slicing, with the profile's url in its messages;
 * contentReference, resolved in the structure) and extensions (whose context is the resource's
 * element).
 * @module
 */
import type {
  ChildEntry,
  CompiledStructure,
  ElementNode,
} from '../definitions/compiled/element-node.js';
import type { ResolvedChildren } from '../definitions/compiled/structure-model.js';
import { elementDocumentationFields } from '../definitions/element-documentation.js';
import type { ValidationContext } from './validation-context.js';
import { makeTarget, structureTarget, type ComplexTarget } from './walk-target.js';

/**
 * The walk target of a resource's root for its walk with `profiles[i]` (the profiles that apply to
 * it, walked in order): after the first, one that skips what the first walk covered alike.
 */
export function profileTarget(
  ctx: ValidationContext,
  profiles: readonly CompiledStructure[],
  i: number,
  type: string,
): ComplexTarget {
  const profile = profiles[i]!;
  return i === 0
    ? structureTarget(ctx, profile, type, true)
    : rewalkTarget(ctx, profiles[0]!, profile, type);
}

/**
 * The walk target of a resource's root for a walk with `again` after one with `first` (both
 * profiles of `type`): the root target of `again`, whose top-level elements that `first` holds alike
 * are skipped (see the module comment). Made once per pair of profiles and kept on `again`.
 */
export function rewalkTarget(
  ctx: ValidationContext,
  first: CompiledStructure,
  again: CompiledStructure,
  type: string,
): ComplexTarget {
  const kept = again.rewalkTargets?.get(first) as ComplexTarget | undefined;
  if (kept !== undefined && kept.type === type) return kept;
  const whole = structureTarget(ctx, again, type, true);
  const target = reduced(whole, structureTarget(ctx, first, type, true)) ?? whole;
  if (kept === undefined) (again.rewalkTargets ??= new Map()).set(first, target);
  return target;
}

/** `whole` without the top-level elements that `done` holds alike; undefined when none is. */
function reduced(whole: ComplexTarget, done: ComplexTarget): ComplexTarget | undefined {
  const mine = whole.resolved;
  const theirs = done.resolved;
  if (mine === undefined || theirs === undefined) return undefined;
  const mineBelow = subtrees(mine.structure);
  const theirsBelow = subtrees(theirs.structure);
  const same = new Set<ElementNode>();
  for (const [name, entry] of mine.children) {
    const other = theirs.children.get(name);
    const el = entry.element;
    if (
      other === undefined ||
      el.name === 'extension' ||
      el.name === 'modifierExtension' ||
      other.element.id !== el.id ||
      other.type !== entry.type ||
      other.choiceType !== entry.choiceType ||
      other.piece !== entry.piece
    )
      continue;
    if (sameSubtree(mineBelow.get(el.id), theirsBelow.get(el.id))) same.add(el);
  }
  if (same.size === 0) return undefined;
  const children = new Map<string, ChildEntry>();
  for (const [name, entry] of mine.children)
    children.set(name, same.has(entry.element) ? { ...entry, walk: 'skip' } : entry);
  const byName = Object.create(null) as Record<string, ChildEntry | undefined>;
  for (const [name, entry] of children) byName[name] = entry;
  const resolved: ResolvedChildren = {
    children,
    byName,
    list: mine.list,
    // a skipped element keeps its slot, held by a stand-in that never reports: its cardinality was
    // checked by the first walk, by the same rule
    cardinalityChecks: mine.cardinalityChecks.map((el) => (same.has(el) ? standIn(el) : el)),
    structure: mine.structure,
    nameMemo: [],
    nameMemoEntries: [],
  };
  return makeTarget(whole.node, whole.structure, whole.type, resolved, undefined, false, true);
}

/** An element in the cardinality slot of `el` that no count breaks (no minimum, no maximum, no slices). */
function standIn(el: ElementNode): ElementNode {
  return { ...el, min: 0, max: Infinity, isChoice: false, slices: undefined };
}

/**
 * Element definition properties no check reads: the documentation fields, and the flags and labels
 * that only describe an element (must-support, summary, label, the constraints it takes part in).
 */
const documentation: ReadonlySet<string> = new Set([
  ...elementDocumentationFields,
  'mustSupport',
  'isSummary',
  'label',
  'condition',
]);

/**
 * The element definitions of a structure by top-level element (`Observation.code` holds
 * `Observation.code`, `Observation.code.coding`, `Observation.code.coding:snomed`, …), in the
 * snapshot's order.
 */
function subtrees(structure: CompiledStructure): Map<string, ElementNode[]> {
  const out = new Map<string, ElementNode[]>();
  const rootId = structure.root.id;
  for (const [id, node] of structure.byId) {
    if (id.length <= rootId.length + 1 || !id.startsWith(rootId) || id[rootId.length] !== '.')
      continue;
    const rest = id.slice(rootId.length + 1);
    const cut = rest.search(/[.:]/);
    const top = `${rootId}.${cut < 0 ? rest : rest.slice(0, cut)}`;
    let list = out.get(top);
    if (list === undefined) out.set(top, (list = []));
    list.push(node);
  }
  return out;
}

/**
 * True when two top-level elements have the same definitions (ids in one order, every property but
 * documentation equal) and none of them is sliced, a slice or a contentReference (see the module
 * comment).
 */
function sameSubtree(a: readonly ElementNode[] | undefined, b: readonly ElementNode[] | undefined) {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!.definition as unknown as Record<string, unknown>;
    const y = b[i]!.definition as unknown as Record<string, unknown>;
    if (a[i]!.id !== b[i]!.id) return false;
    if (x['slicing'] !== undefined || x['sliceName'] !== undefined) return false;
    if (x['contentReference'] !== undefined) return false;
    if (!sameJson(x, y, documentation)) return false;
  }
  return true;
}

/**
 * Deep equality of two JSON values, object keys in any order; `skip`: keys of these objects left
 * out (the documentation of an element definition, and then its binding's description).
 */
function sameJson(x: unknown, y: unknown, skip?: ReadonlySet<string>): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  return sameObject(x as Record<string, unknown>, y as Record<string, unknown>, skip);
}

/** {@link sameJson} of two objects: the same keys (but `skip`), each with the same value. */
function sameObject(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  skip: ReadonlySet<string> | undefined,
): boolean {
  let count = 0;
  for (const k in a) {
    if (!hasOwn.call(a, k) || skip?.has(k) === true || a[k] === undefined) continue;
    count++;
    const inner = skip === documentation && k === 'binding' ? bindingDocumentation : undefined;
    if (!hasOwn.call(b, k) || !sameJson(a[k], b[k], inner)) return false;
  }
  for (const k in b) if (hasOwn.call(b, k) && skip?.has(k) !== true && b[k] !== undefined) count--;
  return count === 0;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A binding's documentation (no check reads it). */
const bindingDocumentation: ReadonlySet<string> = new Set(['description']);
