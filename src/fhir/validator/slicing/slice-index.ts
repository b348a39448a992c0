/**
 * The value index of a slicing: which slices an item can belong to, found by the item's own
 * discriminator value instead of trying every slice.
 *
 * Design note. Matching an item tries each slice's expectations in turn (slice-matcher.ts); with
 * many slices (extensions by url, codings by system and code) most of those tries fail on the first
 * discriminator. When, for one discriminator, every slice expects either a plain string (a fixed or
 * pattern `url`, `system`, `code`: strict equality, see value-match.ts) or nothing (`none`), the
 * slices that can match an item are exactly those whose string is among the strings the item has at
 * that path, plus those that expect nothing there: any other slice fails that discriminator, and a
 * failed `pattern` discriminator makes the whole match `false` (never "undecided"). So the index
 * only prefilters: the candidates are then matched in slice order with the full matcher, and the
 * answers (matched, undecided, order) are those of trying every slice. Paths through `resolve()`
 * are not indexed (they depend on the payload around the item), nor slicings of more than 31 slices
 * (the candidates are a 31-bit mask: nothing is allocated per item).
 * @module
 */
import type { PathStep } from './discriminator-path.js';

/**
 * Fewer slices are matched directly: with one or two, following the path for the index costs
 * about what the failed tries it saves do.
 */
const minSlices = 3;

/** Candidate slices by value of one discriminator (bit k: the k-th slice). */
export interface SliceIndex {
  /** The discriminator's path, followed in the item as `reaches` does. */
  readonly steps: readonly PathStep[];
  /**
   * The steps as followed in JSON (`ofType` steps dropped: they select nothing there): the element
   * name of each step, undefined for an `extension('url')` step, whose url is in {@link urls}.
   */
  readonly names: readonly (string | undefined)[];
  /** Per step, how {@link readName} reads its name (0: `obj[name]`). */
  readonly readers: readonly number[];
  readonly urls: readonly (string | undefined)[];
  /** String value → slices expecting it. */
  readonly byValue: ReadonlyMap<string, number>;
  /**
   * The same, as two lists, when there are at most {@link maxScanned} values: the item's string is
   * then compared with each (`===`, mostly a length or pointer test) instead of hashed for the map.
   */
  readonly values: readonly string[] | undefined;
  readonly masks: readonly number[];
  /** Slices that expect nothing at this discriminator (candidates for every item). */
  readonly always: number;
}

/**
 * The names discriminator paths mostly use, each read by a load of its own in {@link readName}
 * (its number there: the position here plus one).
 */
const readNames = ['code', 'system', 'coding', 'url', 'type', 'use', 'value'];

/** Values an index compares one by one rather than looks up (see {@link SliceIndex.values}). */
const maxScanned = 8;

/** The shape of the expectations the index reads (see slice-matcher.ts). */
type IndexedExpectation =
  | { readonly kind: 'pattern'; readonly steps: readonly PathStep[]; readonly value: unknown }
  | {
      readonly kind: 'reslices';
      readonly steps: readonly PathStep[];
      readonly required: readonly unknown[];
      readonly optional: readonly unknown[];
    }
  | { readonly kind: string };

/**
 * The index of the first discriminator that every slice answers with a string or nothing (and
 * some slice with a string), or undefined when there is none.
 */
export function buildSliceIndex(
  slices: readonly { readonly expectations: readonly IndexedExpectation[] }[],
): SliceIndex | undefined {
  if (slices.length < minSlices || slices.length > 31) return undefined;
  const discriminators = slices[0]!.expectations.length;
  for (let d = 0; d < discriminators; d++) {
    const index = indexOf(slices, d);
    if (index) return index;
  }
  return undefined;
}

