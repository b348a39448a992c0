import { LruCache } from './lru-cache.js';
import type { CodeValidation, CodingInput } from './terminology.js';
import { TokenBucket } from './token-bucket.js';

/** The fetch signature the client needs (the Web `fetch`; injected in tests and on the edge). */
export type FetchLike = (
  input: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}>;

/** Options of {@link createRemoteTerminology}. */
export interface RemoteTerminologyOptions {
  /** FHIR base of the terminology server (`https://ontology.nhs.uk/production1/fhir`). */
  readonly baseUrl: string;
  /** Per-request timeout, including reading the body. Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** Token-bucket limit. Default NHS England's: 5,000 requests per 300,000 ms. */
  readonly rateLimit?: { readonly requests: number; readonly perMs: number };
  /** Longest a call waits for the rate limit before giving up as not-checked. Default 30,000 ms. */
  readonly maxWaitMs?: number;
  /** Cached answers (valid/invalid only; failures are never cached). Default 10,000. */
  readonly cacheSize?: number;
  /** Extra request headers, e.g. an `Authorization` the caller obtained. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: FetchLike;
  /** Clock in milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** Waits `ms` milliseconds. Default a `setTimeout` promise. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A terminology server client for `ValueSet/$validate-code`. */
export interface RemoteTerminology {
  /** Never rejects: a timeout, HTTP error or unusable answer gives `not-checked`. */
  validateCode(valueSet: string, coding: CodingInput): Promise<CodeValidation>;
}

const unavailable: CodeValidation = { outcome: 'not-checked', reason: 'system-not-available' };

/**
 * Creates a client for a FHIR terminology server's `ValueSet/$validate-code` (POSTed Parameters with
 * `url` and `coding`, or `code` for a `code` element). Answers are cached (LRU), identical
 * concurrent calls share one request, calls are rate-limited by a token bucket, and each request
 * has a timeout. Edge-safe: it uses only the injected (or global) `fetch`, `AbortController` and
 * timers; fhir-kit-client is not used because it imports Node's http/https agents.
 */
export function createRemoteTerminology(options: RemoteTerminologyOptions): RemoteTerminology {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => Date.now());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limit = options.rateLimit ?? { requests: 5_000, perMs: 300_000 };
  const bucket = new TokenBucket(limit.requests, limit.perMs, now);
  const cache = new LruCache<string, CodeValidation>(options.cacheSize ?? 10_000);
  const inFlight = new Map<string, Promise<CodeValidation>>();

  async function acquire(): Promise<boolean> {
    let waited = 0;
    for (let wait = bucket.take(); wait > 0; wait = bucket.take()) {
      if (waited + wait > maxWaitMs) return false;
      await sleep(wait);
      waited += wait;
    }
    return true;
  }

  async function call(valueSet: string, coding: CodingInput): Promise<CodeValidation> {
    if (!(await acquire())) return unavailable;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(`${base}/ValueSet/$validate-code`, {
        method: 'POST',
        headers: {
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          ...options.headers,
        },
        body: JSON.stringify(requestParameters(valueSet, coding)),
        signal: controller.signal,
      });
      if (!response.ok)
        return response.status === 404
          ? { outcome: 'not-checked', reason: 'value-set-not-found' }
          : unavailable;
      return interpret(await response.json(), coding);
    } catch {
      return unavailable;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    validateCode(valueSet, coding) {
      const key = JSON.stringify([
        valueSet,
        coding.system ?? null,
        coding.version ?? null,
        coding.code ?? null,
        coding.display ?? null,
      ]);
      const cached = cache.get(key);
      if (cached) return Promise.resolve(cached);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = call(valueSet, coding).then((result) => {
        inFlight.delete(key);
        if (result.outcome !== 'not-checked') cache.set(key, result);
        return result;
      });
      inFlight.set(key, promise);
      return promise;
    },
  };
}

function requestParameters(valueSet: string, coding: CodingInput): unknown {
  const parameter: Record<string, unknown>[] = [{ name: 'url', valueUri: valueSet }];
  if (coding.system === undefined) parameter.push({ name: 'code', valueCode: coding.code ?? '' });
  else {
    const valueCoding = Object.fromEntries(
      Object.entries(coding).filter(([, v]) => v !== undefined),
    );
    parameter.push({ name: 'coding', valueCoding });
  }
  return { resourceType: 'Parameters', parameter };
}

interface Parameter {
  name?: string;
  valueBoolean?: boolean;
  valueString?: string;
  valueCanonical?: string;
  resource?: { resourceType?: string; issue?: { code?: string }[] };
}

/** Maps a `$validate-code` Parameters answer; anything unexpected is not-checked. */
function interpret(body: unknown, coding: CodingInput): CodeValidation {
  const params = (body as { resourceType?: string; parameter?: Parameter[] } | null) ?? {};
  if (params.resourceType !== 'Parameters' || !Array.isArray(params.parameter)) return unavailable;
  const get = (name: string): Parameter | undefined =>
    params.parameter!.find((p) => p.name === name);
  const result = get('result')?.valueBoolean;
  if (typeof result !== 'boolean') return unavailable;
  const display = get('display')?.valueString;
  if (result) {
    const mismatch =
      coding.display !== undefined &&
      display !== undefined &&
      normalise(coding.display) !== normalise(display);
    return {
      outcome: 'valid',
      ...(display !== undefined ? { display } : {}),
      ...(mismatch ? { displayMismatch: true } : {}),
    };
  }
  if (get('x-caused-by-unknown-system') || get('x-unknown-system')) return unavailable;
  const issues = get('issues')?.resource?.issue ?? [];
  if (issues.some((i) => i.code === 'not-found')) return unavailable;
  return { outcome: 'invalid', reason: 'not-in-value-set' };
}

function normalise(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}
