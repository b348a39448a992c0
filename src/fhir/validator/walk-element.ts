/**
 * The instance walker: visits every JSON property of a complex value against the children of its
 * ElementDefinition, checks JSON shape (object / array / primitive / null), cardinality and choice
 * types, and hands primitives, nested resources and invariants to their own checks.
 * @module
 */
import type {
  ChildEntry,
  CompiledStructure,
  ElementNode,
} from '../definitions/compiled/element-node.js';
import { nameMemoSize, type ResolvedChildren } from '../definitions/compiled/structure-model.js';
import { checkElementValue, valueSettles } from './element-checks.js';
import { checkCodingValue } from './coding.js';
import { checkConstraints } from './invariants.js';
import { checkPrimitiveValue } from './primitive-value.js';
import { primitiveCheckerOf, primitiveTypes } from './primitives.js';
import type { ValidationContext } from './validation-context.js';
import { checkExtension } from './extensions.js';
import { checkValueAbsent } from './value-presence.js';
import { checkReference } from './references.js';
import { checkIdentifier } from './identifier.js';
import { checkAttachment } from './attachment.js';
import { walkSlicedArray } from './slicing/walk-sliced-array.js';
import { validateResource } from './walk-resource.js';
import { complexTarget, structureTarget, type ComplexTarget } from './walk-target.js';

export { makeTarget, type ComplexTarget } from './walk-target.js';

