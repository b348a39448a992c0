/**
 * Checks a loaded policy against what this build knows: issue codes in the registry and requirement
 * ids in the catalogue. A typo in a code or requirement id otherwise silently does nothing. These
 * are warnings for `mdss` and the server to show, not load errors: a policy may name codes of a newer
 * release.
 * @module
 */
import { isIssueCode } from '../issues/codes/index.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import { isExpired } from './partner-policy.js';
import type { PartnerPolicy } from './partner-policy.js';

/** One problem found in a policy: a JSON pointer into the policy file and a short code. */
export interface PolicyProblem {
  readonly pointer: string;
  readonly problem: 'unknown-code' | 'unknown-requirement' | 'expired';
  /** The code or requirement id concerned, or the expiry date. */
  readonly subject: string;
}

/** Unknown codes and requirement ids, and expired suppressions or waivers, in file order. */
export function findPolicyProblems(
  policy: PartnerPolicy,
  catalogue: RequirementCatalogue,
  now: Date,
): PolicyProblem[] {
  const ids = new Set(catalogue.requirements.map((r) => r.id));
  const out: PolicyProblem[] = [];
  for (const code of Object.keys(policy.severity ?? {})) {
    if (!isIssueCode(code))
      out.push({ pointer: `/severity/${code}`, problem: 'unknown-code', subject: code });
  }
  (policy.suppress ?? []).forEach((s, i) => {
    if (!isIssueCode(s.code))
      out.push({ pointer: `/suppress/${i}/code`, problem: 'unknown-code', subject: s.code });
    if (s.requirement !== undefined && !ids.has(s.requirement))
      out.push({
        pointer: `/suppress/${i}/requirement`,
        problem: 'unknown-requirement',
        subject: s.requirement,
      });
    if (s.until !== undefined && isExpired(s.until, now))
      out.push({ pointer: `/suppress/${i}/until`, problem: 'expired', subject: s.until });
  });
  (policy.waivers ?? []).forEach((w, i) => {
    if (!ids.has(w.requirement))
      out.push({
        pointer: `/waivers/${i}/requirement`,
        problem: 'unknown-requirement',
        subject: w.requirement,
      });
    if (isExpired(w.until, now))
      out.push({ pointer: `/waivers/${i}/until`, problem: 'expired', subject: w.until });
  });
  return out;
}
