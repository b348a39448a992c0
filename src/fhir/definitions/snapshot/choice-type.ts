/**
 * Choice types (https://hl7.org/fhir/R4/profiling.html#choice): a differential may name one type of
 * `value[x]` by the renamed form `valueQuantity`. When that leaves a single type (the choice already
 * has only that type, or the differential narrows it to that type) the constraint applies to
 * `value[x]` itself; otherwise R4 treats it as a type slice `value[x]:valueQuantity` (adding the
 * `type`/`$this` slicing when the choice is not sliced yet).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';

type TypeRef = NonNullable<ElementDefinition['type']>[number];

/** The choice element and type a renamed segment stands for. */
export interface RenamedChoice {
  /** Index of the `name[x]` element in the list. */
  readonly index: number;
  /** The type suffix as written (`Quantity`, `String`). */
  readonly suffix: string;
  /** The matching type of the choice element, when it allows that type. */
  readonly type?: TypeRef;
}

/** `string` → `String`, `Quantity` → `Quantity`. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Finds, among `elements[from..to)` (the children of one parent, with id prefix `parentId.`), the
 * choice element `name[x]` that `segment` (e.g. `valueQuantity`) renames.
 */
export function findRenamedChoice(
  elements: readonly ElementDefinition[],
  from: number,
  to: number,
  parentId: string,
  segment: string,
): RenamedChoice | undefined {
  for (let i = from; i < to; i++) {
    const id = elements[i]!.id ?? '';
    const rest = id.slice(parentId.length + 1);
    if (!rest.endsWith('[x]') || rest.includes('.') || rest.includes(':')) continue;
    const name = rest.slice(0, -3);
    if (!segment.startsWith(name) || segment.length <= name.length) continue;
    const suffix = segment.slice(name.length);
    if (!/^[A-Z]/.test(suffix)) continue;
    const type = elements[i]!.type?.find(
      (t) => t.code !== undefined && upperFirst(t.code) === suffix,
    );
    return type ? { index: i, suffix, type } : { index: i, suffix };
  }
  return undefined;
}

/** The type a type-slice name selects on a choice element (`valueQuantity` on `value[x]` → Quantity). */
export function typeOfChoiceSlice(
  choice: ElementDefinition,
  sliceName: string,
): TypeRef | undefined {
  const last = (choice.path ?? '').slice((choice.path ?? '').lastIndexOf('.') + 1);
  if (!last.endsWith('[x]')) return undefined;
  const name = last.slice(0, -3);
  if (!sliceName.startsWith(name)) return undefined;
  const suffix = sliceName.slice(name.length);
  return choice.type?.find((t) => t.code !== undefined && upperFirst(t.code) === suffix);
}
