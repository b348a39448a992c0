/**
 * The fields of one CLD record (person fields + event fields) as the readers need them: the JSON type
 * a CSV cell is coerced to, the defined list a value is normalised against, the England rule that
 * applies, and the framework requirements a problem with the field bears on.
 * `schemas/cld-event.schema.json` is the normative form; a test keeps the two in step.
 * @module
 */
import type { EnglandRuleId } from '../rules/index.js';
import {
  assessmentTypes,
  clientTypes,
  deliveryMechanisms,
  employmentStatuses,
  ethnicities,
  eventOutcomes,
  eventTypes,
  genders,
  primarySupportReasons,
  routesOfAccess,
  serviceTypes,
  yesNoUnknown,
} from './cld-defined-lists.js';

/** How a CSV cell is read: text, an ISO date, a decimal or a whole number. */
export type FieldKind = 'string' | 'date' | 'number' | 'integer';

/** One field of a feed record. */
export interface FeedField {
  readonly name: string;
  readonly kind: FieldKind;
  /** The defined list the value must come from (matched case/dash-insensitively). */
  readonly list?: readonly string[];
  /** England rule applied to non-empty values. */
  readonly rule?: EnglandRuleId;
  /** Framework requirements a problem with this field bears on. */
  readonly requirements?: readonly string[];
  /** Required in every row: a CSV without this column gets one `feed.csv-missing-column`. */
  readonly alwaysRequired?: boolean;
  /** Release 1 label → the label of `list` it maps to (`null`: no equivalent): `cld.release-1-value`. */
  readonly release1?: Readonly<Record<string, string | null>>;
  /** The data-quality module of the field (DHSC's module labels), for outcome tables. */
  readonly module?: string;
  /** A regular expression (JSON Schema `pattern`) a text value must match. */
  readonly pattern?: string;
  /** Inclusive bounds of a number. */
  readonly minimum?: number;
  readonly maximum?: number;
  /** Accepted as a column but never read, stored or echoed (name fields a template may still carry). */
  readonly ignored?: boolean;
}

const closed = ['MDS-14'];

function f(name: string, kind: FieldKind, extra: Omit<FeedField, 'name' | 'kind'> = {}): FeedField {
  return { name, kind, ...extra };
}

/** The CLD fields in the usual column order. */
export const cldFields: readonly FeedField[] = [
  f('LA_Code', 'string', {
    alwaysRequired: true,
    rule: 'la-gss-upper-tier',
    requirements: ['MDS-11'],
  }),
  f('LA_Name', 'string'),
  f('Reporting_Period_Start_Date', 'date', { alwaysRequired: true }),
  f('Reporting_Period_End_Date', 'date', { alwaysRequired: true }),
  f('NHS_Number', 'string', { rule: 'nhs-number', requirements: ['MDS-02'] }),
  f('LA_Person_Unique_Identifier', 'string', { alwaysRequired: true, requirements: ['MDS-05'] }),
  f('First_Name', 'string', { alwaysRequired: true, requirements: ['MDS-06'] }),
  f('Last_Name', 'string', { alwaysRequired: true, requirements: ['MDS-06'] }),
  f('GP_Practice_Name', 'string'),
  f('GP_Practice_Code', 'string', { rule: 'ods-gp-practice', requirements: ['MDS-07'] }),
  f('Gender', 'string', { list: genders, requirements: closed }),
  f('Ethnicity', 'string', { list: ethnicities, requirements: ['MDS-12', 'MDS-14'] }),
  f('Date_of_Birth', 'date', { alwaysRequired: true, requirements: ['MDS-06'] }),
  f('Date_of_Death', 'date'),
  f('Client_Type', 'string', { list: clientTypes, alwaysRequired: true, requirements: closed }),
  f('Primary_Support_Reason', 'string', { list: primarySupportReasons, requirements: closed }),
  f('Postcode', 'string', { rule: 'uk-postcode', requirements: ['MDS-10'] }),
  f('Accommodation_Status', 'string'),
  f('Employment_Status', 'string', { list: employmentStatuses, requirements: closed }),
  f('Has_Unpaid_Carer', 'string', { list: yesNoUnknown, requirements: closed }),
  f('Autism_Spectrum_Disorder_ASD', 'string', { list: yesNoUnknown, requirements: closed }),
  f('Visual_Impairment', 'string', { list: yesNoUnknown, requirements: closed }),
  f('Hearing_Impairment', 'string', { list: yesNoUnknown, requirements: closed }),
  f('Dementia', 'string', { list: yesNoUnknown, requirements: closed }),
  f('Client_Funding_Status', 'string'),
  f('Event_Type', 'string', { list: eventTypes, requirements: ['MDS-14', 'MDS-17'] }),
  f('Event_Reference', 'string', { requirements: ['MDS-17'] }),
  f('Event_Start_Date', 'date', { requirements: ['MDS-17'] }),
  f('Event_End_Date', 'date', { requirements: ['MDS-17'] }),
  f('Event_Description', 'string'),
  f('Event_Outcome', 'string', { list: eventOutcomes, requirements: closed }),
  f('Request_Route_of_Access', 'string', { list: routesOfAccess, requirements: closed }),
  f('Assessment_Type', 'string', { list: assessmentTypes, requirements: closed }),
  f('Eligible_Needs_Identified', 'string'),
  f('Method_of_Assessment', 'string'),
  f('Total_Hrs_Caring_per_week', 'number'),
  f('No_of_adults_being_cared_for', 'integer'),
  f('Adult_1_Linked_Person_ID', 'string', { requirements: ['MDS-19'] }),
  f('Adult_2_Linked_Person_ID', 'string', { requirements: ['MDS-19'] }),
  f('Adult_3_Linked_Person_ID', 'string', { requirements: ['MDS-19'] }),
  f('Service_Type', 'string', { list: serviceTypes, requirements: closed }),
  f('Service_Component', 'string'),
  f('Delivery_Mechanism', 'string', { list: deliveryMechanisms, requirements: closed }),
  f('Provider_CQC_Location_Name', 'string'),
  f('Provider_CQC_Location_ID', 'string', { rule: 'cqc-location-id', requirements: ['MDS-09'] }),
  f('Review_Reason', 'string'),
  f('Review_Outcomes_Achieved', 'string'),
  f('Method_of_Review', 'string'),
  f('Unit_Cost', 'number'),
  f('Cost_Frequency_(Unit_Type)', 'string'),
  f('Planned_units_per_week', 'number'),
];

/** The CLD fields keyed by name. */
export const cldFieldsByName: ReadonlyMap<string, FeedField> = new Map(
  cldFields.map((x) => [x.name, x]),
);
