/**
 * Samples up to N resources of one type through search: `GET [base]/[type]?_count=k`, then the
 * Bundle's `next` links, bounded by a page limit and never leaving the endpoint's origin (the
 * credentials go with every request). Resources are kept in memory for validation only.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { FhirPullClient } from './fhir-pull-client.js';
import { federationIssue } from './federation-issue.js';

/** Options of {@link sampleType}. */
export interface SampleTypeOptions {
  readonly client: FhirPullClient;
  readonly type: string;
  /** At most this many resources. */
  readonly limit: number;
  /** `_count` asked for; default `min(limit, 50)`. */
  readonly pageSize?: number;
  /** At most this many pages; default 10. */
  readonly maxPages?: number;
}

/** The sample of one type. */
export interface TypeSample {
  readonly type: string;
  /** The sampled resources (JSON objects). Not to be stored or logged. */
  readonly resources: readonly Record<string, unknown>[];
  readonly pages: number;
  /** `capability.*` and `pull.*` issues met while sampling. */
  readonly issues: readonly Issue[];
}

interface BundleLike {
  readonly resourceType?: unknown;
  readonly entry?: unknown;
  readonly link?: unknown;
}

function nextLink(bundle: BundleLike): string | undefined {
  if (!Array.isArray(bundle.link)) return undefined;
  for (const l of bundle.link as { relation?: unknown; url?: unknown }[]) {
    if (l?.relation === 'next' && typeof l.url === 'string' && l.url.length > 0) return l.url;
  }
  return undefined;
}

/** Samples one type. Never throws on transport failures: they are issues of the sample. */
export async function sampleType(options: SampleTypeOptions): Promise<TypeSample> {
  const { client, type } = options;
  const limit = Math.max(0, Math.floor(options.limit));
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? Math.min(Math.max(limit, 1), 50)));
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? 10));
  const resources: Record<string, unknown>[] = [];
  const issues: Issue[] = [];
  let url: string | undefined = `${type}?_count=${pageSize}`;
  let pages = 0;
  let countIgnored = false;
  while (url !== undefined && resources.length < limit && pages < maxPages) {
    const request = pages === 0 ? `search ${type}` : `next page of ${type}`;
    const res = await client.get(url, request, type);
    if (!res.ok) {
      url = undefined;
      issues.push(res.issue);
      const f = res.failure;
      if (pages === 0 && (f.kind === 'invalid-response' || (f.kind === 'http' && f.status !== 401 && f.status !== 403))) {
        const reason = f.kind === 'http' ? `HTTP ${f.status ?? 0}` : 'not FHIR JSON';
        issues.push(federationIssue('capability.search-failed', { resourceType: type, reason }, type));
      }
      break;
    }
    pages++;
    const bundle = res.body as BundleLike | null;
    if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
      issues.push(federationIssue('pull.invalid-response', { request }, type));
      if (pages === 1) issues.push(federationIssue('capability.search-failed', { resourceType: type, reason: 'not a Bundle' }, type));
      url = undefined;
      break;
    }
    const entries = Array.isArray(bundle.entry) ? (bundle.entry as { resource?: unknown; search?: { mode?: unknown } }[]) : [];
    if (entries.length > pageSize && !countIgnored) {
      countIgnored = true;
      issues.push(federationIssue('capability.count-ignored', { resourceType: type, count: pageSize, entries: entries.length }, type));
    }
    for (const e of entries) {
      if (resources.length >= limit) break;
      const r = e?.resource as Record<string, unknown> | undefined;
      if (!r || typeof r !== 'object' || r['resourceType'] !== type) continue;
      if (e.search?.mode === 'include' || e.search?.mode === 'outcome') continue;
      resources.push(r);
    }
    const next = nextLink(bundle);
    if (next !== undefined && !client.isOwnUrl(next)) {
      if (resources.length < limit) issues.push(federationIssue('pull.foreign-next-link', { resourceType: type }, type));
      url = undefined;
      break;
    }
    url = next;
  }
  if (url !== undefined && pages >= maxPages && resources.length < limit) {
    issues.push(federationIssue('pull.paging-limit', { resourceType: type, pages }, type));
  }
  return { type, resources, pages, issues };
}
