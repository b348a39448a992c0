/**
 * The one validity rule of MDSS: a result is valid when no issue that is not waived has severity
 * error or fatal. Every stage that changes issues (engine, terminology pass, policy, merging the
 * issues of a pull) recomputes validity with {@link isValid}; nothing else decides it.
 * @module
 */
import type { Issue } from './issue.js';

/** True when `issue` makes a result invalid: error or fatal, and not waived by partner policy. */
export function isBlocking(issue: Issue): boolean {
  return !issue.waived && (issue.severity === 'error' || issue.severity === 'fatal');
}

/** True when none of `issues` is blocking. */
export function isValid(issues: readonly Issue[]): boolean {
  return !issues.some(isBlocking);
}