/**
 * The index of every discriminator, when each can be indexed (every slice expects a plain string
 * there or nothing, on one path; at most 31 slices). The slices an item matches are then exactly
 * those among the candidates of every index: a `pattern` discriminator on a string is strict
 * equality with some value reached at its path (never "undecided"), and `none` passes. So
 * {@link exactMatches} answers what trying each slice would, following each path once per item
 * instead of once per slice. Undefined when some discriminator cannot be indexed.
 *
 * Values fixed in re-slices (`reslices`, R4 `bp`: `component` by `code.coding.code`) are strings
 * too: the item must reach each `required` one (one index per required value, the other slices
 * passing it), else some `optional` one (one index whose values all name the slice), as
 * slice-matcher.ts decides them.
 */
export function buildExactIndexes(
  slices: readonly { readonly expectations: readonly IndexedExpectation[] }[],
): readonly SliceIndex[] | undefined {
  if (slices.length === 0 || slices.length > 31) return undefined;
  const discriminators = slices[0]!.expectations.length;
  if (discriminators === 0) return undefined;
  const out: SliceIndex[] = [];
  for (let d = 0; d < discriminators; d++) {
    let parts = 1; // indexes for this discriminator: the most values some slice requires
    for (const s of slices) {
      const e = s.expectations[d];
      if (e !== undefined && e.kind === 'reslices' && 'required' in e)
        parts = Math.max(parts, e.required.length);
    }
    for (let j = 0; j < parts; j++) {
      const index = indexOf(slices, d, j);
      if (!index) return undefined;
      out.push(index);
    }
  }
  return out;
}

/** The slices an item matches (a mask over the slices), by {@link buildExactIndexes}' indexes. */
export function exactMatches(indexes: readonly SliceIndex[], item: unknown): number {
  let mask = -1;
  for (let d = 0; d < indexes.length && mask !== 0; d++) mask &= sliceCandidates(indexes[d]!, item);
  return mask;
}

/**
 * The index of discriminator `d` (its `part`-th required value, for slices whose values sit in
 * re-slices; `part` 0 only for the prefilter, which takes `pattern` alone).
 */
function indexOf(
  slices: readonly { readonly expectations: readonly IndexedExpectation[] }[],
  d: number,
  part = -1,
): SliceIndex | undefined {
  const byValue = new Map<string, number>();
  let always = 0;
  let steps: readonly PathStep[] | undefined;
  for (let k = 0; k < slices.length; k++) {
    const e = slices[k]!.expectations[d];
    if (e === undefined) return undefined;
    if (e.kind === 'none') {
      always |= 1 << k;
      continue;
    }
    let values: readonly unknown[];
    if (e.kind === 'pattern' && 'value' in e) {
      if (part > 0) {
        always |= 1 << k;
        continue;
      }
      values = [e.value];
    } else if (part >= 0 && e.kind === 'reslices' && 'required' in e) {
      if (e.required.length > 0) {
        if (part >= e.required.length) {
          always |= 1 << k;
          continue;
        }
        values = [e.required[part]];
      } else if (part > 0) {
        always |= 1 << k;
        continue;
      } else values = e.optional;
    } else return undefined;
    if (values.length === 0 || values.some((v) => typeof v !== 'string')) return undefined;
    if (e.steps.some((s) => s.kind === 'resolve')) return undefined;
    if (steps === undefined) steps = e.steps;
    else if (!sameSteps(steps, e.steps)) return undefined;
    for (const v of values as readonly string[]) byValue.set(v, (byValue.get(v) ?? 0) | (1 << k));
  }
  if (steps === undefined) return undefined;
  const small = byValue.size <= maxScanned;
  const followed = steps.filter((s) => s.kind !== 'ofType');
  return {
    steps,
    names: followed.map((s) => (s.kind === 'name' ? s.name : undefined)),
    readers: followed.map((s) => (s.kind === 'name' ? readNames.indexOf(s.name) + 1 : 0)),
    urls: followed.map((s) => (s.kind === 'extension' ? s.url : undefined)),
    byValue,
    values: small ? [...byValue.keys()] : undefined,
    masks: small ? [...byValue.values()] : [],
    always,
  };
}