/** True for a JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Walks one JSON object against the children of `target`. */
export function walkComplex(
  ctx: ValidationContext,
  obj: Record<string, unknown>,
  target: ComplexTarget,
): void {
  if (!ctx.tick() || !ctx.enter()) {
    ctx.leave();
    return;
  }
  const resolved =
    target.resolved ?? ctx.services.model.childrenOf(target.node, target.structure, target.type);
  ctx.elements.push(target);
  const isResourceRoot = target.isResourceRoot === true;
  // counts only for the children whose count can break cardinality (by their slot in the checks),
  // kept on the context's count stack (no array per object): slots base … base + checks.length
  const checks = resolved?.cardinalityChecks;
  const counts = ctx.counts;
  const base = ctx.countsTop;
  if (checks !== undefined) {
    for (let i = 0; i < checks.length; i++) counts[base + i] = 0;
    ctx.countsTop = base + checks.length;
  }
  // the choice properties seen: the first in two locals, a list only from the second on (most
  // objects have one choice at most, so no list is made for them)
  let choiceEl: ElementNode | undefined;
  let choiceName = '';
  let choices: ChoiceSeen[] | undefined;
  let empty = true;
  let position = 0; // how many names were looked up (the slot of the name memo)
  let keys = 0; // own properties met (for the duplicate-name check: ctx.tally)
  const allowExampleUrls = ctx.options.allowExampleUrls;
  // own names in Object.keys order, without building the list (for-in skips nothing own; the
  // hasOwn test, which V8 folds inside for-in, drops inherited names as Object.keys does)
  for (const key in obj) {
    if (!hasOwn.call(obj, key)) continue;
    keys++;
    empty = false;
    if (isResourceRoot && key === 'resourceType') continue;
    if (key.charCodeAt(0) === 95 /* _ */) {
      if (!walkExtKey(ctx, obj, key, target, resolved)) continue;
      // the `_name` of a primitive without its value: walked alone, counted as one value
      const entry = resolved!.byName[key.slice(1)]!;
      const el = entry.element;
      if (el.isChoice) {
        if (choiceEl === undefined) {
          choiceEl = el;
          choiceName = key.slice(1);
        } else choices = moreChoices(choices, choiceEl, choiceName, el, key.slice(1));
      }
      const count = walkProperty(
        ctx,
        entry,
        key.slice(1),
        undefined,
        obj[key],
        resolved!.structure,
      );
      const slot = el.cardinalitySlot;
      if (slot !== undefined && checks![slot] === el) counts[base + slot]! += count;
      if (ctx.stopped) break;
      continue;
    }
    const entry = resolved === undefined ? undefined : childEntry(resolved, key, position++);
    // unknown names, and `value` inside a primitive's `_name`
    if (entry === undefined || (target.isPrimitiveExtension === true && key === 'value')) {
      const choice = unknownProperty(ctx, key, key, entry === undefined ? resolved : undefined);
      if (choice) {
        if (choiceEl === undefined) {
          choiceEl = choice;
          choiceName = key;
        } else choices = moreChoices(choices, choiceEl, choiceName, choice, key);
        const slot = choice.cardinalitySlot;
        if (slot !== undefined && checks![slot] === choice) counts[base + slot]! += 1;
      }
      continue;
    }
    // the entry carries what the loop needs (the element is not read for a settled value)
    const el = entry.element;
    if (entry.isChoice) {
      if (choiceEl === undefined) {
        choiceEl = el;
        choiceName = key;
      } else choices = moreChoices(choices, choiceEl, choiceName, el, key);
    }
    // walked already, by a profile whose rules there are the same (see profile-overlap.ts)
    if (entry.walk === 'skip') continue;
    const value = obj[key]; // the for-in key itself: V8 loads it through the enum cache
    // dispatch by the entry's walk kind (chosen when the structure compiled): the usual primitive
    // (one value of the right JSON type, no `_name`, nothing element-specific, valid content) is
    // settled here without entering the walk (no location is pushed for it); a lone object goes
    // straight to its walk; anything else takes the general property walk
    const kind = entry.walk;
    let count: number;
    if (
      (kind === 'settle' || (kind === 'settleUnlessUrlsChecked' && allowExampleUrls)) &&
      typeof value === entry.jsonType &&
      value !== '' &&
      obj[entry.extKey] === undefined &&
      (entry.checkValue ??= primitiveCheckerOf(entry.type!))(value as string | number | boolean) ===
        undefined
    )
      count = 1;
    else if (kind === 'settleEach' && obj[entry.extKey] === undefined && settlesEach(entry, value))
      count = (value as readonly unknown[]).length;
    else if (kind === 'object' && isObject(value)) {
      ctx.pushProperty(entry.piece, key);
      walkLoneObject(ctx, el, entry.type!, value, resolved!.structure);
      ctx.pop();
      count = 1;
    } else if (kind === 'objects' && Array.isArray(value) && value.length > 0) {
      ctx.pushProperty(entry.piece, key);
      count = walkObjectItems(ctx, el, entry.type, key, value, resolved!.structure);
      ctx.pop();
    } else if (kind === 'primitive' && typeof value === entry.jsonType) {
      // one value of the right JSON type: walkProperty's checks of an array or a null cannot apply
      const ext = obj[entry.extKey];
      if (Array.isArray(ext))
        count = walkProperty(ctx, entry, key, value, ext, resolved!.structure);
      else if (ext === undefined && settlesRuled(ctx, entry, value, allowExampleUrls)) count = 1;
      else {
        ctx.pushProperty(entry.piece, key);
        checkPrimitiveValue(ctx, el, entry.type!, key, value, ext);
        if (el.valueRules) checkElementValue(ctx, el, entry.type!, value);
        ctx.pop();
        count = 1;
      }
    } else {
      const ext = entry.isPrimitive ? obj[entry.extKey] : undefined;
      count = walkProperty(ctx, entry, key, value, ext, resolved!.structure);
    }
    const slot = entry.cardinalitySlot;
    if (slot !== undefined && checks![slot] === el) counts[base + slot]! += count;
    if (ctx.stopped) break;
  }
  // the properties of an object walked once (a walk of a value already walked counts nothing)
  if (ctx.rewalking === 0) ctx.tally += keys;
  // an empty object has no property to report on: its own issue comes first all the same
  if (empty && !isResourceRoot) ctx.report('structure.empty-object');
  // nothing to check without counted children or two choice properties (most data types)
  if (checks !== undefined && (checks.length > 0 || choices !== undefined) && !ctx.stopped)
    checkCardinality(ctx, checks, counts, base, choices);
  ctx.countsTop = base;
  // a kept target whose constraint plans are known to be none (most data types) skips the call
  const plans = target.plans;
  if (!ctx.stopped && (plans === undefined || plans.length > 0))
    checkConstraints(ctx, obj, target, resolved?.children);
  ctx.elements.pop();
  ctx.leave();
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A lone primitive with value rules (walk kind `primitive`, no `_name`, no slices, not XHTML) whose
 * valid value is known to pass them (see `valueSettles` in element-checks.ts): settled as kind
 * `settle` is, without pushing its location (a uri/url so only when example URLs are allowed).
 */
function settlesRuled(
  ctx: ValidationContext,
  entry: ChildEntry,
  value: unknown,
  allowExampleUrls: boolean,
): boolean {
  const el = entry.element;
  const type = entry.type!;
  return (
    el.valueRules !== undefined &&
    el.slices === undefined &&
    value !== '' &&
    type !== 'xhtml' &&
    (allowExampleUrls || (type !== 'uri' && type !== 'url')) &&
    (entry.checkValue ??= primitiveCheckerOf(type))(value as string | number | boolean) ===
      undefined &&
    valueSettles(ctx, el, type, value as string | number | boolean)
  );
}

/**
 * True when every item of a repeating primitive's array settles (walk kind `settleEach`): a
 * non-empty array of values of the right JSON type, none empty, each passing its type's check. The
 * walk of such an array reports nothing; any other array takes the general walk.
 */
function settlesEach(entry: ChildEntry, value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const check = (entry.checkValue ??= primitiveCheckerOf(entry.type!));
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== entry.jsonType || item === '') return false;
    if (check(item as string | number | boolean) !== undefined) return false;
  }
  return true;
}

