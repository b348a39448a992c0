/**
 * Consistency across the rows of one CLD submission: every row names the same council and reporting
 * period as the first row (`feed.inconsistent-submission`), and the rows of one person
 * (LA_Person_Unique_Identifier) agree on NHS number and date of birth (`feed.person-inconsistent`),
 * the conflicts the CLD data-quality reports ask councils to resolve. Keeps the first row's
 * submission fields and, per person, the first row index and a small fingerprint of the compared
 * values (never reported).
 * @module
 */
import type { FeedCheck } from './feed-check.js';
import { textValue } from './feed-check.js';

const submissionFields = ['LA_Code', 'Reporting_Period_Start_Date', 'Reporting_Period_End_Date'] as const;
const personFields = ['NHS_Number', 'Date_of_Birth'] as const;

interface PersonSeen {
  readonly row: number;
  readonly values: readonly (string | undefined)[];
}

/** Creates the submission and person consistency check. */
export function createConsistencyCheck(): FeedCheck {
  let first: { row: number; values: readonly (string | undefined)[] } | undefined;
  const persons = new Map<string, PersonSeen>();
  return {
    check(record, at) {
      const values = submissionFields.map((f) => textValue(record[f]));
      if (!first) first = { row: at.index, values };
      else {
        submissionFields.forEach((field, i) => {
          if (values[i] !== undefined && first!.values[i] !== undefined && values[i] !== first!.values[i]) {
            at.report('feed.inconsistent-submission', `/${field}`, { field, firstRow: first!.row });
          }
        });
      }
      const id = textValue(record.LA_Person_Unique_Identifier);
      if (id === undefined) return;
      const mine = personFields.map((f) => textValue(record[f]));
      const seen = persons.get(id);
      if (!seen) {
        persons.set(id, { row: at.index, values: mine });
        return;
      }
      personFields.forEach((field, i) => {
        if (mine[i] !== undefined && seen.values[i] !== undefined && mine[i] !== seen.values[i]) {
          at.report('feed.person-inconsistent', `/${field}`, { field, firstRow: seen.row });
        }
      });
    },
  };
}
