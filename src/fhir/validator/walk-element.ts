/**
 * The instance walker: visits every JSON property of a complex value against the children of its
 * ElementDefinition, checks JSON shape (object / array / primitive / null), cardinality and choice
 * types, and hands primitives, nested resources and invariants to their own checks. The property
 * loop is here; the walks it hands properties to are in walk-property.ts / walk-value.ts, the name
 * lookups in walk-names.ts, the settle tests in walk-settle.ts, the cardinality pass in
 * walk-cardinality.ts and the checks after a value's walk in walk-after.ts.
 * @module
 */
import type { ElementNode } from '../definitions/compiled/element-node.js';
import { checkElementValue } from './element-checks.js';
import { checkConstraints } from './invariants.js';
import { checkPrimitiveValue } from './primitive-value.js';
import { primitiveCheckerFor } from './primitives.js';
import type { ValidationContext } from './validation-context.js';
import { checkCardinality, moreChoices, type ChoiceSeen } from './walk-cardinality.js';
import { childEntry, hasUnderscoreName, unknownProperty, walkExtKey } from './walk-names.js';
import { walkObjectItems, walkProperty } from './walk-property.js';
import { settlesEach, settlesRuled } from './walk-settle.js';
import type { ComplexTarget } from './walk-target.js';
import { isObject } from './json-kind.js';
import { walkLoneObject } from './walk-value.js';

export { isObject, jsonKind } from './json-kind.js';
export { makeTarget, type ComplexTarget } from './walk-target.js';

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
  // own names in Object.keys order, without building the list (for-in skips nothing own). The
  // hasOwn test drops inherited names as Object.keys does; V8 does not fold it (a call per name), so
  // it is skipped when for-in can only yield own names (see `ctx.ownNamesOnly`)
  const ownOnly = ctx.ownNamesOnly;
  // `_name` companions are looked up (a keyed load per primitive, by a name the object mostly
  // lacks) only in an object that has some name starting with `_`, when its names are its own
  // enumerable ones (a value given as an object is read as before)
  const hasExt = !ownOnly || hasUnderscoreName(obj);
  for (const key in obj) {
    if (!ownOnly && !hasOwn.call(obj, key)) continue;
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
      (!hasExt || obj[entry.extKey] === undefined) &&
      (entry.checkValue ??= primitiveCheckerFor(entry.type!, entry.element.name))(
        value as string | number | boolean,
      ) === undefined
    )
      count = 1;
    else if (
      kind === 'settleEach' &&
      (!hasExt || obj[entry.extKey] === undefined) &&
      settlesEach(entry, value)
    )
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
      const ext = hasExt ? obj[entry.extKey] : undefined;
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
      const ext = hasExt && entry.isPrimitive ? obj[entry.extKey] : undefined;
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