/**
 * The child entry of a property name (undefined: not a child), by the name memo of `resolved`:
 * the name met at this position last time is compared by identity (the parser's names are
 * internalized strings), and only a different name is looked up in `byName` (and memoised).
 */
function childEntry(
  resolved: ResolvedChildren,
  key: string,
  position: number,
): ChildEntry | undefined {
  const memo = resolved.nameMemo;
  if (memo[position] === key) return resolved.nameMemoEntries[position];
  const entry = resolved.byName[key];
  // positions are filled in order (the memo stays a packed array)
  if (position < nameMemoSize && position <= memo.length) {
    memo[position] = key;
    resolved.nameMemoEntries[position] = entry;
  }
  return entry;
}

/**
 * A `_name` property: true when it is the companion of a primitive sent without its value (the
 * caller walks it); false when it was handled here (with its value, or reported as unknown).
 */
function walkExtKey(
  ctx: ValidationContext,
  obj: Record<string, unknown>,
  key: string,
  target: ComplexTarget,
  resolved: ResolvedChildren | undefined,
): boolean {
  const name = key.slice(1);
  const entry = resolved?.children.get(name);
  const entryIsPrimitive = entry !== undefined && entry.isPrimitive;
  if (entryIsPrimitive && hasOwn.call(obj, name)) return false; // handled with its value
  // unknown names, `value` inside a primitive's `_name`, and `_name` of a non-primitive element
  if (!entryIsPrimitive || (target.isPrimitiveExtension && name === 'value')) {
    unknownProperty(ctx, key, name, entry === undefined ? resolved : undefined);
    return false;
  }
  return true;
}

/**
 * Reports a property the element does not have: a choice type the profile does not allow
 * (`valueString` where value[x] is Quantity only) is one error, and the choice element is returned
 * (it still counts as the element's value, no "minimum required" besides); else an unknown property.
 * `resolved` is given only when the name has no entry (a choice is looked for then).
 */
function unknownProperty(
  ctx: ValidationContext,
  key: string,
  name: string,
  resolved: ResolvedChildren | undefined,
): ElementNode | undefined {
  const choice = resolved ? disallowedChoice(ctx, resolved.list, name) : undefined;
  ctx.pushProperty('', key);
  if (choice)
    ctx.report('structure.choice-type-not-allowed', {
      name: choice.name,
      type: name.slice(choice.name.length),
      allowed: choice.types.map((t) => t.code).join(', '),
    });
  else ctx.report('structure.unknown-property', { name: key });
  ctx.pop();
  return choice && key === name ? choice : undefined;
}

