/**
 * The 46 fields of the CLD return, Release 2, in DHSC's data-quality order, with their module, type,
 * defined list (and Release 1 mapping), England rule and framework requirements; followed by the
 * Release 1 name columns a template may still carry, accepted and never read (R2 has no name fields).
 * `schemas/cld-event-r2.schema.json` is generated from this list (`npm run gen:cld-schema`); a test
 * keeps the two in step. Row-level conditions are in `cld-field-conditions.ts`.
 * @module
 */
import type { FeedField, FieldKind } from './cld-fields.js';
import * as l from './cld-release-2-lists.js';
import type { ReleaseList } from './cld-release-2-lists.js';

/** DHSC's data-quality module labels (fact sheet §5). */
export const cldModules = {
  submission: 'Submission information',
  person: 'Person details',
  events: 'Events (all)',
  requests: 'Events (requests only)',
  assessments: 'Events (assessments only)',
  carers: 'Carers and linked service users',
  services: 'Events (services only)',
  reviews: 'Events (reviews only)',
  costs: 'Costs (services only)',
} as const;

const closed = ['MDS-14'];

function f(name: string, module: string, kind: FieldKind, extra: Omit<FeedField, 'name' | 'kind' | 'module'> = {}): FeedField {
  return { name, kind, module, ...extra };
}

function listed(list: ReleaseList, requirements: readonly string[] = closed): Pick<FeedField, 'list' | 'release1' | 'requirements'> {
  return { list: list.values, ...(list.release1 ? { release1: list.release1 } : {}), requirements };
}

const m = cldModules;

/** Release 2 fields, then the ignored name columns. */
export const cldRelease2Fields: readonly FeedField[] = [
  f('LA_Code', m.submission, 'string', { alwaysRequired: true, pattern: '^[0-9]{3}$', requirements: ['MDS-11'] }),
  f('Reporting_Period_End_Date', m.submission, 'date', { alwaysRequired: true }),
  f('Reporting_Period_Start_Date', m.submission, 'date', { alwaysRequired: true }),
  f('NHS_Number', m.person, 'string', { rule: 'nhs-number', requirements: ['MDS-02'] }),
  f('LA_Person_Unique_Identifier', m.person, 'string', { alwaysRequired: true, requirements: ['MDS-05'] }),
  f('GP_Practice_Code', m.person, 'string', { rule: 'ods-gp-practice', requirements: ['MDS-07'] }),
  f('Gender', m.person, 'string', listed(l.gender)),
  f('Ethnicity', m.person, 'string', listed(l.ethnicity, ['MDS-12', 'MDS-14'])),
  f('Date_of_Birth', m.person, 'date', { alwaysRequired: true, requirements: ['MDS-06'] }),
  f('Date_of_Death', m.person, 'date'),
  f('Client_Type', m.person, 'string', { ...listed(l.clientType), alwaysRequired: true }),
  f('Primary_Support_Reason', m.person, 'string', listed(l.primarySupportReason)),
  f('Postcode', m.person, 'string', { rule: 'uk-postcode', requirements: ['MDS-10'] }),
  f('Accommodation_Status', m.person, 'string', listed(l.accommodationStatus)),
  f('Employment_Status', m.person, 'string', listed(l.employmentStatus)),
  f('Has_Unpaid_Carer', m.person, 'string', listed(l.yesNoUnknown)),
  f('Autism_Spectrum_Disorder_ASD', m.person, 'string', listed(l.yesNoUnknown)),
  f('Visual_Impairment', m.person, 'string', listed(l.visualImpairment)),
  f('Hearing_Impairment', m.person, 'string', listed(l.hearingImpairment)),
  f('Dementia', m.person, 'string', listed(l.yesNoUnknown)),
  f('Client_Funding_Status', m.person, 'string', listed(l.clientFundingStatus)),
  f('Event_Type', m.events, 'string', listed(l.eventType, ['MDS-14', 'MDS-17'])),
  f('Event_Reference', m.events, 'string', { requirements: ['MDS-17'] }),
  f('Event_Start_Date', m.events, 'date', { requirements: ['MDS-17'] }),
  f('Event_End_Date', m.events, 'date', { requirements: ['MDS-17'] }),
  f('Event_Description', m.events, 'string'),
  f('Event_Outcome', m.events, 'string', listed(l.eventOutcome)),
  f('Request_Route_of_Access', m.requests, 'string'),
  f('Assessment_Type', m.assessments, 'string', listed(l.assessmentType)),
  f('Eligible_Needs_Identified', m.assessments, 'string'),
  f('Method_of_Assessment', m.assessments, 'string'),
  f('Total_Hrs_Caring_per_week', m.carers, 'number', { minimum: 0, maximum: 168 }),
  f('No_of_adults_being_cared_for', m.carers, 'integer', { minimum: 0 }),
  f('Adult_1_Linked_Person_ID', m.carers, 'string', { requirements: ['MDS-19'] }),
  f('Adult_2_Linked_Person_ID', m.carers, 'string', { requirements: ['MDS-19'] }),
  f('Adult_3_Linked_Person_ID', m.carers, 'string', { requirements: ['MDS-19'] }),
  f('Service_Type', m.services, 'string', listed(l.serviceType)),
  f('Service_Component', m.services, 'string', listed(l.serviceComponent)),
  f('Delivery_Mechanism', m.services, 'string', listed(l.deliveryMechanism)),
  f('Provider_CQC_Location_ID', m.services, 'string', { rule: 'cqc-location-id', requirements: ['MDS-09'] }),
  f('Review_Reason', m.reviews, 'string'),
  f('Review_Outcomes_Achieved', m.reviews, 'string'),
  f('Method_of_Review', m.reviews, 'string'),
  f('Unit_Cost', m.costs, 'number', { minimum: 0 }),
  f('Cost_Frequency_Unit_Type', m.costs, 'string', listed(l.costFrequencyUnitType)),
  f('Planned_units_per_week', m.costs, 'number', { minimum: 0 }),
  // Not in Release 2: accepted in a template, never read, stored or echoed.
  { name: 'LA_Name', kind: 'string', ignored: true },
  { name: 'First_Name', kind: 'string', ignored: true },
  { name: 'Last_Name', kind: 'string', ignored: true },
  { name: 'GP_Practice_Name', kind: 'string', ignored: true },
  { name: 'Provider_CQC_Location_Name', kind: 'string', ignored: true },
];

/** A value one field must not take when another has a given value (a schema `if`/`then`/`not`). */
export interface ForbiddenCombination {
  readonly description: string;
  readonly when: { readonly field: string; readonly value: string };
  readonly forbid: { readonly field: string; readonly value: string };
}

/** Cross-field value rules (fact sheet §6 L19: no direct payment for Prison settings). */
export const cldRelease2ForbiddenCombinations: readonly ForbiddenCombination[] = [
  {
    description: 'Direct payment is not used for Prison settings.',
    when: { field: 'Service_Type', value: 'Long term support: Prison' },
    forbid: { field: 'Delivery_Mechanism', value: 'Direct payment' },
  },
];

/** The Release 2 fields keyed by name. */
export const cldRelease2FieldsByName: ReadonlyMap<string, FeedField> = new Map(cldRelease2Fields.map((x) => [x.name, x]));
