/**
 * CLD event dates (MDS-17): an event ends on or after its start, and only Service events may be
 * open-ended (Requests, Assessments and Reviews are returned only once completed).
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { dateValue, textValue } from './feed-check.js';

const requirements = ['MDS-17'];

/**
 * Creates the event-dates check; `linkOnly` is the Client_Type label of link-only carer rows
 * (Release 1 `Carer known by association`, Release 2 `Unpaid carer known by association`).
 * `openEnded: false` leaves the open non-service event to the Release 2 condition table (a mandatory
 * Event_End_Date, `cld.mandatory-blank`), so it is reported once.
 */
export function createEventDatesCheck(
  linkOnly = 'Carer known by association',
  openEnded = true,
): FeedCheck {
  return {
    check(record, at) {
      if (record.Client_Type === linkOnly) return;
      const start = dateValue(record.Event_Start_Date);
      const end = dateValue(record.Event_End_Date);
      if (start && end && end < start) {
        at.report(
          'feed.event-end-before-start',
          '/Event_End_Date',
          { endField: 'Event_End_Date', startField: 'Event_Start_Date' },
          requirements,
        );
      }
      const type = textValue(record.Event_Type);
      if (openEnded && type && type !== 'Service' && record.Event_End_Date === undefined) {
        at.report(
          'feed.open-ended-non-service',
          '/Event_End_Date',
          { eventType: type },
          requirements,
        );
      }
    },
  };
}
