/**
 * The resilient HTTP side of a pull, on `fhir-kit-client` (which uses Node's fetch, i.e. undici):
 * a timeout per request, retries with exponential backoff on timeouts, network errors, 429 and
 * transient 5xx (waiting at least what `Retry-After` asks), the partner's rate limit before every
 * attempt, and a value-free `pull.*` issue instead of an exception when a request finally fails.
 * @module
 */
import { Client } from 'fhir-kit-client';
import type { Issue } from '../issues/issue.js';
import { classifyFailure, isRetryable, type RequestFailure } from './classify-failure.js';
import { federationIssue } from './federation-issue.js';
import { systemClock, type PullClock } from './pull-clock.js';
import type { RateLimiter } from './rate-limiter.js';
import { silenceClientLogs } from './silence-client-logs.js';

/** Retry policy. */
export interface RetryPolicy {
  /** Attempts per request, first included. Default 3. */
  readonly maxAttempts?: number;
  /** Backoff before retry n (1-based) is `baseDelayMs * 2^(n-1)`. Default 500. */
  readonly baseDelayMs?: number;
  /** Never wait longer than this for one retry; a longer `Retry-After` ends the retries. Default 30,000. */
  readonly maxDelayMs?: number;
}

/** Options of {@link createFhirPullClient}. */
export interface FhirPullClientOptions {
  readonly baseUrl: string;
  /** Per-request timeout (headers and body). */
  readonly timeoutMs: number;
  /** Extra request headers (the Authorization header). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly retry?: RetryPolicy;
  readonly limiter: RateLimiter;
  readonly clock?: PullClock;
}

/** What one GET came to. */
export type PullResponse =
  | { readonly ok: true; readonly body: unknown; readonly attempts: number }
  | {
      readonly ok: false;
      readonly issue: Issue;
      readonly failure: RequestFailure;
      readonly attempts: number;
    };

/** A GET-only FHIR client bound to one partner endpoint. */
export interface FhirPullClient {
  readonly baseUrl: string;
  /**
   * GETs `url` (relative to the base, or absolute on the same origin). `request` names the request
   * in issues (`metadata`, `search Patient`); `expression` is where the issue sits.
   */
  get(url: string, request: string, expression: string): Promise<PullResponse>;
  /** True when an absolute URL is on the endpoint's origin and under its base path. */
  isOwnUrl(url: string): boolean;
}

/** Creates the client. Never throws on HTTP, network or TLS failures: they come back as issues. */
export function createFhirPullClient(options: FhirPullClientOptions): FhirPullClient {
  silenceClientLogs();
  const clock = options.clock ?? systemClock;
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 3);
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = new URL(`${baseUrl}/`);
  const client = new Client({
    baseUrl,
    customHeaders: { accept: 'application/fhir+json', ...(options.headers ?? {}) },
  });

  function isOwnUrl(url: string): boolean {
    try {
      const u = new URL(url, base);
      return u.origin === base.origin && u.pathname.startsWith(base.pathname);
    } catch {
      return false;
    }
  }

  function issueFor(
    f: RequestFailure,
    request: string,
    expression: string,
    attempts: number,
  ): Issue {
    switch (f.kind) {
      case 'timeout':
        return federationIssue(
          'pull.timeout',
          { request, timeoutMs: options.timeoutMs, attempts },
          expression,
        );
      case 'tls':
        return federationIssue(
          'pull.tls',
          { request, tlsCode: f.errorCode ?? 'unknown' },
          expression,
        );
      case 'network':
        return federationIssue(
          'pull.network',
          { request, networkCode: f.errorCode ?? 'unknown' },
          expression,
        );
      case 'invalid-response':
        return federationIssue('pull.invalid-response', { request }, expression);
      case 'http':
        if (f.status === 401 || f.status === 403)
          return federationIssue('pull.auth-failed', { request, status: f.status }, expression);
        return federationIssue(
          'pull.http-status',
          { request, status: f.status ?? 0, attempts },
          expression,
        );
    }
  }

  async function get(url: string, request: string, expression: string): Promise<PullResponse> {
    for (let attempt = 1; ; attempt++) {
      await options.limiter.acquire();
      let failure: RequestFailure;
      try {
        const body: unknown = await client.request(url, {
          options: { signal: AbortSignal.timeout(options.timeoutMs) },
        });
        return { ok: true, body, attempts: attempt };
      } catch (e) {
        failure = classifyFailure(e, clock.now());
      }
      const backoff = baseDelayMs * 2 ** (attempt - 1);
      const delay =
        failure.retryAfterMs !== undefined ? Math.max(failure.retryAfterMs, 0) : backoff;
      if (attempt >= maxAttempts || !isRetryable(failure) || delay > maxDelayMs) {
        return {
          ok: false,
          issue: issueFor(failure, request, expression, attempt),
          failure,
          attempts: attempt,
        };
      }
      await clock.sleep(delay);
    }
  }

  return { baseUrl, get, isOwnUrl };
}
