/**
 * Partner policy: data, not code (schemas/partner-policy.schema.json). Profiles to apply, severity
 * overrides by issue code, suppressions by code and expression, requirement waivers and limits; every
 * override carries a reason, and suppressions and waivers may expire.
 * @module
 */
import type { Severity } from '../issues/issue.js';
import type { ValidateOptions } from '../validation-result.js';

/** Keeps matching issues in the result but marks them waived until `until` (inclusive, UTC date). */
export interface Suppression {
  readonly code: string;
  /** Element path prefix (`Patient.extension`, `NHS_Number`), an indexed expression prefix, or `*`. */
  readonly expression: string;
  /** Only issues that bear on this requirement. */
  readonly requirement?: string;
  readonly reason: string;
  /** `YYYY-MM-DD`; the suppression applies through that day (UTC). */
  readonly until?: string;
}

/** Waives a whole requirement until a date: its issues stay in the result, marked waived. */
export interface RequirementWaiver {
  readonly requirement: string;
  readonly reason: string;
  readonly until: string;
}

/** Limits for validations of this partner's payloads. */
export interface PolicyLimits {
  readonly maxIssues?: number;
  readonly maxDepth?: number;
  readonly timeBudgetMs?: number;
}

/** One partner's policy, as loaded by `loadPolicy`. */
export interface PartnerPolicy {
  readonly partner: string;
  readonly description?: string;
  /** Extra profiles (canonical or `canonical|version`) applied to this partner's payloads. */
  readonly profiles?: readonly string[];
  /** Severity override by issue code. */
  readonly severity?: Readonly<Record<string, Severity>>;
  readonly suppress?: readonly Suppression[];
  readonly waivers?: readonly RequirementWaiver[];
  readonly limits?: PolicyLimits;
  /** The CLD specification release this partner's returns follow (default: detected; Release 2 from October 2025). */
  readonly cldRelease?: 1 | 2;
}

/** The validation options a policy asks for (profiles and limits), merged over `base`. */
export function policyValidateOptions(
  policy: PartnerPolicy,
  base: ValidateOptions = {},
): ValidateOptions {
  const l = policy.limits ?? {};
  const profiles = [...new Set([...(base.profiles ?? []), ...(policy.profiles ?? [])])];
  return {
    ...base,
    ...(profiles.length ? { profiles } : {}),
    ...(l.maxIssues !== undefined ? { maxIssues: l.maxIssues } : {}),
    ...(l.maxDepth !== undefined ? { maxDepth: l.maxDepth } : {}),
    ...(l.timeBudgetMs !== undefined ? { timeBudgetMs: l.timeBudgetMs } : {}),
  };
}

/** True when a `YYYY-MM-DD` date has passed at instant `now` (the date itself still counts). */
export function isExpired(until: string | undefined, now: Date): boolean {
  return until !== undefined && now.toISOString().slice(0, 10) > until;
}

/** Ids of the requirements a policy waives at instant `now` (expired waivers left out), sorted. */
export function activeWaivers(policy: PartnerPolicy, now: Date): string[] {
  return [
    ...new Set(
      (policy.waivers ?? []).filter((w) => !isExpired(w.until, now)).map((w) => w.requirement),
    ),
  ].sort();
}
