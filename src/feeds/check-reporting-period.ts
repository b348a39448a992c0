/**
 * CLD reporting period: the period itself runs forwards, and each event lies inside it: it starts no
 * later than the period end, does not end after the period end, and does not end before the period
 * start (an event that closed earlier belongs to an earlier submission).
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { dateValue } from './feed-check.js';

/** Creates the reporting-period check. */
export function createReportingPeriodCheck(): FeedCheck {
  return {
    check(record, at) {
      const periodStart = dateValue(record.Reporting_Period_Start_Date);
      const periodEnd = dateValue(record.Reporting_Period_End_Date);
      if (!periodStart || !periodEnd) return;
      if (periodEnd < periodStart) {
        at.report('feed.reporting-period-invalid', '/Reporting_Period_End_Date');
        return;
      }
      const start = dateValue(record.Event_Start_Date);
      const end = dateValue(record.Event_End_Date);
      if (start && start > periodEnd) {
        at.report('feed.outside-reporting-period', '/Event_Start_Date', { field: 'Event_Start_Date' }, ['MDS-17']);
      }
      if (end && (end > periodEnd || end < periodStart)) {
        at.report('feed.outside-reporting-period', '/Event_End_Date', { field: 'Event_End_Date' }, ['MDS-17']);
      }
    },
  };
}
