/**
 * Walks the differential in order and applies each element to the snapshot being built: find the
 * matching element by id (ids derived from paths when absent), expanding children from types, type
 * profiles or content references when the base stops short, creating slices the base lacks, and
 * resolving renamed choice elements (`valueQuantity`). See snapshot.md for the whole algorithm.
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import { typeOfChoiceSlice, findRenamedChoice, upperFirst } from './choice-type.js';
import { createSlice, typeSlicing } from './create-slice.js';
import { DifferentialIds, lastSegment, parentId, splitSlice } from './element-id.js';
import type { ElementList } from './element-list.js';
import {
  expandChildren,
  takeProfileElementChildren,
  typeProfileRoot,
  type PristineElements,
  type TypeSource,
} from './expand-children.js';
import { mergeElement, type MergeContext } from './merge-element.js';

/** Everything applying a differential needs. */
export interface ApplyContext extends MergeContext {
  readonly source: TypeSource;
  /** True for `derivation: specialization`: unknown elements are new, not errors. */
  readonly specialization: boolean;
}

/** Applies `differential` to `list` (mutated in place); problems go to `ctx.messages`. */
export function applyDifferential(
  list: ElementList,
  pristine: PristineElements,
  differential: readonly ElementDefinition[],
  ctx: ApplyContext,
): void {
  const applier = new DifferentialApplier(list, pristine, ctx);
  for (const d of differential) applier.apply(d);
}

class DifferentialApplier {
  readonly #list: ElementList;
  readonly #pristine: PristineElements;
  readonly #ctx: ApplyContext;
  readonly #ids = new DifferentialIds();
  /** Renamed-choice ids (`X.valueQuantity`) -> the snapshot id they resolved to. */
  readonly #aliases = new Map<string, string>();

  constructor(list: ElementList, pristine: PristineElements, ctx: ApplyContext) {
    this.#list = list;
    this.#pristine = pristine;
    this.#ctx = ctx;
  }

  apply(d: ElementDefinition): void {
    if (!d.path && !d.id) {
      this.#ctx.messages.report(
        'error',
        'snapshot.element-without-path',
        'a differential element has neither id nor path',
      );
      return;
    }
    const rawId = this.#ids.idFor(d);
    let index = this.#locate(this.#dealias(rawId), d);
    if (index < 0 && this.#ctx.specialization) index = this.#addNewElement(this.#dealias(rawId), d);
    if (index < 0) {
      this.#ctx.messages.report(
        'error',
        'snapshot.element-not-found',
        `${rawId}: matches no element of the base or its types`,
        rawId,
      );
      return;
    }
    const target = this.#list.elements[index]!;
    mergeElement(target, d, this.#ctx);
    if (d.type) {
      this.#applyTypeProfileRoot(target, d);
      takeProfileElementChildren(
        this.#list,
        index,
        this.#ctx.source,
        this.#pristine,
        this.#ctx.messages,
      );
    }
  }

