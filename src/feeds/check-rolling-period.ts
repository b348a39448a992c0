/**
 * CLD submission period (fact sheet §7): councils submit quarterly, each file covering a rolling 12
 * months, so the stated period should start on the first day of a month and end on the last day of a
 * quarter (March, June, September, December) 12 months later. Stated periods often overrun the data,
 * so this is a warning, reported once per file on the first row that states a period.
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { dateValue } from './feed-check.js';

const quarterEnds = new Set(['03-31', '06-30', '09-30', '12-31']);

/** True when `start`..`end` is 12 whole months ending at a quarter end. */
export function isRollingYear(start: string, end: string): boolean {
  if (!quarterEnds.has(end.slice(5))) return false;
  const endMonth = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1;
  const startMonth = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1;
  return start.slice(8) === '01' && endMonth - startMonth === 11;
}

/** Creates the rolling-period check. */
export function createRollingPeriodCheck(): FeedCheck {
  let done = false;
  return {
    check(record, at) {
      if (done) return;
      const start = dateValue(record.Reporting_Period_Start_Date);
      const end = dateValue(record.Reporting_Period_End_Date);
      if (!start || !end) return;
      done = true;
      if (end >= start && !isRollingYear(start, end)) at.report('cld.period-not-rolling-year', '/Reporting_Period_End_Date');
    },
  };
}
