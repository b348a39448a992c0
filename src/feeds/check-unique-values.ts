/**
 * Uniqueness across records (CLD Event_Reference, CIN LAchildID): keeps one map of value → first
 * record index, nothing else of the rows.
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { textValue } from './feed-check.js';

/** Creates a check that `field` is unique across the feed, reporting `code` with `{ firstRow }`. */
export function createUniqueValueCheck(
  field: string,
  code: string,
  requirements: readonly string[] = [],
): FeedCheck {
  const first = new Map<string, number>();
  return {
    check(record, at) {
      const value = textValue(record[field]);
      if (value === undefined) return;
      const seen = first.get(value);
      if (seen === undefined) first.set(value, at.index);
      else
        at.report(
          code,
          `/${field}`,
          code === 'feed.duplicate-record-id' ? { field, firstRow: seen } : { firstRow: seen },
          requirements,
        );
    },
  };
}
