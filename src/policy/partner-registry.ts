/**
 * The partner registry file (schemas/partner-registry.schema.json): the organisations of an ICS, their
 * national identifiers and optional FHIR endpoints. Holds no secrets: `secretRef` names where the
 * runtime finds a token or client secret.
 * @module
 */
import { ConfigError } from '../errors.js';
import { deepFreeze } from '../framework/deep-freeze.js';
import { validate } from '../generated/schemas/partner-registry.js';

/** Kinds of partner organisation. */
export type RegistryPartnerKind =
  | 'gp-practice'
  | 'acute-trust'
  | 'mental-health-trust'
  | 'community-trust'
  | 'council'
  | 'care-provider'
  | 'vcfse'
  | 'other';

/** A partner's FHIR endpoint for federated pulls. */
export interface PartnerFhirEndpoint {
  readonly baseUrl: string;
  readonly auth: 'none' | 'bearer' | 'client-credentials';
  /** Per-request timeout; default 10,000 ms. */
  readonly timeoutMs?: number;
  readonly tokenUrl?: string;
  readonly clientId?: string;
  readonly scope?: string;
  /** Name of the environment variable or secret-store entry holding the token or client secret. */
  readonly secretRef?: string;
  readonly resourceTypes?: readonly string[];
  /** Pull every this many minutes (the service's pull schedule); absent: on request only. */
  readonly pullEveryMinutes?: number;
}

/** One registered partner organisation. */
export interface RegistryPartner {
  readonly id: string;
  readonly name: string;
  readonly kind: RegistryPartnerKind;
  readonly odsCode?: string;
  readonly cqcLocationId?: string;
  readonly gssCode?: string;
  readonly fhirEndpoint?: PartnerFhirEndpoint;
}

/** A loaded registry. */
export interface PartnerRegistry {
  readonly partners: readonly RegistryPartner[];
}

/**
 * Validates registry JSON against its schema, checks partner ids are unique (case-insensitive),
 * and returns a frozen copy with partners sorted by id. Throws `ConfigError` `registry.invalid`.
 */
export function loadPartnerRegistry(json: unknown): PartnerRegistry {
  if (!validate(json)) {
    const detail = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
      .join('; ');
    throw new ConfigError('registry.invalid', `Invalid partner registry: ${detail}`);
  }
  const partners = structuredClone((json as { partners: RegistryPartner[] }).partners);
  const seen = new Set<string>();
  for (const p of partners) {
    const key = p.id.toLowerCase();
    if (seen.has(key))
      throw new ConfigError(
        'registry.invalid',
        `Invalid partner registry: duplicate partner id ${p.id}`,
      );
    seen.add(key);
  }
  partners.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return deepFreeze({ partners });
}

/** A partner by id (exact match first, then case-insensitive), or undefined. */
export function findPartner(registry: PartnerRegistry, id: string): RegistryPartner | undefined {
  return (
    registry.partners.find((p) => p.id === id) ??
    registry.partners.find((p) => p.id.toLowerCase() === id.toLowerCase())
  );
}
