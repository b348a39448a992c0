/**
 * ONS Government Statistical Service (GSS) codes of local authorities: 9 characters, a 3-character
 * entity prefix and 6 digits.
 *
 * | prefix | entity | tier |
 * | --- | --- | --- |
 * | E06 | unitary authority (England) | upper (social services) |
 * | E07 | non-metropolitan (shire) district (England) | lower: never a social-care authority |
 * | E08 | metropolitan borough (England) | upper |
 * | E09 | London borough, City of London (England) | upper |
 * | E10 | county (England) | upper |
 * | W06 | unitary authority (Wales) | single tier |
 * | S12 | council area (Scotland) | single tier |
 *
 * In England the councils with adult social services responsibilities (CASSRs) are exactly the
 * E06, E08, E09 and E10 authorities. Northern Ireland's districts (N09) have no social services
 * role (health and social care trusts have) and are not accepted. The check is on the shape and
 * prefix only: whether a code is currently in use needs the ONS register.
 * @module
 */

/** The GSS entity prefixes of local authorities. */
export type GssLocalAuthorityPrefix = 'E06' | 'E07' | 'E08' | 'E09' | 'E10' | 'W06' | 'S12';

/** Why a local authority code is not acceptable. */
export type LocalAuthorityProblem = 'format' | 'not-upper-tier';

/** The outcome of {@link checkLocalAuthorityCode}. */
export interface LocalAuthorityCheck {
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly problem?: LocalAuthorityProblem;
  /** The entity prefix, whenever the code is well formed. */
  readonly prefix?: GssLocalAuthorityPrefix;
  readonly nation?: 'england' | 'wales' | 'scotland';
  /** True for authorities with social services responsibilities (all but E07). */
  readonly upperTier?: boolean;
}

/** Options of {@link checkLocalAuthorityCode}. */
export interface LocalAuthorityOptions {
  /** Reject lower-tier districts (E07) with `not-upper-tier`, as social-care data must. Default false. */
  readonly upperTierOnly?: boolean;
}

const shape = /^(E0[6-9]|E10|W06|S12)\d{6}$/;

/**
 * Checks an ONS GSS local authority code, optionally requiring an upper-tier (social services)
 * authority.
 * @example checkLocalAuthorityCode('E09000001') // City of London: { ok: true, prefix: 'E09', nation: 'england', upperTier: true }
 * @example checkLocalAuthorityCode('E07000026', { upperTierOnly: true }) // { ok: false, problem: 'not-upper-tier', … }
 */
export function checkLocalAuthorityCode(
  value: string,
  options: LocalAuthorityOptions = {},
): LocalAuthorityCheck {
  const m = shape.exec(value);
  if (!m) return { ok: false, problem: 'format' };
  const prefix = m[1] as GssLocalAuthorityPrefix;
  const nation = prefix.startsWith('W') ? 'wales' : prefix.startsWith('S') ? 'scotland' : 'england';
  const upperTier = prefix !== 'E07';
  if (!upperTier && options.upperTierOnly)
    return { ok: false, problem: 'not-upper-tier', prefix, nation, upperTier };
  return { ok: true, prefix, nation, upperTier };
}
