/**
 * Credentials for a partner endpoint: none, a bearer token, or an OAuth 2.0 client-credentials
 * grant (RFC 6749 §4.4). Secrets are looked up by the registry's `secretRef` (an environment
 * variable name by default) and are never logged, stored or put into issues.
 * @module
 */
import type { PartnerFhirEndpoint } from '../policy/partner-registry.js';
import type { Issue } from '../issues/issue.js';
import { classifyFailure } from './classify-failure.js';
import { federationIssue } from './federation-issue.js';
import { systemClock, type PullClock } from './pull-clock.js';
import type { RateLimiter } from './rate-limiter.js';

/** Looks a secret up by reference; undefined when there is none. */
export type SecretLookup = (ref: string) => string | undefined;

/** Headers to send, or the issue that prevents the pull. */
export type AuthOutcome =
  | { readonly ok: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly issue: Issue };

/** Options of {@link resolveEndpointAuth}. */
export interface EndpointAuthOptions {
  readonly secrets: SecretLookup;
  readonly timeoutMs: number;
  readonly limiter: RateLimiter;
  readonly clock?: PullClock;
}

function configIssue(problem: string): AuthOutcome {
  return {
    ok: false,
    issue: federationIssue('pull.auth-config', { problem }, 'CapabilityStatement'),
  };
}

/** Resolves the Authorization header of an endpoint (fetching a token for client credentials). */
export async function resolveEndpointAuth(
  endpoint: PartnerFhirEndpoint,
  options: EndpointAuthOptions,
): Promise<AuthOutcome> {
  if (endpoint.auth === 'none') return { ok: true, headers: {} };
  if (!endpoint.secretRef) return configIssue(`auth ${endpoint.auth} needs secretRef`);
  const secret = options.secrets(endpoint.secretRef);
  if (!secret) return configIssue(`the secret named by secretRef ${endpoint.secretRef} is not set`);
  if (endpoint.auth === 'bearer')
    return { ok: true, headers: { authorization: `Bearer ${secret}` } };
  if (!endpoint.tokenUrl || !endpoint.clientId)
    return configIssue('auth client-credentials needs tokenUrl and clientId');
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: endpoint.clientId,
    client_secret: secret,
  });
  if (endpoint.scope) form.set('scope', endpoint.scope);
  const request = 'token';
  await options.limiter.acquire();
  let response: Response;
  try {
    response = await fetch(endpoint.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    const f = classifyFailure(e, (options.clock ?? systemClock).now());
    if (f.kind === 'timeout')
      return {
        ok: false,
        issue: federationIssue(
          'pull.timeout',
          { request, timeoutMs: options.timeoutMs, attempts: 1 },
          'token',
        ),
      };
    if (f.kind === 'tls')
      return {
        ok: false,
        issue: federationIssue('pull.tls', { request, tlsCode: f.errorCode ?? 'unknown' }, 'token'),
      };
    return {
      ok: false,
      issue: federationIssue(
        'pull.network',
        { request, networkCode: f.errorCode ?? 'unknown' },
        'token',
      ),
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    return {
      ok: false,
      issue: federationIssue('pull.auth-failed', { request, status: response.status }, 'token'),
    };
  }
  if (!response.ok)
    return {
      ok: false,
      issue: federationIssue(
        'pull.http-status',
        { request, status: response.status, attempts: 1 },
        'token',
      ),
    };
  const token = (body as { access_token?: unknown } | undefined)?.access_token;
  if (typeof token !== 'string' || token.length === 0)
    return { ok: false, issue: federationIssue('pull.invalid-response', { request }, 'token') };
  return { ok: true, headers: { authorization: `Bearer ${token}` } };
}
