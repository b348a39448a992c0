/**
 * The children-in-need (CIN) feed: `schemas/cin-record.schema.json`, one JSON object per child, and
 * its checks (unique LAchildID, episode dates). JSON or NDJSON only: the record is nested.
 * @module
 */
import { validate } from '../generated/schemas/cin-record.js';
import { createBirthDatesCheck } from './check-birth-dates.js';
import { createCinEpisodesCheck } from './check-cin-episodes.js';
import { createUniqueValueCheck } from './check-unique-values.js';
import { createUpnCheck } from './check-upn.js';
import type { FeedField } from './cld-fields.js';
import type { FeedDefinition } from './feed-definition.js';
import { firstToken } from './feed-definition.js';

/** Top-level CIN fields (used for detection and documentation). */
export const cinFields: readonly FeedField[] = [
  { name: 'LAchildID', kind: 'string' },
  { name: 'UPN', kind: 'string' },
  { name: 'FormerUPN', kind: 'string' },
  { name: 'UPNunknown', kind: 'string' },
  { name: 'PersonBirthDate', kind: 'date', requirements: ['MDS-06'] },
  { name: 'ExpectedPersonBirthDate', kind: 'date', requirements: ['MDS-06'] },
  { name: 'GenderCurrent', kind: 'integer', requirements: ['MDS-14'] },
  { name: 'PersonDeathDate', kind: 'date' },
  { name: 'Ethnicity', kind: 'string', requirements: ['MDS-12', 'MDS-14'] },
  { name: 'Disabilities', kind: 'string', requirements: ['MDS-14'] },
  { name: 'CINdetails', kind: 'string', requirements: ['MDS-17'] },
];

const byName = new Map(cinFields.map((f) => [f.name, f]));
const closedCodes = new Set(['jsonschema.enum', 'jsonschema.const']);

/** The CIN feed definition. */
export const cinFeed: FeedDefinition = {
  feed: 'cin',
  recordType: 'cin-child',
  recordKey: 'LAchildID',
  schemaFile: 'cin-record.schema.json',
  schemaId: 'https://mdss.example.org/schemas/cin-record.schema.json',
  validate,
  fields: cinFields,
  csv: false,
  requirementsFor(relPointer, code) {
    const top = firstToken(relPointer);
    const reqs = new Set(top === 'CINdetails' ? [] : (byName.get(top)?.requirements ?? []));
    if (top === 'CINdetails' && /Date$/.test(relPointer)) reqs.add('MDS-17');
    if (closedCodes.has(code)) reqs.add('MDS-14');
    return [...reqs];
  },
  createChecks(options) {
    return [
      createUniqueValueCheck('LAchildID', 'feed.duplicate-record-id'),
      createUpnCheck(),
      createBirthDatesCheck({
        birthField: 'PersonBirthDate',
        afterBirth: ['PersonDeathDate'],
        notFuture: ['PersonBirthDate', 'PersonDeathDate'],
        ...(options.today ? { today: options.today } : {}),
      }),
      createCinEpisodesCheck(),
    ];
  },
};
