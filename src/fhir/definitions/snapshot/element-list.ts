/**
 * The ordered list of snapshot elements being built, with lookup by id and the subtree ranges that
 * insertion needs (children first, then slices, each slice followed by its own subtree).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';

/** A mutable, ordered element list indexed by id. */
export class ElementList {
  readonly elements: ElementDefinition[];
  #index: Map<string, number> | undefined;

  constructor(elements: ElementDefinition[]) {
    this.elements = elements;
  }

  /** Position of the element with this id, or -1. */
  indexOf(id: string): number {
    if (!this.#index) {
      this.#index = new Map();
      this.elements.forEach((e, i) => {
        if (e.id !== undefined && !this.#index!.has(e.id)) this.#index!.set(e.id, i);
      });
    }
    return this.#index.get(id) ?? -1;
  }

  /** The element with this id. */
  get(id: string): ElementDefinition | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.elements[i];
  }

  /** Index just past the children (and deeper descendants) of the element at `index`; slices excluded. */
  childrenEnd(index: number): number {
    const prefix = `${this.elements[index]!.id}.`;
    let i = index + 1;
    while (i < this.elements.length && (this.elements[i]!.id ?? '').startsWith(prefix)) i++;
    return i;
  }

  /** Index just past the element's whole subtree: children, then its slices (or re-slices) and theirs. */
  subtreeEnd(index: number): number {
    const id = this.elements[index]!.id ?? '';
    const isSlice = id.slice(id.lastIndexOf('.') + 1).includes(':');
    const prefixes = [`${id}.`, isSlice ? `${id}/` : `${id}:`];
    let i = index + 1;
    while (
      i < this.elements.length &&
      prefixes.some((p) => (this.elements[i]!.id ?? '').startsWith(p))
    )
      i++;
    return i;
  }

  /** True when at least one child of the element at `index` is present. */
  hasChildren(index: number): boolean {
    return this.childrenEnd(index) > index + 1;
  }

  /** Gives the element at `index` a new id, moving its children's ids along. */
  renameSubtree(index: number, newId: string): void {
    const oldId = this.elements[index]!.id!;
    const end = this.childrenEnd(index);
    for (let i = index + 1; i < end; i++) {
      const e = this.elements[i]!;
      e.id = newId + e.id!.slice(oldId.length);
    }
    this.elements[index]!.id = newId;
    this.#index = undefined;
  }

  /** Inserts elements before position `at`. */
  insert(at: number, elements: readonly ElementDefinition[]): void {
    this.elements.splice(at, 0, ...elements);
    this.#index = undefined;
  }

  /** Replaces the children (and deeper descendants) of the element at `index`; its slices stay. */
  replaceChildren(index: number, elements: readonly ElementDefinition[]): void {
    this.elements.splice(index + 1, this.childrenEnd(index) - index - 1, ...elements);
    this.#index = undefined;
  }
}
