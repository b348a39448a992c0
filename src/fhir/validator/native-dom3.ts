/**
 * dom-3 (every contained resource is referenced from its container, or references it) natively:
 * fhirpath.js cannot evaluate the R4 expression. Used by native-invariants.ts.
 * @module
 */
import { isObject } from './walk-element.js';

/** The contained resources that are objects. */
function containedObjects(node: Record<string, unknown>): Record<string, unknown>[] {
  const c = node['contained'];
  return Array.isArray(c) ? c.filter(isObject) : [];
}

/** A local reference in narrative XHTML: `<img src="#id">`, `<a href="#id">` (the HL7 validator counts these for dom-3). */
const narrativeLocalRef = /\s(?:src|href)\s*=\s*["'](#[^"'\s]+)["']/g;

/**
 * A local reference below a container, as dom-3 counts them: every `reference` string, every string
 * starting with '#', and every local `src`/`href` in narrative. Each one found is taken out of
 * `wanted` (the `#id`s of the contained resources); true once none is left.
 */
function seeString(k: string, v: string, wanted: Set<string>): boolean {
  if (k === 'reference' || v.charCodeAt(0) === 35) wanted.delete(v);
  // (a local reference holds a '#': most narratives have none, and are not searched)
  else if (k === 'div' && v.includes('#'))
    for (const m of v.matchAll(narrativeLocalRef)) wanted.delete(m[1]!);
  return wanted.size === 0;
}

/**
 * Takes out of `wanted` the local references below `node` (see {@link seeString}), iteratively;
 * stops (true) once none is left. `stack` is empty on entry and is left as it is.
 */
function dropLocalRefs(node: unknown, wanted: Set<string>, stack: unknown[]): boolean {
  stack.push(node);
  while (stack.length) {
    const cur = stack.pop();
    if (Array.isArray(cur)) for (const x of cur) stack.push(x);
    else if (isObject(cur)) {
      for (const k in cur) {
        // own names only: a name inherited from a polluted Object.prototype would be followed
        // into itself for ever (see test/hardening/inherited-names.test.ts)
        if (!Object.hasOwn(cur, k)) continue;
        const v = cur[k];
        if (typeof v === 'string') {
          if (seeString(k, v, wanted)) {
            stack.length = 0;
            return true;
          }
        } else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return false;
}

/**
 * dom-3: every contained resource is referenced from the container, or references it ('#'). The
 * container's references are searched in its own order, its contained resources last, and the
 * search stops once every contained id is referenced (the usual container references its
 * contained resources near the top, e.g. `medicationReference`); no set of all references is made.
 */
export function dom3(node: Record<string, unknown>): boolean {
  const list = containedObjects(node);
  if (list.length === 0) return true;
  const wanted = new Set<string>();
  for (const c of list) if (typeof c['id'] === 'string') wanted.add(`#${c['id']}`);
  if (wanted.size === 0) return true;
  const stack: unknown[] = [];
  for (const k in node) {
    if (!Object.hasOwn(node, k) || k === 'contained') continue;
    const v = node[k];
    if (typeof v === 'string') {
      if (seeString(k, v, wanted)) return true;
    } else if (typeof v === 'object' && v !== null && dropLocalRefs(v, wanted, stack)) return true;
  }
  if (Object.hasOwn(node, 'contained') && dropLocalRefs(node['contained'], wanted, stack))
    return true;
  // the ones left: each must reference its container ('#')
  for (const c of list) {
    if (typeof c['id'] !== 'string' || !wanted.has(`#${c['id']}`)) continue;
    const self = new Set<string>(['#']);
    if (!dropLocalRefs(c, self, stack)) return false;
  }
  return true;
}
