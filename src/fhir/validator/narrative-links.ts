/**
 * Internal hyperlinks in narrative (`<a href="#x">`) must resolve inside the same resource: to an
 * element `id` or `name` in one of its narratives (its own `text`, section texts, contained
 * resources' narratives) or to a contained resource's id. A link to another Bundle entry's anchor
 * ("See above") does not resolve, as the HL7 validator reports it.
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const localHref = /<a\b[^>]*?\shref\s*=\s*(?:"#([^"]*)"|'#([^']*)')/g;
const anchor = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Reports each narrative link to `#x` that names nothing in the resource being walked. */
export function checkNarrativeLinks(ctx: ValidationContext, div: string): void {
  if (!div.includes('#')) return;
  const links = [...div.matchAll(localHref)].map((m) => m[1] ?? m[2] ?? '');
  if (!links.some((l) => l !== '')) return;
  const known = new Set<string>();
  // the outermost resource that holds this one (a contained resource's links may target its container)
  const owner =
    ctx.containers[ctx.containers.length - 1] ?? ctx.resources[ctx.resources.length - 1];
  collectAnchors(owner, known, 0);
  const reported = new Set<string>();
  for (const link of links) {
    if (link === '' || known.has(link) || reported.has(link)) continue;
    reported.add(link);
    ctx.report('structure.narrative-link-unresolved');
  }
}

/** Element ids/names in every narrative of `value`, and the ids of its contained resources. */
function collectAnchors(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 64 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) collectAnchors(v, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const div = record['div'];
  if (typeof div === 'string') for (const m of div.matchAll(anchor)) into.add(m[1] ?? m[2] ?? '');
  const contained = record['contained'];
  if (Array.isArray(contained))
    for (const c of contained)
      if (typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string')
        into.add((c as { id: string }).id);
  for (const [key, v] of Object.entries(record))
    if (key !== 'div' && typeof v === 'object') collectAnchors(v, into, depth + 1);
}
