/**
 * What `JSON.parse` does not say about a text it accepted: whether an object repeated a property
 * name (it silently keeps the last) and how deep the nesting went. Both are answered from one walk
 * of the parsed value and one `indexOf` pass over the text's colons, without reading the text
 * character by character; a text the cheap count cannot vouch for gets the exact count.
 * @module
 */

/** What one walk of a parsed value found. */
export interface ValueTally {
  /** Own enumerable properties of every object (exact unless `deep`). */
  properties: number;
  /** Containers nest deeper than the walk's cap (the walk stopped there: `properties` is partial). */
  deep: boolean;
}

/**
 * Walks a parsed JSON value: counts the properties of every object, and stops at the first
 * container below `cap` levels (the root is level 1) with `deep` set.
 */
export function tallyValue(root: object, cap: number): ValueTally {
  const properties = walk(root, cap, inheritsEnumerableNames());
  return properties < 0 ? { properties: 0, deep: true } : { properties, deep: false };
}

/**
 * Whether a plain object inherits enumerable names (something added them to `Object.prototype`):
 * `for…in` over the objects `JSON.parse` makes then yields them too, so walks that read names with
 * `for…in` test each name for being the object's own (else they count, or follow, names the text
 * never had: an object-valued one leads back to itself).
 */
export function inheritsEnumerableNames(): boolean {
  for (const _ in {}) return true;
  return false;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The properties below `v` (itself included), or -1 once a container sits deeper than `left`
 * more levels. The count is returned, not added to a shared tally: V8 runs this form about twice
 * as fast (a request's Bundle is walked once per `$validate`). `own`: `Object.prototype` holds
 * enumerable names, so each name is tested for being own.
 */
function walk(v: object, left: number, own: boolean): number {
  if (left <= 0) return -1;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c: unknown = v[i];
      if (typeof c === 'object' && c !== null) {
        const below = walk(c, left - 1, own);
        if (below < 0) return -1;
        n += below;
      }
    }
    return n;
  }
  for (const key in v) {
    if (own && !hasOwn.call(v, key)) continue;
    n++;
    const c = (v as Record<string, unknown>)[key];
    if (typeof c === 'object' && c !== null) {
      const below = walk(c, left - 1, own);
      if (below < 0) return -1;
      n += below;
    }
  }
  return n;
}

/**
 * Colons right after a `"` in JSON text known to parse, or -1 when some colon follows whitespace
 * (a name such as `"a" :` would be missed, so the count cannot vouch for the text).
 *
 * Outside strings every colon ends a property name, so each name, its colon right after its closing
 * quote, is counted once; a colon inside a string is counted only when a quote (escaped, or the
 * string's opening one) comes right before it. So the count is at least the number of names in the
 * text, which is at least the parsed value's property count, with equality only when no name is
 * repeated: a count equal to the property count vouches that none is (a larger one only says to
 * count exactly). Quotes are not told apart (escaped or not): that would cost a look-behind per
 * name and only make the count smaller where it is already larger than the names.
 */
export function namesBeforeColons(t: string): number {
  let n = 0;
  for (let i = t.indexOf(':'); i >= 0; i = t.indexOf(':', i + 1)) {
    const c = t.charCodeAt(i - 1);
    if (c === 0x22) n++;
    else if (c <= 0x20 && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return -1;
  }
  return n;
}

/** Property names in JSON text known to parse (strings followed by `:`), reading every string. */
export function countNamesInText(t: string): number {
  let n = 0;
  let i = t.indexOf('"');
  while (i >= 0) {
    let j = t.indexOf('"', i + 1);
    while (j > 0 && escaped(t, j)) j = t.indexOf('"', j + 1);
    if (j < 0) return n;
    let k = j + 1;
    for (
      let c = t.charCodeAt(k);
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      c = t.charCodeAt(++k)
    );
    if (t.charCodeAt(k) === 0x3a) n++;
    i = t.indexOf('"', k);
  }
  return n;
}

/** Whether the quote at `j` is escaped (an odd run of backslashes before it). */
export function escaped(t: string, j: number): boolean {
  let b = 0;
  while (t.charCodeAt(j - 1 - b) === 0x5c) b++;
  return b % 2 === 1;
}

/** Own properties of every object in a parsed JSON value (iterative: no stack overflow at any depth). */
export function countProperties(root: object): number {
  let n = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in v) {
      if (!hasOwn.call(v, key)) continue;
      n++;
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return n;
}
