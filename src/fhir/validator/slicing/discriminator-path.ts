/**
 * Discriminator paths (https://hl7.org/fhir/R4/profiling.html#discriminator): a restricted FHIRPath
 * of element names, `$this`, `extension('url')`, `ofType(Type)` and `resolve()`. Parsed once per
 * discriminator into steps, then followed both in the instance (JSON) and in the slice's elements.
 * @module
 */

/** One step of a discriminator path. */
export type PathStep =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'extension'; readonly url: string }
  | { readonly kind: 'ofType'; readonly type: string }
  | { readonly kind: 'resolve' };

/** Parses a discriminator path; `$this` gives no steps. */
export function parseDiscriminatorPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let rest = path.trim();
  if (rest === '$this') return steps;
  if (rest.startsWith('$this.')) rest = rest.slice(6);
  const re =
    /^(?:extension\((['"])(.*?)\1\)|ofType\(([A-Za-z0-9_]+)\)|resolve\(\)|([A-Za-z_][A-Za-z0-9_]*))(?:\.|$)/;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) break;
    if (m[2] !== undefined) steps.push({ kind: 'extension', url: m[2] });
    else if (m[3] !== undefined) steps.push({ kind: 'ofType', type: m[3] });
    else if (m[0].startsWith('resolve()')) steps.push({ kind: 'resolve' });
    else steps.push({ kind: 'name', name: m[4]! });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows the steps from one instance value, returning every value reached (choice names expanded). */
export function instanceValues(
  root: unknown,
  steps: readonly PathStep[],
  resolve: (ref: unknown) => unknown,
): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'resolve') {
        const r = resolve(v);
        if (r !== undefined) next.push(r);
      } else if (step.kind === 'ofType') {
        next.push(v);
      } else if (isObj(v)) {
        if (step.kind === 'extension') {
          const exts = v['extension'];
          if (Array.isArray(exts))
            for (const e of exts) if (isObj(e) && e['url'] === step.url) next.push(e);
        } else {
          const direct = v[step.name];
          if (direct !== undefined) pushAll(next, direct);
          else {
            // a choice element: value[x] reached as `value` matches valueQuantity, valueString, …
            for (const k in v)
              if (
                k.length > step.name.length &&
                k.startsWith(step.name) &&
                k.charCodeAt(step.name.length) < 97
              )
                pushAll(next, v[k]);
          }
        }
      }
    }
    current = next;
  }
  return current;
}

/**
 * The type suffixes of the choice elements the last step reaches (`content` on a payload holding
 * `contentString` → `String`): in JSON a choice's type is only in its name. Empty when the path does
 * not end in an element name or reaches no renamed choice.
 */
export function choiceSuffixes(
  root: unknown,
  steps: readonly PathStep[],
  resolve: (ref: unknown) => unknown,
): string[] {
  const last = steps[steps.length - 1];
  if (last?.kind !== 'name') return [];
  const out: string[] = [];
  for (const v of instanceValues(root, steps.slice(0, -1), resolve)) {
    if (!isObj(v) || v[last.name] !== undefined) continue;
    for (const k in v)
      if (
        k.length > last.name.length &&
        k.startsWith(last.name) &&
        k.charCodeAt(last.name.length) < 97
      )
        out.push(k.slice(last.name.length));
  }
  return out;
}

function pushAll(out: unknown[], v: unknown): void {
  if (Array.isArray(v)) for (const x of v) out.push(x);
  else out.push(v);
}
