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

const submissionFields = [
  'LA_Code',
  'Reporting_Period_Start_Date',
  'Reporting_Period_End_Date',
] as const;
/** How rows are grouped into persons: by LA person id (Release 1 checks), or by NHS number, else LA person id (the national person key, fact sheet §8). */
export type PersonKey = 'la-id' | 'nhs-number-else-la-id';

const comparedFields: Readonly<Record<PersonKey, readonly string[]>> = {
  'la-id': ['NHS_Number', 'Date_of_Birth'],
  'nhs-number-else-la-id': ['LA_Person_Unique_Identifier', 'Date_of_Birth'],
};

interface PersonSeen {
  readonly row: number;
  readonly values: readonly (string | undefined)[];
}

/** Creates the submission and person consistency check. */
export function createConsistencyCheck(personKey: PersonKey = 'la-id'): FeedCheck {
  const personFields = comparedFields[personKey];
  let first: { row: number; values: readonly (string | undefined)[] } | undefined;
  const persons = new Map<string, PersonSeen>();
  return {
    check(record, at) {
      const values = submissionFields.map((f) => textValue(record[f]));
      if (!first) first = { row: at.index, values };
      else {
        submissionFields.forEach((field, i) => {
          if (
            values[i] !== undefined &&
            first!.values[i] !== undefined &&
            values[i] !== first!.values[i]
          ) {
            at.report('feed.inconsistent-submission', `/${field}`, { field, firstRow: first!.row });
          }
        });
      }
      const laId = textValue(record.LA_Person_Unique_Identifier);
      const nhs = personKey === 'la-id' ? undefined : textValue(record.NHS_Number);
      const id = nhs !== undefined ? `nhs:${nhs}` : laId !== undefined ? `la:${laId}` : undefined;
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
