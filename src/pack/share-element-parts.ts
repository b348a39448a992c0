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

/** Puts shared parts back into one element (in place; the element was parsed from the pack). */
export function restoreElement(element: Json, shared: readonly unknown[]): void {
  for (const part of arrayParts) {
    const list = element[part];
    if (Array.isArray(list)) element[part] = list.map((item: unknown) => (typeof item === 'number' ? shared[item] : item));
  }
  if (typeof element['binding'] === 'number') element['binding'] = shared[element['binding']];
}

/** Restores every element of the StructureDefinitions in `resources` (in place). */
export function restoreSharedParts(resources: readonly unknown[], shared: readonly unknown[]): void {
  for (const r of resources) {
    const sd = r as { resourceType?: string; snapshot?: { element?: Json[] }; differential?: { element?: Json[] } };
    if (sd.resourceType !== 'StructureDefinition') continue;
    for (const e of sd.snapshot?.element ?? []) restoreElement(e, shared);
    for (const e of sd.differential?.element ?? []) restoreElement(e, shared);
  }
}
