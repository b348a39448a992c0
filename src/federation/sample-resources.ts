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

/** The issues of a first-page failure: the transport issue, and a capability gap when the server said no. */
function failureIssues(
  res: Extract<Awaited<ReturnType<FhirPullClient['get']>>, { ok: false }>,
  type: string,
  firstPage: boolean,
): Issue[] {
  const f = res.failure;
  const refused =
    f.kind === 'invalid-response' || (f.kind === 'http' && f.status !== 401 && f.status !== 403);
  if (!firstPage || !refused) return [res.issue];
  const reason = f.kind === 'http' ? `HTTP ${f.status ?? 0}` : 'not FHIR JSON';
  return [
    res.issue,
    federationIssue('capability.search-failed', { resourceType: type, reason }, type),
  ];
}

/** The matching resources of one page's entries (includes and outcomes skipped). */
function pageResources(bundle: BundleLike, type: string): Record<string, unknown>[] {
  const entries = Array.isArray(bundle.entry)
    ? (bundle.entry as { resource?: unknown; search?: { mode?: unknown } }[])
    : [];
  const out: Record<string, unknown>[] = [];
  for (const e of entries) {
    const r = e?.resource as Record<string, unknown> | undefined;
    if (!r || typeof r !== 'object' || r['resourceType'] !== type) continue;
    if (e.search?.mode === 'include' || e.search?.mode === 'outcome') continue;
    out.push(r);
  }
  return out;
}

function entryCount(bundle: BundleLike): number {
  return Array.isArray(bundle.entry) ? bundle.entry.length : 0;
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
  while (url !== undefined && resources.length < limit && pages < maxPages) {
    const request = pages === 0 ? `search ${type}` : `next page of ${type}`;
    const res = await client.get(url, request, type);
    url = undefined;
    if (!res.ok) {
      issues.push(...failureIssues(res, type, pages === 0));
      break;
    }
    pages++;
    const bundle = res.body as BundleLike | null;
    if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
      issues.push(federationIssue('pull.invalid-response', { request }, type));
      if (pages === 1)
        issues.push(
          federationIssue(
            'capability.search-failed',
            { resourceType: type, reason: 'not a Bundle' },
            type,
          ),
        );
      break;
    }
    if (
      entryCount(bundle) > pageSize &&
      !issues.some((i) => i.code === 'capability.count-ignored')
    ) {
      issues.push(
        federationIssue(
          'capability.count-ignored',
          { resourceType: type, count: pageSize, entries: entryCount(bundle) },
          type,
        ),
      );
    }
    resources.push(...pageResources(bundle, type).slice(0, limit - resources.length));
    const next = nextLink(bundle);
    if (next !== undefined && !client.isOwnUrl(next)) {
      if (resources.length < limit)
        issues.push(federationIssue('pull.foreign-next-link', { resourceType: type }, type));
    } else {
      url = next;
    }
  }
  if (url !== undefined && resources.length < limit) {
    issues.push(federationIssue('pull.paging-limit', { resourceType: type, pages }, type));
  }
  return { type, resources, pages, issues };
}
