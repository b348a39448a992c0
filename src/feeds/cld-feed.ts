/**
 * The Adult Social Care Client Level Data (CLD) feed, Release 1: `schemas/cld-event.schema.json`,
 * the CLD fields and the CLD checks (England rules, event dates, reporting period, adult age, unique
 * event references, carer links), and the national data-quality view (counts only: Release 1 keeps
 * its schema's required fields). Release 2 is `cld-release-2-feed.ts`.
 * @module
 */
import { validate } from '../generated/schemas/cld-event.js';
import { createAdultAgeCheck } from './check-adult-age.js';
import { createBirthDatesCheck } from './check-birth-dates.js';
import { createConsistencyCheck } from './check-consistency.js';
import { createEnglandFieldsCheck } from './check-england-fields.js';
import { createEventDatesCheck } from './check-event-dates.js';
import { createLinkedPersonsCheck } from './check-linked-persons.js';
import { createReportingPeriodCheck } from './check-reporting-period.js';
import { createUniqueValueCheck } from './check-unique-values.js';
import { CldDataQuality } from './cld-data-quality.js';
import { cldFields, cldFieldsByName } from './cld-fields.js';
import type { FeedDefinition } from './feed-definition.js';
import { firstToken } from './feed-definition.js';

/** The CLD feed definition, Release 1. */
export const cldFeed: FeedDefinition = {
  feed: 'cld',
  recordType: 'cld-event',
  recordKey: 'Event_Reference',
  schemaFile: 'cld-event.schema.json',
  schemaId: 'https://mdss.example.org/schemas/cld-event.schema.json',
  validate,
  fields: cldFields,
  csv: true,
  requirementsFor(relPointer, code) {
    const field = cldFieldsByName.get(firstToken(relPointer));
    const reqs = field?.requirements ?? [];
    return code === 'jsonschema.enum' && !reqs.includes('MDS-14') ? [...reqs, 'MDS-14'] : reqs;
  },
  createChecks(options) {
    return [
      createEnglandFieldsCheck(cldFields, { ...options, nhsNumberField: 'NHS_Number' }),
      createEventDatesCheck(),
      createBirthDatesCheck({
        birthField: 'Date_of_Birth',
        afterBirth: ['Date_of_Death', 'Event_Start_Date'],
        notFuture: ['Date_of_Birth', 'Date_of_Death'],
        ...(options.today ? { today: options.today } : {}),
      }),
      createReportingPeriodCheck(),
      createAdultAgeCheck(),
      createUniqueValueCheck('Event_Reference', 'feed.duplicate-event-reference', ['MDS-17']),
      createLinkedPersonsCheck(),
      createConsistencyCheck(),
    ];
  },
  createDataQuality(options) {
    return new CldDataQuality({
      release: 1,
      releaseBasis: options.releaseBasis ?? 'option',
      fields: cldFieldsByName,
      aliases: { Cost_Frequency_Unit_Type: 'Cost_Frequency_(Unit_Type)' },
      reportBlanks: false,
      ...(options.allowTestNumbers ? { allowTestNumbers: true } : {}),
    });
  },
};
