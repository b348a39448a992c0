/**
 * The options of one check: the same names on every door (CLI flag ↔ query parameter ↔ library
 * option; the table is in the README, "Options on every door").
 * @module
 */
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { ValidateOptions } from '../validation-result.js';

/** The feeds MDSS knows: FHIR (resource, Bundle or NDJSON) and the social-care returns. */
export const feedKinds = ['fhir', 'cld', 'cin'] as const;

/** One feed kind. */
export type FeedName = (typeof feedKinds)[number];

/** True for a known feed name. */
export function isFeedName(value: string): value is FeedName {
  return (feedKinds as readonly string[]).includes(value);
}

/** `framework=none`: base R4 and meta.profile only, no framework profiles, no requirement ids. */
export const noFramework = 'none';

/** Options of one check (every door passes these through unchanged). */
export interface CheckOptions extends ValidateOptions {
  /**
   * The framework version to check against, or `none`. Default: the catalogue's version (the
   * framework is on). Another version than the catalogue's is refused by the door (only one ships).
   */
  readonly framework?: string;
  /** Accept NHS numbers from the 999 test range (the framework's test-data setting). Default: the checker's. */
  readonly allowTestNumbers?: boolean;
  /**
   * Extension url prefixes accepted without a definition (the HL7 validator's `-extension`): an
   * extension under one of them that MDSS cannot resolve is not reported as `extension.unknown`.
   * Added to the checker's own (`createChecker({ engine: { allowedExtensionDomains } })`).
   */
  readonly extensionDomains?: readonly string[];
  /** Forces the feed kind instead of detecting it. */
  readonly feed?: FeedName;
  /**
   * The CLD specification release (1 or 2). Default: the policy's `cldRelease`, else detected from
   * the return's values, header and period (Release 2 for periods from October 2025).
   */
  readonly cldRelease?: 1 | 2;
  /** Forces the syntax (`json`, `ndjson`, `csv`, or a registered FHIR syntax) instead of detecting it. */
  readonly format?: string;
  /** Used for detection (extension) only. */
  readonly filename?: string;
  /** Partner policy: profiles, limits, severity overrides, suppressions, waivers. */
  readonly policy?: PartnerPolicy;
  /** Clock for policy expiry. Default `new Date()`. */
  readonly now?: Date;
  /** A JSON document (or a CSV/NDJSON record) larger than this many bytes is reported, not read. */
  readonly maxBytes?: number;
}

/** True for a usable `extensionDomains` entry: an absolute URL prefix (`https://fhir.example-trust.nhs.uk/`). */
export function isExtensionDomain(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value);
}

/** The input limits of the read stage (bytes; depth, issues and time are in {@link ValidateOptions}). */
export const defaultReadLimits = {
  /** A JSON document read whole: 256 MiB. */
  maxDocumentBytes: 256 * 1024 * 1024,
  /** One NDJSON line: 32 MiB (the line is reported and skipped, never collected). */
  maxRecordBytes: 32 * 1024 * 1024,
  /** JSON nesting depth checked before parsing. */
  maxDepth: 200,
} as const;