  /**
   * A specialisation (a new resource or logical model) defines elements its base lacks: each is
   * appended after its parent's existing children, its `base` being itself, with Element's invariants.
   */
  #addNewElement(id: string, d: ElementDefinition): number {
    const parent = parentId(id);
    if (parent === undefined || splitSlice(id)) return -1;
    const parentIndex = this.#locate(parent);
    if (parentIndex < 0) return -1;
    const at = this.#list.childrenEnd(parentIndex);
    const path = d.path ?? id;
    const added: ElementDefinition = {
      id,
      path,
      base: { path, min: d.min ?? 0, max: d.max ?? '*' },
    };
    if (d.contentReference !== undefined) added.contentReference = d.contentReference;
    if (d.isSummary !== undefined) added.isSummary = d.isSummary;
    // Every element inherits Element's invariants (ele-1), as in the R4 core snapshots.
    const inherited = this.#ctx.source.typeSnapshot('Element')?.[0]?.constraint;
    if (inherited?.length) added.constraint = structuredClone(inherited);
    this.#list.insert(at, [added]);
    this.#pristine.set(id, structuredClone(added));
    return at;
  }

  /** Rewrites an id through the longest renamed-choice alias that prefixes it. */
  #dealias(id: string): string {
    let best = '';
    for (const key of this.#aliases.keys()) {
      if (
        key.length > best.length &&
        (id === key || id.startsWith(`${key}.`) || id.startsWith(`${key}:`))
      )
        best = key;
    }
    return best ? this.#aliases.get(best)! + id.slice(best.length) : id;
  }

  /** Index of the element `id`, expanding/creating as needed; -1 when there is none. */
  #locate(id: string, d?: ElementDefinition): number {
    const list = this.#list;
    const found = list.indexOf(id);
    if (found >= 0) return found;
    const slice = splitSlice(id);
    if (slice) {
      const slicedIndex = this.#locate(slice.slicedId);
      if (slicedIndex < 0) return -1;
      const slash = slice.sliceName.lastIndexOf('/');
      const slicedId = list.elements[slicedIndex]!.id!;
      const sliceId =
        slash < 0 ? `${slicedId}:${slice.sliceName}` : slicedId + slice.sliceName.slice(slash);
      const existing = list.indexOf(sliceId);
      if (existing >= 0) return existing;
      return d
        ? this.#newSlice(slicedIndex, sliceId, slice.sliceName, d)
        : this.#inheritSlice(slicedIndex, sliceId);
    }
    const parent = parentId(id);
    if (parent === undefined) return -1;
    const parentIndex = this.#locate(parent);
    if (parentIndex < 0) return -1;
    const childId = `${list.elements[parentIndex]!.id}.${lastSegment(id)}`;
    const child = list.indexOf(childId);
    if (child >= 0) return child;
    if (!list.hasChildren(parentIndex)) {
      if (!expandChildren(list, parentIndex, this.#ctx.source, this.#pristine, this.#ctx.messages))
        return -1;
      const expanded = list.indexOf(childId);
      if (expanded >= 0) return expanded;
    }
    return this.#ctx.specialization ? -1 : this.#renamedChoice(parentIndex, childId);
  }

  /**
   * A slice the differential re-slices inside another slice (`action:single.extension:type/Single`)
   * but declared only on the unsliced element (`action.extension:type`): the constraints on the
   * unsliced element hold in every slice, so its copy joins the slice. -1 when there is none.
   */
  #inheritSlice(slicedIndex: number, sliceId: string): number {
    const list = this.#list;
    const segments = sliceId.split('.');
    const counterpartId = segments
      .map((seg, i) => (i === segments.length - 1 ? seg : seg.replace(/:.*$/, '')))
      .join('.');
    if (counterpartId === sliceId) return -1;
    const from = list.indexOf(counterpartId);
    if (from < 0) return -1;
    const copies = list.elements.slice(from, list.subtreeEnd(from)).map((e) => {
      const copy = structuredClone(e);
      copy.id = sliceId + e.id!.slice(counterpartId.length);
      return copy;
    });
    const at = list.subtreeEnd(slicedIndex);
    list.insert(at, copies);
    for (const c of copies) this.#pristine.set(c.id!, structuredClone(c));
    return at;
  }

  #newSlice(slicedIndex: number, sliceId: string, sliceName: string, d: ElementDefinition): number {
    const sliced = this.#list.elements[slicedIndex]!;
    const choiceType = sliced.path?.endsWith('[x]')
      ? typeOfChoiceSlice(sliced, sliceName)
      : undefined;
    const isExtension = sliced.type?.some((t) => t.code === 'Extension') ?? false;
    if (!sliced.slicing && !choiceType && !isExtension && !sliceName.includes('/')) {
      // A slice of an element that declares no slicing: R4 snapshots constrain the element itself under the slice's id.
      const single = (sliced.base?.max ?? sliced.max) === '1';
      this.#ctx.messages.report(
        single ? 'information' : 'warning',
        'snapshot.slice-without-slicing',
        `${sliceId}: ${sliced.id} declares no slicing; the slice constrains the element itself`,
        sliceId,
      );
      this.#list.renameSubtree(slicedIndex, sliceId);
      sliced.sliceName = sliceName;
      return slicedIndex;
    }
    const at = createSlice(
      this.#list,
      slicedIndex,
      sliceId,
      sliceName,
      this.#pristine,
      this.#ctx.messages,
    );
    if (choiceType && !d.type) this.#list.elements[at]!.type = [structuredClone(choiceType)];
    return at;
  }

  /**
   * `X.valueQuantity`: as the R4 snapshots do, a type slice `X.value[x]:valueQuantity`; the first
   * renamed form restricts the choice to its type and adds a closed `type`/`$this` slicing, later
   * ones add their type back.
   */
  #renamedChoice(parentIndex: number, id: string): number {
    const list = this.#list;
    const parent = list.elements[parentIndex]!.id!;
    const segment = lastSegment(id);
    const rc = findRenamedChoice(
      list.elements,
      parentIndex + 1,
      list.childrenEnd(parentIndex),
      parent,
      segment,
    );
    if (!rc) return -1;
    const choice = list.elements[rc.index]!;
    const type =
      rc.type ??
      this.#pristine.get(choice.id!)?.type?.find((t) => upperFirst(t.code ?? '') === rc.suffix);
    if (!type || (!rc.type && choice.slicing?.discriminator?.[0]?.type !== 'type')) {
      this.#ctx.messages.report(
        'error',
        'snapshot.type-not-allowed',
        `${id}: ${choice.id} does not allow type ${rc.suffix}`,
        id,
      );
      return -1;
    }
    const sliceId = `${choice.id}:${segment}`;
    let index = list.indexOf(sliceId);
    if (index < 0) {
      if (!choice.slicing) {
        choice.slicing = typeSlicing('closed');
        choice.type = [structuredClone(type)];
      } else if (!rc.type) choice.type = [...(choice.type ?? []), structuredClone(type)];
      index = createSlice(list, rc.index, sliceId, segment, this.#pristine, this.#ctx.messages);
      list.elements[index]!.type = [structuredClone(type)];
    }
    this.#aliases.set(id, sliceId);
    return index;
  }

  /**
   * An element the differential types with one profile takes the profile root's constraints
   * (`SimpleQuantity`'s `sqty-1`); an extension typed with its profile also takes documentation and
   * the modifier flag from the profile root unless the differential sets them, as ProfileUtilities does.
   */
  #applyTypeProfileRoot(target: ElementDefinition, d: ElementDefinition): void {
    const types = target.type ?? [];
    const profiles = types.length === 1 ? (types[0]!.profile ?? []) : [];
    if (profiles.length !== 1) return;
    const root = typeProfileRoot(
      this.#ctx.source.profileSnapshot(profiles[0]!),
      types,
      profiles[0]!,
    );
    if (!root) {
      this.#ctx.messages.report(
        'warning',
        'snapshot.type-profile-unresolved',
        `${target.id}: type profile ${profiles[0]} cannot be resolved`,
        target.id,
      );
      return;
    }
    const keys = new Set((target.constraint ?? []).map((c) => c.key));
    const added = (root.constraint ?? []).filter((c) => !keys.has(c.key));
    if (added.length > 0)
      target.constraint = [...(target.constraint ?? []), ...structuredClone(added)];
    if (types[0]!.code !== 'Extension') return;
    if (d.short === undefined && root.short !== undefined) target.short = root.short;
    if (d.definition === undefined && root.definition !== undefined)
      target.definition = root.definition;
    if (d.comment === undefined && root.comment !== undefined) target.comment = root.comment;
    if (d.isModifier === undefined && root.isModifier !== undefined) {
      target.isModifier = root.isModifier;
      if (root.isModifierReason !== undefined) target.isModifierReason = root.isModifierReason;
    }
  }
}
