/**
 * The walk of one property with its `_name` companion: JSON shape (array or not), arrays item by
 * item (unsliced arrays of objects with one target, sliced arrays through the slicing walk), and
 * choice type slices.
 * @module
 */
import type {
  ChildEntry,
  CompiledStructure,
  ElementNode,
} from '../definitions/compiled/element-node.js';
import { isObject, jsonKind } from './json-kind.js';
import { walkSlicedArray } from './slicing/walk-sliced-array.js';
import type { ValidationContext } from './validation-context.js';
import { checkAfterRewalking } from './walk-after.js';
import { walkComplex } from './walk-element.js';
import { complexTarget } from './walk-target.js';
import { walkItem, walkResourceValue } from './walk-value.js';

/** Validates the value(s) of one property (with its `_name` companion); returns how many values count toward cardinality. */
export function walkProperty(
  ctx: ValidationContext,
  entry: ChildEntry,
  name: string,
  value: unknown,
  ext: unknown,
  structure: CompiledStructure,
): number {
  const el = entry.element;
  const type = entry.type;
  ctx.pushProperty(entry.piece, value === undefined ? entry.extKey : name);
  let count: number;
  if (el.isArray) count = walkArray(ctx, entry, type, name, value, ext, structure);
  else if (Array.isArray(value) || Array.isArray(ext)) {
    ctx.report('structure.array-not-allowed', { name });
    count = Array.isArray(value) ? value.length : 1;
  } else {
    const slice =
      el.slices && entry.choiceType ? choiceSlice(el, name, entry.choiceType) : undefined;
    // a type-specific constraint: `value[x]:valueQuantity` with max 0 forbids a Quantity value
    if (slice && slice.max < 1)
      ctx.report(
        'cardinality.too-many',
        { path: slice.id, max: slice.max, found: 1 },
        { rule: { elementId: slice.id } },
      );
    walkItem(ctx, slice ?? el, type, entry.isPrimitive, name, value, ext, structure);
    count = 1;
  }
  ctx.pop();
  return count;
}

function walkArray(
  ctx: ValidationContext,
  entry: ChildEntry,
  type: string | undefined,
  name: string,
  value: unknown,
  ext: unknown,
  structure: CompiledStructure,
): number {
  const values = value === undefined ? undefined : Array.isArray(value) ? value : undefined;
  const exts = ext === undefined ? undefined : Array.isArray(ext) ? ext : undefined;
  if (value !== undefined && !values) {
    ctx.report('structure.array-expected', { name });
    walkItem(ctx, entry.element, type, entry.isPrimitive, name, value, undefined, structure);
    return 1;
  }
  if (ext !== undefined && !exts) {
    ctx.report('structure.array-expected', { name: `_${name}` });
    return values?.length ?? 1;
  }
  const n = Math.max(values?.length ?? 0, exts?.length ?? 0);
  if (n === 0) {
    ctx.report('structure.empty-array', { name });
    return 0;
  }
  if (values && exts && values.length !== exts.length) {
    ctx.report('structure.primitive-array-misaligned', {
      name,
      valueCount: values.length,
      extensionCount: exts.length,
    });
  }
  if (entry.element.slices && entry.element.slicing && values)
    return walkSlicedArray(ctx, entry, type, name, values, exts, structure);
  if (values && exts === undefined && !entry.isPrimitive)
    return walkObjectItems(ctx, entry.element, type, name, values, structure);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values?.[i];
    const e = exts?.[i];
    ctx.pushIndex(i);
    if ((v === null || v === undefined) && (e === null || e === undefined))
      reportNullItem(ctx, values !== undefined && exts !== undefined, name, i);
    else {
      count++;
      walkItem(
        ctx,
        entry.element,
        type,
        entry.isPrimitive,
        name,
        v ?? undefined,
        e ?? undefined,
        structure,
      );
    }
    ctx.pop();
    if (ctx.stopped) break;
  }
  return count;
}

/** An array item that is null (with its `_name` item null or absent too, when `pair`). */
function reportNullItem(ctx: ValidationContext, pair: boolean, name: string, index: number): void {
  ctx.report(pair ? 'structure.primitive-array-null-pair' : 'structure.null-not-allowed', {
    name,
    index,
  });
}

/** The items of an unsliced array of a non-primitive element (walkArray's loop, without `_name` companions). */
export function walkObjectItems(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  name: string,
  values: readonly unknown[],
  structure: CompiledStructure,
): number {
  // one target for every item (walkObjectValue's, made once per array)
  const target = complexTarget(ctx, el, structure, type);
  const resourceTypes = target.resourceTypes;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    ctx.pushIndex(i);
    if (v === null || v === undefined) reportNullItem(ctx, false, name, i);
    else {
      count++;
      if (resourceTypes) walkResourceValue(ctx, el, resourceTypes, v);
      else if (!isObject(v))
        ctx.report('structure.wrong-json-type', { name, expected: 'object', found: jsonKind(v) });
      else {
        walkComplex(ctx, v, target);
        if (target.checksAfter !== false) checkAfterRewalking(ctx, el, type, v);
      }
    }
    ctx.pop();
    if (ctx.stopped) break;
  }
  return count;
}

/** The type slice (`value[x]:valueQuantity`) of a choice element that applies to a chosen type. */
function choiceSlice(
  el: ElementNode,
  jsonName: string,
  choiceType: string,
): ElementNode | undefined {
  return el.slices!.find(
    (s) => s.sliceName === jsonName || (s.types.length === 1 && s.types[0]!.code === choiceType),
  );
}
