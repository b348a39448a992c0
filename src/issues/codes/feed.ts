import type { CodeFamily } from '../code-definition.js';

const cldSpec =
  'https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-sets/adult-social-care-client-level-data-set';
const cinSpec =
  'https://www.gov.uk/government/publications/children-in-need-census-2025-to-2026-specification';

/**
 * Non-FHIR social-care feeds (CLD CSV/JSON, children-in-need JSON): reading the file, defined-list
 * normalisation and the cross-record checks. Params never carry patient values: field names, row
 * numbers, counts and defined-list labels only.
 */
export const feedCodes = {
  'feed.unknown-feed': {
    severity: 'fatal',
    fhirIssueType: 'not-supported',
    template:
      'The payload is not a recognised social-care feed ({reason}); name the feed with --feed cld or --feed cin',
    since: '0.1.0',
  },
  'feed.empty': {
    severity: 'warning',
    fhirIssueType: 'incomplete',
    template: 'The feed holds no records',
    since: '0.1.0',
  },
  'feed.csv-malformed': {
    severity: 'error',
    fhirIssueType: 'structure',
    template:
      'The CSV is malformed here ({reason}); this record was skipped and the rest of the file was checked',
    spec: 'https://www.rfc-editor.org/rfc/rfc4180',
    since: '0.1.0',
  },
  'feed.csv-ragged-row': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'The row has {found} fields where the header has {expected}',
    spec: 'https://www.rfc-editor.org/rfc/rfc4180',
    since: '0.1.0',
  },
  'feed.csv-unknown-column': {
    severity: 'warning',
    fhirIssueType: 'structure',
    template:
      "The CSV column '{column}' is not a field of the {feed} feed; its values were not checked",
    spec: cldSpec,
    since: '0.1.0',
    valueParams: ['column'],
  },
  'feed.csv-missing-column': {
    severity: 'error',
    fhirIssueType: 'required',
    template: "The CSV has no column for the required field '{field}'",
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.csv-duplicate-column': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: "The CSV column for field '{field}' occurs more than once; only the first is read",
    since: '0.1.0',
  },
  'feed.column-name-normalised': {
    severity: 'information',
    fhirIssueType: 'informational',
    template:
      "The CSV column '{column}' was read as field '{field}' after normalising case, spaces and punctuation",
    since: '0.1.0',
    valueParams: ['column'],
  },
  'feed.json-not-records': {
    severity: 'fatal',
    fhirIssueType: 'structure',
    template:
      'A feed in JSON must be an array of record objects or one record object, found {found}',
    since: '0.1.0',
  },
  'feed.record-not-object': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'A feed record must be a JSON object, found {found}',
    since: '0.1.0',
  },
  'feed.ndjson-invalid-line': {
    severity: 'error',
    fhirIssueType: 'structure',
    template: 'This NDJSON line is not valid JSON ({detail}); the line was skipped',
    spec: 'https://github.com/ndjson/ndjson-spec',
    since: '0.1.0',
    valueParams: ['detail'],
  },
  'feed.value-normalised': {
    severity: 'information',
    fhirIssueType: 'informational',
    template:
      "'{value}' in {field} matched the defined-list value '{canonical}' only after normalising case and dashes ({occurrences} occurrence(s); first shown)",
    spec: cldSpec,
    since: '0.1.0',
    valueParams: ['value'],
  },
  'feed.date-format-dmy': {
    severity: 'information',
    fhirIssueType: 'informational',
    template:
      '{field} holds dates written DD/MM/YYYY; they were read as day/month/year ({occurrences} occurrence(s); first shown). ISO YYYY-MM-DD is preferred',
    since: '0.1.0',
  },
  'feed.nhs-number-missing': {
    severity: 'warning',
    fhirIssueType: 'required',
    template:
      'The person has no NHS number; it should be given where known (the LA person identifier is used instead)',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.event-end-before-start': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: '{endField} is before {startField}',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.open-ended-non-service': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: 'A {eventType} event has no end date; only Service events may be open-ended',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.duplicate-event-reference': {
    severity: 'error',
    fhirIssueType: 'duplicate',
    template:
      'The Event_Reference is already used by row {firstRow}; event references must be unique in a submission',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.duplicate-record-id': {
    severity: 'error',
    fhirIssueType: 'duplicate',
    template: 'The {field} is already used by record {firstRow}; it must identify one record',
    spec: cinSpec,
    since: '0.1.0',
  },
  'feed.upn-check-letter': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The {field} does not carry the check letter its digits give',
    spec: cinSpec,
    since: '0.1.0',
  },
  'feed.inconsistent-submission': {
    severity: 'warning',
    fhirIssueType: 'conflict',
    template:
      '{field} differs from row {firstRow}; one submission covers one council and one reporting period',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.person-inconsistent': {
    severity: 'warning',
    fhirIssueType: 'conflict',
    template: '{field} differs from row {firstRow} for the same LA_Person_Unique_Identifier',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.linked-person-unresolved': {
    severity: 'warning',
    fhirIssueType: 'not-found',
    template: '{field} does not match the LA_Person_Unique_Identifier of any person in the file',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.carer-link-missing': {
    severity: 'warning',
    fhirIssueType: 'incomplete',
    template: 'A Carer row names no cared-for person (Adult_1_Linked_Person_ID)',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.adult-under-18': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The service user is under 18 at the start of the event; adult social care events need age 18 or over',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.date-before-birth': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: '{field} is before the date of birth',
    since: '0.1.0',
  },
  'feed.date-in-future': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: '{field} is after the date of the check ({today})',
    since: '0.1.0',
  },
  'feed.outside-reporting-period': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: '{field} lies outside the reporting period of the submission',
    spec: cldSpec,
    since: '0.1.0',
  },
  'feed.reporting-period-invalid': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template: 'Reporting_Period_End_Date is before Reporting_Period_Start_Date',
    spec: cldSpec,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
