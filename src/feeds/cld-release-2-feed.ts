/**
 * The CLD feed, Release 2 (the default): `schemas/cld-event-r2.schema.json` (generated from
 * `cld-release-2-fields.ts`), Release 1 values reported and mapped (`cld.release-1-value`), the row
 * conditions and national data-quality view (`cld-data-quality.ts`), and the CLD checks with Release 2
 * labels, the national person key and the rolling 12-month period.
 * @module
 */
import { validate } from '../generated/schemas/cld-event-r2.js';
import { createAdultAgeCheck } from './check-adult-age.js';
import { createBirthDatesCheck } from './check-birth-dates.js';
import { createConsistencyCheck } from './check-consistency.js';
import { createEnglandFieldsCheck } from './check-england-fields.js';
import { createEventDatesCheck } from './check-event-dates.js';
import { createLinkedPersonsCheck } from './check-linked-persons.js';
import { createReportingPeriodCheck } from './check-reporting-period.js';
import { createRollingPeriodCheck } from './check-rolling-period.js';
import { createUniqueValueCheck } from './check-unique-values.js';
import { CldDataQuality } from './cld-data-quality.js';
import { cldRelease2Fields, cldRelease2FieldsByName } from './cld-release-2-fields.js';
import type { FeedDefinition } from './feed-definition.js';
import { firstToken } from './feed-definition.js';

/** NHS_Number is mandatory nationally, but guidance asks for it "where known": its absence stays the warning `feed.nhs-number-missing`. */
const blankReportedElsewhere: ReadonlySet<string> = new Set(['NHS_Number']);

/** The CLD feed definition, Release 2. */
export const cldRelease2Feed: FeedDefinition = {
  feed: 'cld',
  recordType: 'cld-event',
  recordKey: 'Event_Reference',
  schemaFile: 'cld-event-r2.schema.json',
  schemaId: 'https://mdss.example.org/schemas/cld-event-r2.schema.json',
  validate,
  fields: cldRelease2Fields,
  blankValues: ['NULL'],
  csv: true,
  requirementsFor(relPointer, code) {
    const field = cldRelease2FieldsByName.get(firstToken(relPointer));
    const reqs = field?.requirements ?? [];
    return code === 'jsonschema.enum' && !reqs.includes('MDS-14') ? [...reqs, 'MDS-14'] : reqs;
  },
  createChecks(options) {
    return [
      createEnglandFieldsCheck(cldRelease2Fields, { ...options, nhsNumberField: 'NHS_Number' }),
      createEventDatesCheck('Unpaid carer known by association', false),
      createBirthDatesCheck({
        birthField: 'Date_of_Birth',
        afterBirth: ['Date_of_Death', 'Event_Start_Date'],
        notFuture: ['Date_of_Birth', 'Date_of_Death'],
        ...(options.today ? { today: options.today } : {}),
      }),
      createReportingPeriodCheck(),
      createRollingPeriodCheck(),
      createAdultAgeCheck('Service user'),
      createUniqueValueCheck('Event_Reference', 'feed.duplicate-event-reference', ['MDS-17']),
      createLinkedPersonsCheck('Unpaid carer'),
      createConsistencyCheck('nhs-number-else-la-id'),
    ];
  },
  createDataQuality(options) {
    return new CldDataQuality({
      release: 2,
      releaseBasis: options.releaseBasis ?? 'option',
      fields: cldRelease2FieldsByName,
      reportBlanks: true,
      blankReportedElsewhere,
      ...(options.missingColumns ? { missingColumns: options.missingColumns } : {}),
      ...(options.allowTestNumbers ? { allowTestNumbers: true } : {}),
    });
  },
};
