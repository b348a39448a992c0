/**
 * Birth-date sanity (MDS-06: a usable date of birth): other dates of the person or event do not fall
 * before the birth date, and, when the caller supplies the clock, birth and death dates are not in
 * the future. The dates themselves never go into the issue.
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { dateValue } from './feed-check.js';

/** What to compare. */
export interface BirthDateCheckOptions {
  readonly birthField: string;
  /** Fields that must not be before the birth date. */
  readonly afterBirth: readonly string[];
  /** Fields that must not be after today (checked only with `today`). */
  readonly notFuture: readonly string[];
  /** Today's date (ISO), from the injected clock. */
  readonly today?: string;
}

const requirements = ['MDS-06'];

/** Creates the birth-dates check. */
export function createBirthDatesCheck(options: BirthDateCheckOptions): FeedCheck {
  return {
    check(record, at) {
      const birth = dateValue(record[options.birthField]);
      if (birth) {
        for (const field of options.afterBirth) {
          const d = dateValue(record[field]);
          if (d && d < birth)
            at.report('feed.date-before-birth', `/${field}`, { field }, requirements);
        }
      }
      const today = options.today;
      if (!today) return;
      for (const field of options.notFuture) {
        const d = dateValue(record[field]);
        if (d && d > today)
          at.report('feed.date-in-future', `/${field}`, { field, today }, requirements);
      }
    },
  };
}
