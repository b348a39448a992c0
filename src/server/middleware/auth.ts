/**
 * API key authentication. With no key store, or a store holding no key, every caller is `open`.
 * Otherwise the key comes from `Authorization: Bearer <key>` or `X-API-Key`, is hashed with SHA-256
 * and looked up; a missing or unknown key gets 401. Authorisation per partner is decided by the
 * routes with {@link requirePartnerAccess} and {@link requireLead} (403).
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../app-env.js';
import type { KeyStore } from '../auth/key-store.js';
import { sha256Hex } from '../auth/sha256-hex.js';
import { httpProblem } from '../http-problem.js';

const challenge = { 'WWW-Authenticate': 'Bearer realm="mdss"' };

/** Creates the authentication middleware (sets `principal`). */
export function authenticate(keys: KeyStore | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (keys && (await keys.hasApiKeys())) {
      const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
      if (key === undefined) throw httpProblem(401, 'http.unauthorized', {}, challenge);
      const record = await keys.findApiKeyByHash(await sha256Hex(key));
      if (!record) throw httpProblem(401, 'http.unauthorized', {}, challenge);
      const principal: Principal = record.role === 'lead' ? { kind: 'lead' } : { kind: 'partner', partnerId: record.partnerId ?? '' };
      c.set('principal', principal);
    }
    await next();
  };
}

function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const key = bearer ?? apiKey?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** 403 unless the caller may act for `partnerId` (its own partner key, or open mode; the lead too when `leadAllowed`). */
export function requirePartnerAccess(principal: Principal, partnerId: string, action: string, leadAllowed: boolean): void {
  if (principal.kind === 'open') return;
  if (principal.kind === 'lead' && leadAllowed) return;
  if (principal.kind === 'partner' && principal.partnerId === partnerId) return;
  throw httpProblem(403, 'http.forbidden', { action });
}

/** 403 unless the caller is the ICS lead (or the service is open). */
export function requireLead(principal: Principal, action: string): void {
  if (principal.kind === 'partner') throw httpProblem(403, 'http.forbidden', { action });
}
