/**
 * Turns what a failed request threw (fhir-kit-client's HTTP errors, fetch's network errors, abort
 * on timeout) into a small, value-free description: kind, HTTP status, a system error code.
 * Response bodies are never kept: they may hold patient data.
 * @module
 */
import { parseRetryAfter } from './retry-after.js';

/** What went wrong with one request. */
export interface RequestFailure {
  readonly kind: 'timeout' | 'tls' | 'network' | 'http' | 'invalid-response';
  readonly status?: number;
  /** System error code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …), when known. */
  readonly errorCode?: string;
  /** Delay asked for by `Retry-After`, in ms. */
  readonly retryAfterMs?: number;
}

const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** HTTP statuses worth retrying: rate limited, or a transient server-side failure. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

function isTls(code: string): boolean {
  return (
    tlsCodes.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT')
  );
}

function errorCodes(error: unknown): string[] {
  const out: string[] = [];
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,64}$/.test(code)) out.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function isTimeout(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    if (
      (e as { code?: unknown }).code === 'UND_ERR_HEADERS_TIMEOUT' ||
      (e as { code?: unknown }).code === 'UND_ERR_BODY_TIMEOUT'
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function headerOf(headers: unknown, name: string): string | null {
  if (headers && typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name);
  return null;
}

/** Classifies an error thrown by a request. */
export function classifyFailure(error: unknown, nowMs: number): RequestFailure {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  if (response && typeof response.status === 'number') {
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'invalid-response', status };
    const retryAfterMs = parseRetryAfter(
      headerOf((error as { config?: { headers?: unknown } }).config?.headers, 'retry-after'),
      nowMs,
    );
    return { kind: 'http', status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (isTimeout(error)) return { kind: 'timeout' };
  const codes = errorCodes(error);
  const tls = codes.find(isTls);
  if (tls) return { kind: 'tls', errorCode: tls };
  if (error instanceof SyntaxError) return { kind: 'invalid-response' };
  const code = codes[0];
  return { kind: 'network', ...(code ? { errorCode: code } : {}) };
}

/** True when a failure may go away on retry. */
export function isRetryable(f: RequestFailure): boolean {
  return (
    f.kind === 'timeout' ||
    f.kind === 'network' ||
    (f.kind === 'http' && f.status !== undefined && retryableStatuses.has(f.status))
  );
}
