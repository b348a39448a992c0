/**
 * The store keeps a partner's FHIR endpoint as `{ url, … }` (reports' `FhirEndpoint`); the registry
 * and pulls use `{ baseUrl, auth, … }` (`PartnerFhirEndpoint`). Neither holds secrets, only
 * `secretRef`.
 * @module
 */
import type { PartnerFhirEndpoint } from '../policy/partner-registry.js';
import type { FhirEndpoint } from '../reports/conformance/partner.js';

const auths = new Set(['none', 'bearer', 'client-credentials']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The stored form of an endpoint (no secrets: `secretRef` names where the secret is). */
export function endpointToStored(e: PartnerFhirEndpoint): FhirEndpoint {
  return {
    url: e.baseUrl,
    auth: e.auth,
    ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}),
    ...(e.tokenUrl ? { tokenUrl: e.tokenUrl } : {}),
    ...(e.clientId ? { clientId: e.clientId } : {}),
    ...(e.scope ? { scope: e.scope } : {}),
    ...(e.secretRef ? { secretRef: e.secretRef } : {}),
    ...(e.resourceTypes ? { resourceTypes: [...e.resourceTypes] } : {}),
    ...(e.pullEveryMinutes !== undefined ? { pullEveryMinutes: e.pullEveryMinutes } : {}),
  };
}

/** A stored endpoint as a pull endpoint; unknown or malformed keys are dropped, auth defaults to none. */
export function endpointFromStored(e: FhirEndpoint): PartnerFhirEndpoint {
  const auth =
    typeof e['auth'] === 'string' && auths.has(e['auth'])
      ? (e['auth'] as PartnerFhirEndpoint['auth'])
      : 'none';
  const timeoutMs =
    typeof e['timeoutMs'] === 'number' && e['timeoutMs'] > 0 ? e['timeoutMs'] : undefined;
  const types = Array.isArray(e['resourceTypes'])
    ? (e['resourceTypes'] as unknown[]).filter((t): t is string => typeof t === 'string')
    : undefined;
  const tokenUrl = text(e['tokenUrl']);
  const clientId = text(e['clientId']);
  const scope = text(e['scope']);
  const secretRef = text(e['secretRef']);
  const every = e['pullEveryMinutes'];
  const pullEveryMinutes =
    typeof every === 'number' && Number.isInteger(every) && every >= 1 ? every : undefined;
  return {
    baseUrl: e.url,
    auth,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(tokenUrl ? { tokenUrl } : {}),
    ...(clientId ? { clientId } : {}),
    ...(scope ? { scope } : {}),
    ...(secretRef ? { secretRef } : {}),
    ...(types ? { resourceTypes: types } : {}),
    ...(pullEveryMinutes !== undefined ? { pullEveryMinutes } : {}),
  };
}
