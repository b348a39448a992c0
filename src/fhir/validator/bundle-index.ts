import type { BundleIndex } from './validation-context.js';
import { isObject } from './walk-element.js';

const restful =
  /^(?:(.*)\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;

/**
 * Builds the reference index of a Bundle in one pass (linear in the number of entries): by fullUrl,
 * and by `Type/id` (plus `Type/id/_history/v` when a versionId is present), so that references
 * inside the Bundle resolve in constant time.
 */
export function indexBundle(bundle: Record<string, unknown>): BundleIndex {
  const byKey = new Map<string, Record<string, unknown>[]>();
  const fullUrls = new Map<string, Record<string, unknown>[]>();
  const fullUrlOf = new Map<Record<string, unknown>, string>();
  const add = (key: string, r: Record<string, unknown>) => {
    const list = byKey.get(key);
    // one resource is added under several keys in a row (fullUrl, Type/id, history), so a repeat of
    // the same resource under one key can only be the last one added: no scan of the list
    if (list) {
      if (list[list.length - 1] !== r) list.push(r);
    } else byKey.set(key, [r]);
  };
  const entries = bundle['entry'];
  if (Array.isArray(entries)) {
    for (const e of entries) {
      if (!isObject(e) || !isObject(e['resource'])) continue;
      const r = e['resource'];
      if (typeof e['fullUrl'] === 'string') {
        add(e['fullUrl'], r);
        const same = fullUrls.get(e['fullUrl']);
        if (same) same.push(r);
        else fullUrls.set(e['fullUrl'], [r]);
        fullUrlOf.set(r, e['fullUrl']);
      }
      if (typeof r['resourceType'] === 'string' && typeof r['id'] === 'string') {
        add(`${r['resourceType']}/${r['id']}`, r);
        const meta = r['meta'];
        if (isObject(meta) && typeof meta['versionId'] === 'string')
          add(`${r['resourceType']}/${r['id']}/_history/${meta['versionId']}`, r);
      }
    }
  }
  return {
    type: typeof bundle['type'] === 'string' ? bundle['type'] : undefined,
    lookup(reference: string): Record<string, unknown>[] {
      const direct = byKey.get(reference);
      if (direct) return direct;
      const m = restful.exec(reference);
      if (!m) return [];
      const key = m[4] ? `${m[2]}/${m[3]}/_history/${m[4]}` : `${m[2]}/${m[3]}`;
      return byKey.get(key) ?? [];
    },
    byFullUrl(url: string): Record<string, unknown>[] {
      return fullUrls.get(url) ?? [];
    },
    fullUrlOf(resource: Record<string, unknown>): string | undefined {
      return fullUrlOf.get(resource);
    },
  };
}
