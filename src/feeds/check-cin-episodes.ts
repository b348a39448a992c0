/**
 * Children-in-need episode dates (MDS-17): within each CINdetails episode the closure is on or after
 * the referral, an assessment is authorised on or after it started, and CIN and child protection
 * plans end on or after they start.
 * @module
 */
import type { FeedCheck, RecordReporter } from './feed-check.js';
import { dateValue } from './feed-check.js';

const requirements = ['MDS-17'];

function compare(
  at: RecordReporter,
  base: string,
  item: Record<string, unknown>,
  startField: string,
  endField: string,
): void {
  const start = dateValue(item[startField]);
  const end = dateValue(item[endField]);
  if (start && end && end < start)
    at.report(
      'feed.event-end-before-start',
      `${base}/${endField}`,
      { endField, startField },
      requirements,
    );
}

function nested(
  at: RecordReporter,
  base: string,
  episode: Record<string, unknown>,
  list: string,
  start: string,
  end: string,
): void {
  const raw = episode[list];
  if (!Array.isArray(raw)) return;
  raw.forEach((item, j) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item))
      compare(at, `${base}/${list}/${j}`, item as Record<string, unknown>, start, end);
  });
}

/** Creates the CIN episode-dates check. */
export function createCinEpisodesCheck(): FeedCheck {
  return {
    check(record, at) {
      const episodes = Array.isArray(record.CINdetails) ? record.CINdetails : [];
      episodes.forEach((episode, i) => {
        if (typeof episode !== 'object' || episode === null || Array.isArray(episode)) return;
        const e = episode as Record<string, unknown>;
        const base = `/CINdetails/${i}`;
        compare(at, base, e, 'CINreferralDate', 'CINclosureDate');
        nested(
          at,
          base,
          e,
          'Assessments',
          'AssessmentActualStartDate',
          'AssessmentAuthorisationDate',
        );
        nested(at, base, e, 'CINPlanDates', 'CINPlanStartDate', 'CINPlanEndDate');
        nested(at, base, e, 'ChildProtectionPlans', 'CPPstartDate', 'CPPendDate');
      });
    },
  };
}
