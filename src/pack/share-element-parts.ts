/**
 * Sharing of repeated ElementDefinition parts in a pack. Every element of every snapshot repeats
 * the inherited constraints (`ele-1` …), and many repeat the same `type` entries and `binding`;
 * the pack stores each distinct value once in `shared` and puts its index in the element instead
 * (`constraint: [0, 17]`, `type: [3]`, `binding: 42`). Loading puts the shared objects back, so
 * equal parts become one object in memory (the engine only reads them).
 * @module
 */

type Json = Record<string, unknown>;

/** The element fields whose values (or array items) are shared. */
const arrayParts = ['constraint', 'type'] as const;

/** Replaces repeated parts of the elements of StructureDefinitions by indexes into a shared table. */
export class PartSharer {
  readonly #index = new Map<string, number>();
  readonly shared: unknown[] = [];

  #ref(value: unknown): number {
    const key = JSON.stringify(value);
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.shared.length;
      this.shared.push(value);
      this.#index.set(key, i);
    }
    return i;
  }

  /** The element with its constraint/type items and binding replaced by shared indexes. */
  shareElement(element: Json): Json {
    const out: Json = { ...element };
    for (const part of arrayParts) {
      const list = element[part];
      if (Array.isArray(list)) out[part] = list.map((item: unknown) => this.#ref(item));
    }
    if (element['binding'] !== undefined) out['binding'] = this.#ref(element['binding']);
    return out;
  }
}

/**
 * The shared parts: the whole table, or the part at an index (the loader parses each one when first
 * asked for it, see src/pack/load-pack.ts; the same index must give the same object).
 */
export type SharedParts = readonly unknown[] | ((index: number) => unknown);

/** Puts shared parts back into one element (in place; the element was parsed from the pack). */
export function restoreElement(element: Json, shared: SharedParts): void {
  restore(element, partAt(shared));
}

/** The part at an index, from either form of {@link SharedParts}. */
function partAt(shared: SharedParts): (index: number) => unknown {
  return typeof shared === 'function' ? shared : (index: number) => shared[index];
}

function restore(element: Json, at: (index: number) => unknown): void {
  for (const part of arrayParts) {
    const list = element[part];
    if (Array.isArray(list))
      element[part] = list.map((item: unknown) => (typeof item === 'number' ? at(item) : item));
  }
  if (typeof element['binding'] === 'number') element['binding'] = at(element['binding']);
}

/** Restores the elements of a StructureDefinition `snapshot` or `differential` value (in place). */
export function restoreElements(holder: unknown, shared: SharedParts): void {
  const elements = (holder as { element?: Json[] } | undefined)?.element;
  if (!elements) return;
  const at = partAt(shared);
  for (const e of elements) restore(e, at);
}
