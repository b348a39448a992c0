/**
 * Creates a slice (or re-slice) that the base does not have yet, as ProfileUtilities does: a copy of
 * the sliced element as the base defined it (not as this profile constrained it), with its children,
 * inserted after the sliced element's children and after earlier slices
 * (https://hl7.org/fhir/R4/profiling.html#slicing). Re-slices (`a:b/c`) copy the slice `a:b` as
 * constrained, since a re-slice must conform to the slice it refines.
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import { parentId, rebase, splitSlice } from './element-id.js';
import type { ElementList } from './element-list.js';
import type { PristineElements } from './expand-children.js';
import type { MessageCollector } from './snapshot-result.js';

type Slicing = NonNullable<ElementDefinition['slicing']>;

/** The slicing R4 uses for extensions when a profile slices them without saying how. */
export function extensionSlicing(): Slicing {
  return { discriminator: [{ type: 'value', path: 'url' }], ordered: false, rules: 'open' };
}

/**
 * The slicing added to a choice element when a profile constrains one of its types by the renamed
 * form (`closed`, as the R4 snapshots show) or names a type slice without declaring the slicing (`open`).
 */
export function typeSlicing(rules: 'open' | 'closed'): Slicing {
  return { discriminator: [{ type: 'type', path: '$this' }], ordered: false, rules };
}

/** Inserts slice `id` of the element at `slicedIndex`; returns the new slice's index. */
export function createSlice(
  list: ElementList,
  slicedIndex: number,
  id: string,
  sliceName: string,
  pristine: PristineElements,
  messages: MessageCollector,
): number {
  const sliced = list.elements[slicedIndex]!;
  const slicedId = sliced.id!;
  const reslice = sliceName.includes('/');
  if (!sliced.slicing && reslice) {
    messages.report(
      'warning',
      'snapshot.slicing-missing',
      `${id}: re-slice of ${slicedId}, which declares no slicing`,
      id,
    );
  } else if (!sliced.slicing) {
    if (sliced.type?.length === 1 && sliced.type[0]!.code === 'Extension') {
      sliced.slicing = extensionSlicing();
    } else {
      messages.report(
        'warning',
        'snapshot.slicing-missing',
        `${id}: slice of ${slicedId}, which declares no slicing`,
        id,
      );
    }
  }
  const root = reslice ? sliced : (pristine.get(slicedId) ?? sliced);
  const slice = structuredClone(root);
  delete slice.slicing;
  slice.id = id;
  slice.sliceName = sliceName;
  const children: ElementDefinition[] = [];
  const copied = new Set([slicedId]);
  const end = list.childrenEnd(slicedIndex);
  for (let i = slicedIndex + 1; i < end; i++) {
    const child = list.elements[i]!;
    const from = reslice ? child : pristine.get(child.id!);
    const parent = splitSlice(child.id!)?.slicedId ?? parentId(child.id!);
    if (!from || parent === undefined || !copied.has(parent)) continue;
    copied.add(child.id!);
    const copy = structuredClone(from);
    copy.id = rebase(child.id!, slicedId, id);
    children.push(copy);
  }
  const at = list.subtreeEnd(slicedIndex);
  list.insert(at, [slice, ...children]);
  for (const c of children) pristine.set(c.id!, structuredClone(c));
  return at;
}
