/**
 * Bundle rules beyond the invariants: a fullUrl on every entry with a resource (except in
 * transactions and batches), fullUrl/resource id consistency and unique link relations.
 * (Reference resolution inside Bundles lives in bundle-references.ts.)
 * @module
 */
import { hasScheme } from './char-scans.js';
import type { ValidationContext } from './validation-context.js';
import { isObject } from './walk-element.js';

const restfulUrl = /^(?:https?:\/\/.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** Checks one Bundle (already walked structurally). */
export function checkBundle(ctx: ValidationContext, bundle: Record<string, unknown>): void {
  checkLinks(ctx, bundle);
  const entries = bundle['entry'];
  if (!Array.isArray(entries)) return;
  const searchset = bundle['type'] === 'searchset';
  // entries are identified by fullUrl, except in transactions and batches (the server assigns them)
  const needsFullUrl = bundle['type'] !== 'transaction' && bundle['type'] !== 'batch';
  ctx.pushProperty('.entry', 'entry');
  entries.forEach((entry, i) => {
    if (!isObject(entry)) return;
    ctx.pushIndex(i);
    if (needsFullUrl && entry['fullUrl'] === undefined && isObject(entry['resource']))
      ctx.report('bundle.fullurl-missing', {});
    checkFullUrl(ctx, entry);
    if (searchset) checkSearchEntry(ctx, entry);
    ctx.pop();
  });
  ctx.pop();
}

function checkLinks(ctx: ValidationContext, bundle: Record<string, unknown>): void {
  const links = bundle['link'];
  if (!Array.isArray(links)) return;
  const seen = new Set<string>();
  ctx.pushProperty('.link', 'link');
  links.forEach((link, i) => {
    if (!isObject(link) || typeof link['relation'] !== 'string') return;
    if (seen.has(link['relation'])) {
      ctx.pushIndex(i);
      ctx.report('bundle.duplicate-link-relation', { relation: link['relation'] });
      ctx.pop();
    }
    seen.add(link['relation']);
  });
  ctx.pop();
}

/**
 * A searchset entry whose `search.mode` is stated: a `match` is a resource found on the server,
 * so it has an id; an `outcome` is an OperationOutcome. (Entries without a mode are not judged.)
 */
function checkSearchEntry(ctx: ValidationContext, entry: Record<string, unknown>): void {
  const search = entry['search'];
  const resource = entry['resource'];
  if (!isObject(search) || !isObject(resource)) return;
  const mode = search['mode'];
  const type = resource['resourceType'];
  let code:
    'bundle.search-match-without-id' | 'bundle.search-outcome-not-operation-outcome' | undefined;
  if (mode === 'match' && (typeof resource['id'] !== 'string' || resource['id'] === ''))
    code = 'bundle.search-match-without-id';
  else if (mode === 'outcome' && typeof type === 'string' && type !== 'OperationOutcome')
    code = 'bundle.search-outcome-not-operation-outcome';
  if (code === undefined) return;
  ctx.pushProperty('.resource', 'resource');
  ctx.report(code, { resourceType: typeof type === 'string' ? type : '' });
  ctx.pop();
}

/** A fullUrl must be absolute (have a URI scheme: `https:`, `urn:`, …) and agree with a RESTful `Type/id`. */
function checkFullUrl(ctx: ValidationContext, entry: Record<string, unknown>): void {
  const fullUrl = entry['fullUrl'];
  const resource = entry['resource'];
  if (typeof fullUrl === 'string' && fullUrl !== '' && !hasScheme(fullUrl)) {
    ctx.pushProperty('.fullUrl', 'fullUrl');
    ctx.report('bundle.fullurl-not-absolute', {});
    ctx.pop();
    return;
  }
  // a RESTful fullUrl has a `/` (a urn: has none: no match to look for)
  if (typeof fullUrl !== 'string' || !isObject(resource) || !fullUrl.includes('/')) return;
  const m = restfulUrl.exec(fullUrl);
  if (!m) return;
  const [, type, id] = m;
  // Only a known resource type makes the fullUrl a RESTful `Type/id` (a misspelt segment is just a path).
  if (!ctx.services.model.registry.isResourceType(type!)) return;
  if (typeof resource['resourceType'] === 'string' && type !== resource['resourceType']) {
    ctx.pushProperty('.fullUrl', 'fullUrl');
    ctx.report('bundle.fullurl-type-mismatch', {
      urlType: type!,
      resourceType: resource['resourceType'],
    });
    ctx.pop();
  } else if (resource['id'] === undefined) {
    // a RESTful fullUrl names the resource's id, which the resource must carry to be consistent
    ctx.report('bundle.fullurl-resource-without-id', {});
  } else if (resource['id'] !== id) {
    ctx.pushProperty('.fullUrl', 'fullUrl');
    ctx.report('bundle.fullurl-id-mismatch', {});
    ctx.pop();
  }
}
