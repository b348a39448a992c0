/**
 * CLD adult service users: a Service User must be 18 or over at the start of the event. The age is
 * computed from Date_of_Birth on the calendar (a birthday on 29 February counts from 1 March in
 * other years); it is never put in the issue.
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { dateValue } from './feed-check.js';

/** Whole years between two ISO dates (`to` on or after `from`). */
export function ageInYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** Creates the adult-age check; `serviceUser` is the release's Client_Type label of service users. */
export function createAdultAgeCheck(serviceUser = 'Service User'): FeedCheck {
  return {
    check(record, at) {
      if (record.Client_Type !== serviceUser) return;
      const birth = dateValue(record.Date_of_Birth);
      const start = dateValue(record.Event_Start_Date);
      if (!birth || !start || start < birth) return;
      if (ageInYears(birth, start) < 18)
        at.report('feed.adult-under-18', '/Date_of_Birth', {}, ['MDS-17']);
    },
  };
}
