/**
 * API key authentication. With no key store, or a store holding no key, every caller is `open`.
 * Otherwise the key comes from `Authorization: Bearer <key>` or `X-API-Key`, is hashed with SHA-256
 * and looked up; a missing or unknown key gets 401. Failed attempts are counted per client address
 * (a fixed window): past `maxFailures` in `windowMs`, the client gets 429 with `Retry-After` before
 * any key is looked up, so keys cannot be guessed at speed. Authorisation per partner is decided by
 * the routes with {@link requirePartnerAccess} and {@link requireLead} (403). The count is per
 * instance, or shared by every instance through an {@link AuthFailureCounter} (Redis).
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../app-env.js';
import type { KeyStore } from '../auth/key-store.js';
import { sha256Hex } from '../auth/sha256-hex.js';
import { httpProblem } from '../http-problem.js';

const challenge = { 'WWW-Authenticate': 'Bearer realm="mdss"' };

/** Limits on failed authentication. */
export interface AuthFailureLimits {
  /** Failed attempts allowed per client in a window (default 20; 0 turns the limit off). */
  readonly maxFailures?: number;
  /** The window in ms (default 60,000). */
  readonly windowMs?: number;
  /** Monotonic ms (default `performance.now()`). */
  readonly now?: () => number;
  /**
   * The client's address (Node: the socket's remote address). Default: the `CF-Connecting-IP`
   * header set by Cloudflare, else one shared bucket.
   */
  readonly clientAddress?: (c: Context<AppEnv>) => string | undefined;
  /** Clients tracked at most (oldest dropped first; default 10,000). */
  readonly maxClients?: number;
  /**
   * A failure counter shared by every instance (Node with `REDIS_URL`:
   * src/jobs/redis-rate-counter.ts); default: counted in this instance.
   */
  readonly shared?: AuthFailureCounter;
}

/**
 * Failed authentications counted for all instances of the service in a fixed window per client:
 * `check` says whether the client is over `maxFailures` (and for how many seconds more), `fail`
 * counts one failure.
 */
export interface AuthFailureCounter {
  check(
    client: string,
    maxFailures: number,
    windowMs: number,
  ): Promise<{ readonly blocked: boolean; readonly retryAfter: number }>;
  fail(client: string, windowMs: number): Promise<void>;
}

interface FailureWindow {
  readonly start: number;
  failures: number;
}

/** Creates the authentication middleware (sets `principal`). */
export function authenticate(
  keys: KeyStore | undefined,
  limits: AuthFailureLimits = {},
): MiddlewareHandler<AppEnv> {
  const maxFailures = limits.maxFailures ?? 20;
  const windowMs = limits.windowMs ?? 60_000;
  const now = limits.now ?? (() => performance.now());
  const maxClients = limits.maxClients ?? 10_000;
  const windows = new Map<string, FailureWindow>();
  const clientOf = (c: Context<AppEnv>): string =>
    limits.clientAddress?.(c) ?? c.req.header('cf-connecting-ip') ?? 'unknown';
  const shared = limits.shared;
  const failed = async (client: string, t: number): Promise<never> => {
    if (shared) {
      if (maxFailures > 0) await shared.fail(client, windowMs);
      throw httpProblem(401, 'http.unauthorized', {}, challenge);
    }
    let w = windows.get(client);
    if (!w || t - w.start >= windowMs) {
      windows.delete(client);
      windows.set(client, (w = { start: t, failures: 0 }));
      if (windows.size > maxClients) windows.delete(windows.keys().next().value!);
    }
    w.failures++;
    throw httpProblem(401, 'http.unauthorized', {}, challenge);
  };
  /** Seconds the client must wait (0: not blocked). */
  const blockedFor = async (client: string, t: number): Promise<number> => {
    if (shared) {
      const r = await shared.check(client, maxFailures, windowMs);
      return r.blocked ? Math.max(1, r.retryAfter) : 0;
    }
    const w = windows.get(client);
    if (w && t - w.start < windowMs && w.failures >= maxFailures)
      return Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
    return 0;
  };
  return async (c, next) => {
    if (keys && (await keys.hasApiKeys())) {
      const client = clientOf(c);
      const t = now();
      const retryAfter = maxFailures > 0 ? await blockedFor(client, t) : 0;
      if (retryAfter > 0) {
        throw httpProblem(
          429,
          'http.rate-limited',
          { retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
      const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
      if (key === undefined) return failed(client, t);
      const record = await keys.findApiKeyByHash(await sha256Hex(key));
      if (!record) return failed(client, t);
      const principal: Principal =
        record.role === 'lead'
          ? { kind: 'lead' }
          : { kind: 'partner', partnerId: record.partnerId ?? '' };
      c.set('principal', principal);
    }
    await next();
  };
}

function presentedKey(
  authorization: string | undefined,
  apiKey: string | undefined,
): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const key = bearer ?? apiKey?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** 403 unless the caller may act for `partnerId` (its own partner key, or open mode; the lead too when `leadAllowed`). */
export function requirePartnerAccess(
  principal: Principal,
  partnerId: string,
  action: string,
  leadAllowed: boolean,
): void {
  if (principal.kind === 'open') return;
  if (principal.kind === 'lead' && leadAllowed) return;
  if (principal.kind === 'partner' && principal.partnerId === partnerId) return;
  throw httpProblem(403, 'http.forbidden', { action });
}

/** 403 unless the caller is the ICS lead (or the service is open). */
export function requireLead(principal: Principal, action: string): void {
  if (principal.kind === 'partner') throw httpProblem(403, 'http.forbidden', { action });
}
