/**
 * Partner organisations as reports and the store see them: no people, only organisations.
 * @module
 */

/** Kinds of partner organisation in an Integrated Care System. */
export const PARTNER_KINDS = [
  'gp-practice',
  'acute-trust',
  'mental-health-trust',
  'community-trust',
  'council',
  'care-provider',
  'vcfse',
  'other',
] as const;

/** One of {@link PARTNER_KINDS}. */
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Where a partner publishes FHIR (for federated pulls). Never holds secrets. */
export interface FhirEndpoint {
  readonly url: string;
  readonly [key: string]: unknown;
}

/** A partner organisation. */
export interface Partner {
  /** Stable id chosen at registration (often the ODS code, lower-cased). */
  readonly id: string;
  readonly name: string;
  readonly kind: PartnerKind;
  /** ODS organisation code, where the partner has one. */
  readonly odsCode?: string;
  /** CQC location id (`1-123456789`), for registered care providers. */
  readonly cqcLocationId?: string;
  /** GSS code (`E10000014`), for councils. */
  readonly gssCode?: string;
  readonly fhirEndpoint?: FhirEndpoint;
  /** ISO instant the partner was first registered. */
  readonly createdAt?: string;
}

/**
 * Whether a string is a known partner kind.
 * @example isPartnerKind('council') // true
 */
export function isPartnerKind(value: string): value is PartnerKind {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}
