/**
 * CLD reporting period (fact sheet §7): the period runs forwards, and each event is in scope. Requests,
 * assessments and reviews are returned once completed: they end inside the period (they may start
 * before it). Services are returned while active: they start no later than the period end and end no
 * earlier than its start; they may end after the period or be open. No event starts after the period.
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
        at.report(
          'feed.outside-reporting-period',
          '/Event_Start_Date',
          { field: 'Event_Start_Date' },
          ['MDS-17'],
        );
      }
      const service = record.Event_Type === 'Service';
      if (end && (end < periodStart || (!service && end > periodEnd))) {
        at.report('feed.outside-reporting-period', '/Event_End_Date', { field: 'Event_End_Date' }, [
          'MDS-17',
        ]);
      }
    },
  };
}
