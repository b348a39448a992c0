/**
 * Walks the items of a sliced array: assigns each item to its slice (see slice-matcher.ts), checks
 * closed/openAtEnd/ordered rules and slice cardinality, and validates each item against its slice's
 * element (so `Patient.identifier:nhsNumber.system` applies only to the NHS number identifier).
 * @module
 */
import type {
  ChildEntry,
  CompiledStructure,
  ElementNode,
} from '../../definitions/compiled/element-node.js';
import type { ValidationContext } from '../validation-context.js';
import {
  itemMatches,
  narrowByBinding,
  type CompiledSlice,
  type CompiledSlicing,
} from './slice-matcher.js';
import { slicerAddsRules } from './slicer-rules.js';
import { exactMatches, sliceCandidates } from './slice-index.js';
import { primitiveTypes } from '../primitives.js';
import { walkItem } from '../walk-value.js';

/** The shared empty list (never pushed to: a list is made on the first push). */
const noNodes: ElementNode[] = [];

/**
 * `slice.unsupported-discriminator` (information), once per distinct discriminator of the slicing
 * that the compiler could not evaluate: those slices were matched on their other discriminators
 * and content only, so the reader knows the slicing was not fully checked.
 */
function reportUnsupported(
  ctx: ValidationContext,
  unsupported: readonly { type: string; path: string }[],
  el: ElementNode,
): void {
  const seen = new Set<string>();
  for (const u of unsupported) {
    const key = `${u.type}\u0000${u.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.report('slice.unsupported-discriminator', {
      type: u.type,
      discriminator: u.path,
      path: el.path,
    });
  }
}

/** Walks a sliced array; returns the number of items (for the sliced element's own cardinality). */
export function walkSlicedArray(
  ctx: ValidationContext,
  entry: ChildEntry,
  type: string | undefined,
  name: string,
  values: readonly unknown[],
  exts: readonly unknown[] | undefined,
  structure: CompiledStructure,
): number {
  const el = entry.element;
  const slicing =
    (el.compiledSlicing as CompiledSlicing | undefined) ?? ctx.services.slicing(el, structure);
  const slices = slicing.slices;
  const exact = slicing.exact;
  const itemType = entry.choiceType ?? type;
  // the slices' counts: slots of the context's count stack (as the walker's cardinality counts)
  const counts = ctx.counts;
  const base = ctx.countsTop;
  for (let k = 0; k < slices.length; k++) counts[base + k] = 0;
  ctx.countsTop = base + slices.length;
  /** The counts of reslices (`a/b`), by element, when some item was resliced. */
  let resliceCounts: Map<ElementNode, number> | undefined;
  /** Slices that are themselves sliced (reslicing), whose reslices need a cardinality check. */
  let resliced: Set<ElementNode> | undefined;
  /** Slices an item may belong to when its membership could not be decided offline. */
  let maybe: Set<ElementNode> | undefined;
  let lastIndex = -1;
  let unmatchedSeen = false;
  let count = 0;
  // the item walked last: an item walked right after itself (by its slice, then by the sliced
  // element's own rules) is walked again, its properties counted once (see `ctx.tally`)
  let lastItem: unknown;
  let lastExt: unknown;
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    const ext = exts?.[i];
    if ((item === null || item === undefined) && (ext === null || ext === undefined)) continue;
    count++;
    // whether this item's first walk walks again what the last walk did
    const again = item === lastItem && ext === lastExt;
    lastItem = item;
    lastExt = ext;
    ctx.pushIndex(i);
    // the matching slices by the item's discriminator values, or the candidates by one of them
    // (slice-index.ts), else every slice
    const candidates =
      exact !== undefined
        ? exactMatches(exact, item)
        : slicing.index
          ? sliceCandidates(slicing.index, item)
          : -1;
    /** The slice index of the one match (the usual case: no list is made), else -1. */
    let matchedAt = -1;
    let matched: ElementNode[] = noNodes; // when several slices match
    let open: ElementNode[] = noNodes;
    if (exact !== undefined) {
      // the candidates are the matches
      if (candidates !== 0) {
        if ((candidates & (candidates - 1)) === 0) matchedAt = 31 - Math.clz32(candidates);
        else {
          matched = [];
          for (let k = 0; k < slices.length; k++)
            if ((candidates & (1 << k)) !== 0) matched.push(slices[k]!.node);
        }
      }
    } else {
      for (let k = 0; k < slices.length; k++) {
        if ((candidates & (1 << k)) === 0) continue;
        const s = slices[k]!;
        const m = itemMatches(ctx.sliceServices, s.expectations, item, itemType);
        if (m === true) {
          if (matched !== noNodes) matched.push(s.node);
          else if (matchedAt < 0) matchedAt = k;
          else {
            matched = [slices[matchedAt]!.node, s.node];
            matchedAt = -1;
          }
        } else if (m === undefined) (open === noNodes ? (open = []) : open).push(s.node);
      }
    }
    let index = matchedAt;
    if (matchedAt < 0) {
      let chosen = mostSpecific(matched);
      let undecided = false;
      if (chosen.length > 1)
        ({ nodes: chosen, undecided } = narrowByBinding(ctx.sliceServices, chosen, item));
      else if (chosen.length === 0 && open.length > 0) {
        chosen = mostSpecific(open);
        undecided = true;
      }
      if (undecided && chosen.length !== 1) {
        // membership rests on value sets that cannot be expanded offline: unknown, not wrong
        ctx.report('slice.membership-not-checked', {
          path: el.path,
          slices: chosen.map((n) => n.definition.sliceName ?? n.id).join(', '),
        });
        for (const n of chosen) (maybe ??= new Set()).add(n);
        walkOne(ctx, entry, type, name, structure, el, type, item, ext, again);
      } else if (chosen.length === 0) {
        if (slicing.rules === 'closed')
          ctx.report(
            'slice.no-match-in-closed-slicing',
            { profile: structure.url, path: el.path },
            { rule: { elementId: el.id, profile: structure.url } },
          );
        unmatchedSeen = true;
        walkOne(ctx, entry, type, name, structure, el, type, item, ext, again);
      } else {
        if (chosen.length > 1)
          ctx.report('slice.multiple-matches', {
            path: el.path,
            slices: chosen.map((n) => n.definition.sliceName ?? n.id).join(', '),
          });
        const node = chosen[0]!;
        index = slices.findIndex((s) => s.node === node);
      }
    }
    if (index >= 0) {
      const slice = slices[index]!;
      const node = slice.node;
      if (slicing.ordered && index < lastIndex)
        ctx.report('slice.out-of-order', {
          path: el.path,
          slice: node.definition.sliceName ?? node.id,
        });
      if (unmatchedSeen && slicing.rules === 'openAtEnd')
        ctx.report('slice.not-at-end', { path: el.path });
      if (index > lastIndex) lastIndex = index;
      counts[base + index]!++;
      const target = slice.resliced
        ? reslice(
            ctx,
            node,
            item,
            itemType,
            structure,
            (resliceCounts ??= new Map()),
            (resliced ??= new Set()),
          )
        : node;
      const t = target === node ? (slice.singleType ?? type) : sliceType(target, type);
      walkOne(ctx, entry, type, name, structure, target, t, item, ext, again);
      // rules on the sliced element itself apply to every slice (the item walked again)
      if (slicerAddsRules(el, node, structure))
        walkOne(ctx, entry, type, name, structure, el, type, item, ext, true);
    }
    ctx.pop();
    if (ctx.stopped) break;
  }
  if (count > 0 && slicing.unsupported.length > 0) reportUnsupported(ctx, slicing.unsupported, el);
  if (someCountOutside(slices, counts, base) || resliced !== undefined) {
    // the counts by element, for the reports (rare: some slice's count is off, or reslices)
    const byNode = new Map(resliceCounts);
    for (let k = 0; k < slices.length; k++) byNode.set(slices[k]!.node, counts[base + k]!);
    if (someCountOutside(slices, counts, base))
      checkSliceCardinality(ctx, sliceNodes(slicing), byNode, structure, maybe);
    for (const parent of resliced ?? []) {
      if (!byNode.get(parent)) continue; // an absent slice's reslices are not required
      checkSliceCardinality(
        ctx,
        sliceNodes(ctx.services.slicing(parent, structure)),
        byNode,
        structure,
      );
    }
  }
  ctx.countsTop = base;
  return count;
}

/**
 * Walks one item against `el` as `t` (the slice's type, or the sliced element's `type`); `again`:
 * the item was walked right before (its properties are not counted again, see `ctx.tally`).
 */
function walkOne(
  ctx: ValidationContext,
  entry: ChildEntry,
  type: string | undefined,
  name: string,
  structure: CompiledStructure,
  el: ElementNode,
  t: string | undefined,
  item: unknown,
  ext: unknown,
  again: boolean,
): void {
  const isPrimitive = t === type ? entry.isPrimitive : t !== undefined && primitiveTypes.has(t);
  if (again) ctx.rewalking++;
  walkItem(ctx, el, t, isPrimitive, name, item, ext, structure);
  if (again) ctx.rewalking--;
}

/**
 * Whether some slice's count is outside its min..max: else {@link checkSliceCardinality} has
 * nothing to report (the usual case, told without reading the slices' elements).
 */
function someCountOutside(
  slices: readonly CompiledSlice[],
  counts: readonly number[],
  base: number,
): boolean {
  for (let k = 0; k < slices.length; k++) {
    const s = slices[k]!;
    const found = counts[base + k]!;
    if (found < s.min || found > s.max) return true;
  }
  return false;
}

/**
 * Reslicing (`a/b`): an item in slice `a` that is itself sliced is matched against `a`'s reslices,
 * recursively; counts are kept per reslice. Returns the most specific element for the item.
 */
function reslice(
  ctx: ValidationContext,
  node: ElementNode,
  item: unknown,
  type: string | undefined,
  structure: CompiledStructure,
  counts: Map<ElementNode, number>,
  resliced: Set<ElementNode>,
): ElementNode {
  let current = node;
  while (isResliced(current)) {
    resliced.add(current);
    const inner = ctx.services.slicing(current, structure);
    const hit = inner.slices.filter(
      (s) => itemMatches(ctx.sliceServices, s.expectations, item, type) === true,
    );
    const next = mostSpecific(hit.map((h) => h.node))[0];
    if (!next) {
      if (inner.rules === 'closed')
        ctx.report(
          'slice.no-match-in-closed-slicing',
          { profile: structure.url, path: current.id },
          { rule: { elementId: current.id, profile: structure.url } },
        );
      break;
    }
    counts.set(next, (counts.get(next) ?? 0) + 1);
    current = next;
  }
  return current;
}

/** True for a slice that is itself sliced (`a` with reslices `a/b`). */
function isResliced(node: ElementNode): boolean {
  return node.slices !== undefined && node.slices.length > 0 && !!node.definition.slicing;
}

/** The slices' elements of a compiled slicing, listed once and kept on it. */
function sliceNodes(slicing: CompiledSlicing): readonly ElementNode[] {
  return (slicing.nodes ??= slicing.slices.map((s) => s.node));
}

/** Without reslices that are refined by a more specific matching reslice (`a` vs `a/b`). */
function mostSpecific(nodes: ElementNode[]): ElementNode[] {
  if (nodes.length < 2) return nodes;
  return nodes.filter((n) => !nodes.some((m) => m !== n && m.id.startsWith(`${n.id}/`)));
}

function sliceType(node: ElementNode, fallback: string | undefined): string | undefined {
  return node.types.length === 1 ? node.types[0]!.code : fallback;
}

/**
 * Reports slices whose item count is outside their min..max (missing required slices included);
 * a slice in `maybe` (an item's membership could not be decided) is not reported as too few.
 */
export function checkSliceCardinality(
  ctx: ValidationContext,
  slices: readonly ElementNode[],
  counts: ReadonlyMap<ElementNode, number>,
  structure: CompiledStructure,
  maybe?: ReadonlySet<ElementNode>,
): void {
  const pointerToParent = ctx.ptr.pop();
  const exprToParent = ctx.expr.pop();
  for (const s of slices) {
    const found = counts.get(s) ?? 0;
    if (found < s.min && !maybe?.has(s))
      ctx.report(
        'cardinality.too-few',
        { path: s.id, min: s.min, found },
        { rule: { elementId: s.id, profile: structure.url } },
      );
    else if (found > s.max)
      ctx.report(
        'cardinality.too-many',
        { path: s.id, max: s.max, found },
        { rule: { elementId: s.id, profile: structure.url } },
      );
  }
  if (pointerToParent !== undefined) ctx.ptr.push(pointerToParent);
  if (exprToParent !== undefined) ctx.expr.push(exprToParent);
}
