import type { BundleIndex } from './validation-context.js';
import { isObject } from './walk-element.js';

const restful =
  /^(?:(.*)\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;

type Resource = Record<string, unknown>;

/**
 * Builds the reference index of a Bundle (linear in the number of entries): by fullUrl, and by
 * `Type/id` (plus `Type/id/_history/v` when a versionId is present), so that references inside the
 * Bundle resolve in constant time.
 *
 * Only the fullUrl keys are made up front: a reference without `/` (the usual `urn:uuid:`) can
 * only be one of them, since every `Type/id` key holds a `/`. The full index (the same keys, made
 * in the same order as one pass over the entries would) is made on the first reference with a
 * `/`, and the exact-fullUrl lists and the fullUrl of each resource on their first use.
 */
export function indexBundle(bundle: Resource): BundleIndex {
  const entries = bundle['entry'];
  const list: readonly unknown[] = Array.isArray(entries) ? entries : [];
  const byUrl = new Map<string, UrlEntry>();
  let fullUrlsUnique = true;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isObject(e)) continue;
    const url = e['fullUrl'];
    if (typeof url !== 'string') continue;
    const resource = e['resource'];
    if (!isObject(resource)) fullUrlsUnique = false;
    else if (!addUrl(byUrl, url, resource) || url.includes('\u0000')) fullUrlsUnique = false;
  }
  let byKey: Map<string, Resource[]> | undefined;
  let fullUrls: Map<string, Resource[]> | undefined;
  let fullUrlOf: Map<Resource, string> | undefined;
  // the fullUrl entry of the reference last asked about: a reference's form is asked, then its
  // resources looked up (one Map lookup, not two; only without `/`, as `byUrl` answers those)
  let lastReference: string | undefined;
  let lastEntry: UrlEntry | undefined;
  // the fullUrl entry last found in each slot of references (see {@link referenceSlot}): the usual
  // targets (the patient, the encounter) are found again by comparing strings, without hashing the
  // reference (a new string each time) for the Map
  const recent: (UrlEntry | undefined)[] = [];
  return {
    bundle,
    type: typeof bundle['type'] === 'string' ? bundle['type'] : undefined,
    fullUrlsUnique,
    lookup(reference: string): Resource[] {
      if (!reference.includes('/'))
        return reference === lastReference
          ? lastEntry!.resources
          : (byUrl.get(reference)?.resources ?? []);
      const keys = (byKey ??= allKeys(list));
      const direct = keys.get(reference);
      if (direct) return direct;
      const m = restful.exec(reference);
      if (!m) return [];
      const key = m[4] ? `${m[2]}/${m[3]}/_history/${m[4]}` : `${m[2]}/${m[3]}`;
      return keys.get(key) ?? [];
    },
    hasReferenceForm(reference: string, test: (reference: string) => boolean): boolean {
      const slot = referenceSlot(reference);
      let entry = recent[slot];
      if (entry === undefined || entry.url !== reference) {
        entry = byUrl.get(reference);
        if (entry === undefined) return test(reference);
        recent[slot] = entry;
      }
      lastReference = reference;
      lastEntry = entry;
      return (entry.referenceForm ??= test(reference));
    },
    byFullUrl(url: string): Resource[] {
      if (!fullUrls) ({ fullUrls, fullUrlOf } = fullUrlMaps(list));
      return fullUrls.get(url) ?? [];
    },
    fullUrlOf(resource: Resource): string | undefined {
      if (!fullUrlOf) ({ fullUrls, fullUrlOf } = fullUrlMaps(list));
      return fullUrlOf.get(resource);
    },
  };
}

/** The slot of a reference among 64, by its length and last two characters. */
export function referenceSlot(reference: string): number {
  const n = reference.length;
  return ((n * 7 + reference.charCodeAt(n - 1)) * 31 + reference.charCodeAt(n - 2)) & 63;
}

/** The resources of one fullUrl, and whether a reference naming it has an accepted form (once known). */
interface UrlEntry {
  readonly url: string;
  readonly resources: Resource[];
  referenceForm: boolean | undefined;
}

/** Adds a resource under its fullUrl (as {@link add} does under a key); true for a new fullUrl. */
function addUrl(byUrl: Map<string, UrlEntry>, url: string, r: Resource): boolean {
  const entry = byUrl.get(url);
  if (entry === undefined) {
    byUrl.set(url, { url, resources: [r], referenceForm: undefined });
    return true;
  }
  if (entry.resources[entry.resources.length - 1] !== r) entry.resources.push(r);
  return false;
}

/**
 * Adds a resource under a key. One resource is added under several keys in a row (fullUrl,
 * Type/id, history), so a repeat of the same resource under one key can only be the last one
 * added: no scan of the list.
 */
function add(byKey: Map<string, Resource[]>, key: string, r: Resource): void {
  const list = byKey.get(key);
  if (list) {
    if (list[list.length - 1] !== r) list.push(r);
  } else byKey.set(key, [r]);
}

/** Every key of the index, in one pass over the entries. */
function allKeys(entries: readonly unknown[]): Map<string, Resource[]> {
  const byKey = new Map<string, Resource[]>();
  for (const e of entries) {
    if (!isObject(e) || !isObject(e['resource'])) continue;
    const r = e['resource'];
    if (typeof e['fullUrl'] === 'string') add(byKey, e['fullUrl'], r);
    if (typeof r['resourceType'] === 'string' && typeof r['id'] === 'string') {
      add(byKey, `${r['resourceType']}/${r['id']}`, r);
      const meta = r['meta'];
      if (isObject(meta) && typeof meta['versionId'] === 'string')
        add(byKey, `${r['resourceType']}/${r['id']}/_history/${meta['versionId']}`, r);
    }
  }
  return byKey;
}

/** The resources by exact fullUrl, and the fullUrl of each resource. */
function fullUrlMaps(entries: readonly unknown[]): {
  fullUrls: Map<string, Resource[]>;
  fullUrlOf: Map<Resource, string>;
} {
  const fullUrls = new Map<string, Resource[]>();
  const fullUrlOf = new Map<Resource, string>();
  for (const e of entries) {
    if (!isObject(e) || !isObject(e['resource'])) continue;
    const r = e['resource'];
    if (typeof e['fullUrl'] !== 'string') continue;
    const url = e['fullUrl'];
    const same = fullUrls.get(url);
    if (same) same.push(r);
    else fullUrls.set(url, [r]);
    fullUrlOf.set(r, url);
  }
  return { fullUrls, fullUrlOf };
}
