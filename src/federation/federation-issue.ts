/**
 * Builds `capability.*` and `pull.*` issues from the registry, so that their severity and message
 * come from one place. Parameters must be codes, resource types, statuses or counts: never values
 * read from a partner's resources.
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import type { Issue, IssueParams } from '../issues/issue.js';
import { renderMessage } from '../issues/render-message.js';

/**
 * An issue of a registered federation code at `expression` (a CapabilityStatement path or the
 * HTTP request that failed). The pointer is empty: these issues belong to no sampled record.
 */
export function federationIssue(code: string, params: IssueParams, expression: string): Issue {
  const def = issueCodes[code];
  if (!def) throw new Error(`unregistered issue code ${code}`);
  return {
    code,
    severity: def.severity,
    message: renderMessage(def.template, params),
    expression,
    pointer: '',
    params,
  };
}
