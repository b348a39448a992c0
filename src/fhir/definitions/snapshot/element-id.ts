/**
 * Element id helpers. An element id is its path with `:sliceName` on the segments that are slices
 * (`Patient.identifier:nhsNumber.system`); re-slices use `/` inside the slice name (`a:b/c`).
 * See https://hl7.org/fhir/R4/elementdefinition.html#id. Slice names are assumed to contain no `.`.
 * @module
 */

/** The id of the parent element (`A.b:s.c` → `A.b:s`); undefined for a root id. */
export function parentId(id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  return dot < 0 ? undefined : id.slice(0, dot);
}

/** The last segment of an id (`A.b:s` → `b:s`). */
export function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

/** The path an id stands for (slice names removed): `A.b:s.c` → `A.b.c`. */
export function pathOfId(id: string): string {
  return id
    .split('.')
    .map((s) => {
      const colon = s.indexOf(':');
      return colon < 0 ? s : s.slice(0, colon);
    })
    .join('.');
}

/**
 * Splits the last segment's slice off: `A.b:s` → `{ slicedId: 'A.b', sliceName: 's' }`; a re-slice
 * `A.b:s/t` → `{ slicedId: 'A.b:s', sliceName: 's/t' }`. Undefined when the last segment is no slice.
 */
export function splitSlice(id: string): { slicedId: string; sliceName: string } | undefined {
  const dot = id.lastIndexOf('.');
  const seg = id.slice(dot + 1);
  const colon = seg.indexOf(':');
  if (colon < 0) return undefined;
  const sliceName = seg.slice(colon + 1);
  const head = id.slice(0, dot + 1) + seg.slice(0, colon);
  const slash = sliceName.lastIndexOf('/');
  return slash < 0
    ? { slicedId: head, sliceName }
    : { slicedId: `${head}:${sliceName.slice(0, slash)}`, sliceName };
}

/** Moves an id or path from under `from` to under `to` (`Identifier.system`, `Identifier` → `X.identifier` gives `X.identifier.system`). */
export function rebase(idOrPath: string, from: string, to: string): string {
  if (idOrPath === from) return to;
  if (idOrPath.startsWith(`${from}.`) || idOrPath.startsWith(`${from}:`))
    return to + idOrPath.slice(from.length);
  return idOrPath;
}

/** True when `id` lies strictly below `ancestor` (a child or deeper, not a slice of it). */
export function isDescendantId(id: string, ancestor: string): boolean {
  return id.startsWith(`${ancestor}.`);
}

/**
 * Gives ids to differential elements that have none, from their path and the elements seen before
 * (FHIR's ordering rule: an element without id belongs to the nearest preceding slice of its parent path).
 */
export class DifferentialIds {
  readonly #lastIdByPath = new Map<string, string>();

  /** The id for a differential element: its own `id` when present, otherwise derived. */
  idFor(element: { id?: string; path?: string; sliceName?: string }): string {
    const path = element.path ?? element.id ?? '';
    let id = element.id;
    if (!id) {
      const dot = path.lastIndexOf('.');
      id = dot < 0 ? path : `${this.#idOfPath(path.slice(0, dot))}.${path.slice(dot + 1)}`;
      if (element.sliceName) id += `:${element.sliceName}`;
    }
    for (const key of this.#lastIdByPath.keys()) {
      if (key.startsWith(`${path}.`)) this.#lastIdByPath.delete(key);
    }
    this.#lastIdByPath.set(path, id);
    return id;
  }

  #idOfPath(path: string): string {
    const known = this.#lastIdByPath.get(path);
    if (known) return known;
    const dot = path.lastIndexOf('.');
    return dot < 0 ? path : `${this.#idOfPath(path.slice(0, dot))}.${path.slice(dot + 1)}`;
  }
}