/** The choice element (`value[x]`) a property name (`valueString`) renames with a type it does not allow. */
function disallowedChoice(
  ctx: ValidationContext,
  list: readonly ElementNode[],
  name: string,
): ElementNode | undefined {
  for (const el of list) {
    if (!el.isChoice || name.length <= el.name.length || !name.startsWith(el.name)) continue;
    const suffix = name.slice(el.name.length); // `String`, `Quantity`: a FHIR type, primitives lower-cased
    const c = suffix.charCodeAt(0);
    if (c < 65 || c > 90) continue;
    const model = ctx.services.model;
    if (model.base(suffix) || model.base(suffix[0]!.toLowerCase() + suffix.slice(1))) return el;
  }
  return undefined;
}

/** A choice element's JSON property seen in an object (`valueQuantity` for `value[x]`). */
interface ChoiceSeen {
  readonly el: ElementNode;
  readonly name: string;
}

/**
 * The choice properties seen in an object once a second one is met: the list starts with the first
 * (kept apart until then) and takes the new one.
 */
function moreChoices(
  choices: ChoiceSeen[] | undefined,
  firstEl: ElementNode,
  firstName: string,
  el: ElementNode,
  name: string,
): ChoiceSeen[] {
  const list = choices ?? [{ el: firstEl, name: firstName }];
  list.push({ el, name });
  return list;
}

/** The property names used for one choice element, in order of appearance. */
function namesOf(choices: readonly ChoiceSeen[] | undefined, el: ElementNode): string[] {
  const names: string[] = [];
  for (const c of choices ?? []) if (c.el === el) names.push(c.name);
  return names;
}

/** How many property names were used for one choice element (namesOf without the list). */
function countNamesOf(choices: readonly ChoiceSeen[] | undefined, el: ElementNode): number {
  let n = 0;
  if (choices) for (let i = 0; i < choices.length; i++) if (choices[i]!.el === el) n++;
  return n;
}

function checkCardinality(
  ctx: ValidationContext,
  list: readonly ElementNode[],
  counts: readonly number[],
  base: number,
  choices: readonly ChoiceSeen[] | undefined,
): void {
  for (let i = 0; i < list.length; i++) {
    const el = list[i]!;
    const found = counts[base + i]!;
    if (el.isChoice && countNamesOf(choices, el) > 1) continue; // reported as structure.choice-multiple
    if (found < el.min) {
      ctx.report(
        'cardinality.too-few',
        { path: el.path, min: el.min, found },
        { rule: { elementId: el.id } },
      );
    } else if (found === 0 && el.slices !== undefined) {
      // no items at all: the slicing walk never runs, so required slices are missing here
      for (const s of el.slices)
        if (s.min > 0)
          ctx.report(
            'cardinality.too-few',
            { path: s.id, min: s.min, found: 0 },
            { rule: { elementId: s.id } },
          );
    } else if (found > el.max) {
      ctx.report(
        'cardinality.too-many',
        { path: el.path, max: el.max, found },
        { rule: { elementId: el.id } },
      );
    }
  }
  if (choices === undefined || choices.length < 2) return;
  const reported = new Set<ElementNode>();
  for (const { el } of choices) {
    if (reported.has(el)) continue;
    reported.add(el);
    const names = namesOf(choices, el);
    if (names.length > 1)
      ctx.report('structure.choice-multiple', { name: el.name, found: names.join(', ') });
  }
}

