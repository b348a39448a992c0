/**
 * UPN check letters (CIN): a UPN or former UPN of the right shape (the schema checks the shape) must
 * carry the check letter its digits give.
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { textValue } from './feed-check.js';
import { hasValidUpnCheckLetter } from './upn.js';

const shape = /^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/;

/** Creates the UPN check-letter check for the given fields. */
export function createUpnCheck(fields: readonly string[] = ['UPN', 'FormerUPN']): FeedCheck {
  return {
    check(record, at) {
      for (const field of fields) {
        const upn = textValue(record[field]);
        if (upn && shape.test(upn) && !hasValidUpnCheckLetter(upn))
          at.report('feed.upn-check-letter', `/${field}`, { field });
      }
    },
  };
}