function sameSteps(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'name' && x.name !== (y as typeof x).name) return false;
    if (x.kind === 'extension' && x.url !== (y as typeof x).url) return false;
    if (x.kind === 'ofType' && x.type !== (y as typeof x).type) return false;
  }
  return true;
}

/** The candidate slices of an item (a mask over the slices, see {@link SliceIndex}). */
export function sliceCandidates(index: SliceIndex, item: unknown): number {
  return index.always | reachedMask(index, item, 0);
}

/**
 * The slices expecting one of the strings reached from `v` by the steps from `i`: the values
 * `reaches` (slice-matcher.ts) would compare, followed the same way (arrays once, choice names).
 * A step into a single object continues the loop; only arrays and extensions recurse.
 */
function reachedMask(index: SliceIndex, v: unknown, i: number): number {
  const names = index.names;
  while (i < names.length) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 0;
    const obj = v as Record<string, unknown>;
    const name = names[i];
    if (name === undefined) return extensionMask(index, obj, i);
    const direct = readName(obj, name, index.readers[i]!);
    i++;
    if (direct === undefined) return choiceMask(index, obj, name, i);
    if (Array.isArray(direct)) {
      let mask = 0;
      for (let j = 0; j < direct.length; j++) mask |= reachedMask(index, direct[j], i);
      return mask;
    }
    v = direct;
  }
  return typeof v === 'string' ? valueMask(index, v) : 0;
}

/** An `extension('url')` step (step `i`) from `obj`. */
function extensionMask(index: SliceIndex, obj: Record<string, unknown>, i: number): number {
  const exts = obj['extension'];
  if (!Array.isArray(exts)) return 0;
  const url = index.urls[i];
  let mask = 0;
  for (const x of exts)
    if (
      typeof x === 'object' &&
      x !== null &&
      !Array.isArray(x) &&
      (x as Record<string, unknown>)['url'] === url
    )
      mask |= reachedMask(index, x, i + 1);
  return mask;
}

/** A choice element reached by its name (`value` → `valueString`, …), the steps going on from `i`. */
function choiceMask(
  index: SliceIndex,
  obj: Record<string, unknown>,
  name: string,
  i: number,
): number {
  let mask = 0;
  for (const k in obj)
    if (k.length > name.length && k.startsWith(name) && k.charCodeAt(name.length) < 97)
      mask |= reachedAll(index, obj[k], i);
  return mask;
}

/** The slices expecting the string `v`. */
function valueMask(index: SliceIndex, v: string): number {
  const values = index.values;
  if (values === undefined) return index.byValue.get(v) ?? 0;
  for (let j = 0; j < values.length; j++) if (values[j] === v) return index.masks[j]!;
  return 0;
}

function reachedAll(index: SliceIndex, v: unknown, i: number): number {
  if (!Array.isArray(v)) return reachedMask(index, v, i);
  let mask = 0;
  for (const x of v) mask |= reachedMask(index, x, i);
  return mask;
}

/**
 * `obj[name]`, read by a load of its own for the common names (`reader` > 0, see
 * {@link readNames}). `obj[name]` with a name that varies from step to step is one keyed load site
 * for every name and object shape: V8 makes it megamorphic (a lookup in its global stub cache,
 * ≈ 130 instructions). `obj.code` is a load site that sees the few shapes of the objects holding
 * that name (Codings, …), answered from its inline cache. The same property, read the same way
 * (own or inherited): the same value.
 */
function readName(obj: Record<string, unknown>, name: string, reader: number): unknown {
  switch (reader) {
    case 1:
      return obj.code;
    case 2:
      return obj.system;
    case 3:
      return obj.coding;
    case 4:
      return obj.url;
    case 5:
      return obj.type;
    case 6:
      return obj.use;
    case 7:
      return obj.value;
    default:
      return obj[name];
  }
}