/** Validates the value(s) of one property (with its `_name` companion); returns how many values count toward cardinality. */
function walkProperty(
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
    return walkSliced(ctx, entry, type, name, values, exts, structure);
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
function walkObjectItems(
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

/** A sliced array (apart from walkArray, so the item walker's closure is made for sliced arrays only). */
function walkSliced(
  ctx: ValidationContext,
  entry: ChildEntry,
  type: string | undefined,
  name: string,
  values: readonly unknown[],
  exts: readonly unknown[] | undefined,
  structure: CompiledStructure,
): number {
  // an item walked right after itself (by its slice, then by the sliced element's own rules) is
  // walked again: its properties are counted once (see `ctx.tally`)
  let lastItem: unknown;
  let lastExt: unknown;
  return walkSlicedArray(ctx, entry, type, values, exts, structure, (el, t, v, e) => {
    const again = v === lastItem && e === lastExt;
    lastItem = v;
    lastExt = e;
    if (again) ctx.rewalking++;
    walkItem(
      ctx,
      el,
      t,
      t === type ? entry.isPrimitive : t !== undefined && primitiveTypes.has(t),
      name,
      v,
      e,
      structure,
    );
    if (again) ctx.rewalking--;
  });
}

/**
 * Several profiles on one type mean "conforms to at least one": when one of them fits (checked
 * silently) only that one is applied; when none fits, all are applied so their errors are reported.
 */
function anyOfProfiles(
  ctx: ValidationContext,
  value: unknown,
  profiles: readonly string[],
): readonly string[] {
  if (profiles.length < 2) return profiles;
  const fitting = profiles.find(
    (p) => ctx.services.model.profile(p) && ctx.services.conformsTo(ctx, value, p),
  );
  return fitting ? [fitting] : profiles;
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

/**
 * A `code` sent with extensions only (`_status: {extension: [...]}`, a data-absent-reason among
 * them) where a required binding applies: a required binding needs a code, as the HL7 validator
 * says ("No code provided, and a code is required from the value set").
 */
function checkCodeMissing(ctx: ValidationContext, el: ElementNode): void {
  const binding = el.valueRules?.binding;
  if (binding?.strength === 'required' && binding.valueSet)
    ctx.report('binding.code-missing', { valueSet: binding.valueSet });
}

/** Validates one value of an element of `type`. */
function walkItem(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  isPrimitive: boolean,
  name: string,
  value: unknown,
  ext: unknown,
  structure: CompiledStructure,
): void {
  if (value === null) {
    ctx.report('structure.null-not-allowed', { name });
    return;
  }
  if (isPrimitive && type !== undefined) {
    checkPrimitiveValue(ctx, el, type, name, value, ext);
    if (value !== undefined && el.valueRules) checkElementValue(ctx, el, type, value);
    else if (value === undefined) {
      if (type === 'code') checkCodeMissing(ctx, el);
      if (el.valueRules) checkValueAbsent(ctx, el, ext);
    }
    return;
  }
  walkObjectValue(ctx, el, type, name, value, structure);
}

/** A lone object value (walk kind `object`): {@link walkObjectValue} without its JSON type test. */
function walkLoneObject(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: Record<string, unknown>,
  structure: CompiledStructure,
): void {
  const target = complexTarget(ctx, el, structure, type);
  if (target.resourceTypes !== undefined) walkResourceValue(ctx, el, target.resourceTypes, value);
  else {
    walkComplex(ctx, value, target);
    if (target.checksAfter !== false) checkAfterRewalking(ctx, el, type, value);
  }
}

/** Validates one non-primitive value of an element (a complex value, or a resource). */
function walkObjectValue(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  name: string,
  value: unknown,
  structure: CompiledStructure,
): void {
  const target = complexTarget(ctx, el, structure, type);
  const resourceTypes = target.resourceTypes;
  if (resourceTypes) {
    walkResourceValue(ctx, el, resourceTypes, value);
    return;
  }
  if (!isObject(value)) {
    ctx.report('structure.wrong-json-type', { name, expected: 'object', found: jsonKind(value) });
    return;
  }
  walkComplex(ctx, value, target);
  if (target.checksAfter !== false) checkAfterRewalking(ctx, el, type, value);
}

/** A resource held by an element (`Bundle.entry.resource`, `contained`): validated as a resource of the types allowed. */
function walkResourceValue(
  ctx: ValidationContext,
  el: ElementNode,
  resourceTypes: readonly string[],
  value: unknown,
): void {
  const profiles = anyOfProfiles(
    ctx,
    value,
    (el.typeProfileList ??= el.types.flatMap((t) => t.profiles)),
  );
  validateResource(
    ctx,
    value,
    resourceTypes.includes('Resource') ? undefined : resourceTypes,
    profiles,
  );
}

/**
 * {@link checkAfterWalk} of a value just walked: a walk it makes (an extension's definition, a type
 * profile) walks the value again, so it counts no property (see `ctx.tally`).
 */
function checkAfterRewalking(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  value: Record<string, unknown>,
): void {
  ctx.rewalking++;
  checkAfterWalk(ctx, el, type, value);
  ctx.rewalking--;
}

/** The checks of a complex value after its walk: value rules, type-specific checks, extensions, type profiles. */
function checkAfterWalk(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  value: Record<string, unknown>,
): void {
  if (el.valueRules && type) checkElementValue(ctx, el, type, value);
  if (type === 'Reference') checkReference(ctx, el, value);
  else if (type === 'Coding') checkCodingValue(ctx, value);
  else if (type === 'Attachment') checkAttachment(ctx, value);
  else if (type === 'Identifier') checkIdentifier(ctx, value);
  if (type === 'Extension') walkExtension(ctx, el, value);
  else if (type && el.hasTypeProfiles) {
    if (!el.children) walkTypeProfiles(ctx, el, type, value);
    else checkTypeProfilesKnown(ctx, el, type);
  }
}

/**
 * The type profiles of an element whose snapshot already expanded its children: one that cannot be
 * resolved was not applied (the snapshot took the plain type), so the value was not checked against
 * it. (A registry lookup: the profile is not compiled for this.)
 */
function checkTypeProfilesKnown(ctx: ValidationContext, el: ElementNode, type: string): void {
  for (const t of el.types)
    if (t.code === type)
      for (const p of t.profiles)
        if (!ctx.services.model.registry.structureDefinition(p))
          ctx.report('profile.type-profile-unresolved', { profile: p });
}

/** An extension: by its slice's type profile when the profile sliced it, else by its url. */
function walkExtension(
  ctx: ValidationContext,
  el: ElementNode,
  value: Record<string, unknown>,
): void {
  const profile = el.sliceName ? el.types[0]?.profiles[0] : undefined;
  if (profile) {
    const compiled = ctx.services.model.profile(profile);
    if (compiled) walkComplex(ctx, value, structureTarget(ctx, compiled, 'Extension', false));
    else ctx.report('extension.unknown', { url: profile }, { severity: 'warning' }); // the profile's gap, not the instance's
    return;
  }
  const parent = ctx.elements[ctx.elements.length - 1];
  const path = parent
    ? (parent.contextPath ??
      (parent.isResourceRoot ? (parent.type ?? parent.node.path) : parent.node.path))
    : '';
  const basePath = parent?.contextBasePath ?? parent?.node.definition.base?.path;
  // no slice matched this item of an element that is sliced: a part its definition does not list
  const unmatched = el.slices !== undefined && el.slices.length > 0 && !el.sliceName;
  checkExtension(
    ctx,
    value,
    el.name === 'modifierExtension',
    path,
    parent?.type ?? '',
    basePath,
    unmatched,
  );
}

/** Datatype profiles on the element's type (`Quantity` profiled as `SimpleQuantity`, …). */
function walkTypeProfiles(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: Record<string, unknown>,
): void {
  if (el.children || !el.hasTypeProfiles) return; // the snapshot already expanded (and constrained) the children
  for (const t of el.types) {
    if (t.code !== type) continue;
    for (const p of anyOfProfiles(ctx, value, t.profiles)) {
      const compiled = ctx.services.model.profile(p);
      if (compiled) walkComplex(ctx, value, structureTarget(ctx, compiled, type, false));
      else ctx.report('profile.type-profile-unresolved', { profile: p });
    }
  }
}

/** The JSON kind of a value, for messages. */
export function jsonKind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
