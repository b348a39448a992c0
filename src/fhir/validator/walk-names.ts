/**
 * The walker's property names: a name's child entry (by the name memo), `_name` companions, and
 * names the element does not have (unknown properties, choice types it does not allow).
 * @module
 */
import type { ChildEntry, ElementNode } from '../definitions/compiled/element-node.js';
import { nameMemoSize, type ResolvedChildren } from '../definitions/compiled/structure-model.js';
import type { ValidationContext } from './validation-context.js';
import type { ComplexTarget } from './walk-target.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The child entry of a property name (undefined: not a child), by the name memo of `resolved`:
 * the name met at this position last time is compared by identity (the parser's names are
 * internalized strings), and only a different name is looked up in `byName` (and memoised).
 */
export function childEntry(
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
 * Whether some enumerable name of the object starts with `_`. For an object of parsed JSON text
 * (its names are its own enumerable ones, see `ctx.ownNamesOnly`), none means no `_name` companion
 * of a primitive is there, and the walk does not look one up.
 */
export function hasUnderscoreName(obj: Record<string, unknown>): boolean {
  // a named read before any for-in over the object (its outcome only widens the test: `_` is no
  // resource type). JSON.parse gives objects of one shape one hidden class, which V8 replaces when
  // a later object of that shape holds a fraction where the earlier ones held integers (a
  // Quantity's `value`); an object of the old class moves to the new one at its first read. Made
  // first by walkComplex's `obj[key]`, that move changed the class under the running for-in, and
  // V8 then dropped its fast for-in there for the rest of the process (every `obj[key]` a
  // megamorphic keyed load, ≈ 100 instructions per property)
  let found = obj['resourceType'] === '_';
  for (const key in obj)
    if (key.charCodeAt(0) === 95 /* _ */) {
      found = true;
      break;
    }
  return found;
}

/**
 * A `_name` property: true when it is the companion of a primitive sent without its value (the
 * caller walks it); false when it was handled here (with its value, or reported as unknown).
 */
export function walkExtKey(
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
export function unknownProperty(
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
