/**
 * Row-level conditions of the CLD return as DATA: for each of the 46 fields, an ordered table of
 * rules `when → status` (Mandatory, Applicable but not mandatory, Not applicable); the first rule
 * whose `when` holds gives the status, a rule without `when` is the otherwise. Written with Release 2
 * labels (a Release 1 row is mapped to them before evaluation). Source: the fact sheet §3–§4 (R1
 * conditions from DHSC's GetDQValues `39b8cfe`, R2 labels). The next release is a change here.
 *
 * The language (`When`) is evaluated in three-valued logic by `evaluate-condition.ts`: a condition on
 * a blank or invalid field is *unknown* (DHSC's status "Undetermined"), unless it says what a blank
 * means (`blank: false`).
 * @module
 */

/** A field status in the national data-quality procedure (`cond_` 2, 1, 0). */
export type ConditionStatus = 'mandatory' | 'applicable' | 'not-applicable';

/** A condition on one row. */
export type When =
  /** The field's value (a defined-list label) is one of these; `blank` gives the truth of a blank value. */
  | { readonly field: string; readonly in: readonly string[]; readonly blank?: boolean }
  /** The field's text begins with this (case-insensitive), listed or not; blank is unknown unless `blank` says. */
  | { readonly field: string; readonly startsWith: string; readonly blank?: boolean }
  /** The field is given (never unknown). */
  | { readonly filled: string }
  /** Age in whole years at the reporting-period end, `min` ≤ age < `below`. */
  | { readonly ageAtPeriodEnd: { readonly min?: number; readonly below?: number } }
  | { readonly all: readonly When[] }
  | { readonly any: readonly When[] }
  | { readonly not: When };

/** One rule of a field's table; `id` names it in issues and docs. */
export interface ConditionRule {
  readonly id: string;
  readonly when?: When;
  readonly status: ConditionStatus;
}

// Named conditions, as the sheet words them.
const serviceUser: When = { field: 'Client_Type', in: ['Service user'] };
const anyCarer: When = { field: 'Client_Type', in: ['Unpaid carer', 'Unpaid carer known by association'] };
const carerByAssociation: When = { field: 'Client_Type', in: ['Unpaid carer known by association'] };
const eventOf = (type: string): When => ({ field: 'Event_Type', in: [type] });
const financialAssessment: When = { all: [eventOf('Assessment'), { field: 'Assessment_Type', startsWith: 'Financial', blank: false }] };
const notCommissioned: When = { not: { field: 'Delivery_Mechanism', in: ['CASSR commissioned support'], blank: false } };
const costedService: When = {
  all: [
    notCommissioned,
    {
      any: [
        { field: 'Service_Type', startsWith: 'Long term support' },
        { field: 'Service_Type', startsWith: 'Unpaid carer support' },
        { field: 'Service_Component', in: ['Short term residential care', 'Short term nursing care', 'Unpaid carer respite'], blank: false },
      ],
    },
  ],
};

const always: readonly ConditionRule[] = [{ id: 'always', status: 'mandatory' }];
const optional: readonly ConditionRule[] = [{ id: 'optional', status: 'applicable' }];
const linkOnly: ConditionRule = { id: 'carer-known-by-association', when: carerByAssociation, status: 'not-applicable' };

function eventField(status: ConditionStatus): readonly ConditionRule[] {
  return [linkOnly, { id: status === 'mandatory' ? 'event' : 'event-optional', status }];
}

function onlyOn(type: string, status: ConditionStatus, id = `${type.toLowerCase()}-event`): readonly ConditionRule[] {
  return [linkOnly, { id, when: eventOf(type), status }, { id: `not-${type.toLowerCase()}-event`, status: 'not-applicable' }];
}

const serviceUserOnly: readonly ConditionRule[] = [
  { id: 'service-user', when: serviceUser, status: 'applicable' },
  { id: 'not-service-user', status: 'not-applicable' },
];

const carerOnly: readonly ConditionRule[] = [
  { id: 'carer', when: anyCarer, status: 'applicable' },
  { id: 'not-carer', status: 'not-applicable' },
];

const costRule: readonly ConditionRule[] = [
  linkOnly,
  { id: 'not-service-event', when: { not: eventOf('Service') }, status: 'not-applicable' },
  { id: 'costed-service', when: costedService, status: 'mandatory' },
  { id: 'service-event-optional', status: 'applicable' },
];

/** The condition table of every Release 2 field (fact sheet §3 "status" column and §4). */
export const cldFieldConditions: Readonly<Record<string, readonly ConditionRule[]>> = {
  LA_Code: always,
  Reporting_Period_End_Date: always,
  Reporting_Period_Start_Date: always,
  NHS_Number: always,
  LA_Person_Unique_Identifier: always,
  GP_Practice_Code: optional,
  Gender: always,
  Ethnicity: always,
  Date_of_Birth: always,
  Date_of_Death: optional,
  Client_Type: always,
  Primary_Support_Reason: [
    { id: 'request-event', when: { field: 'Event_Type', in: ['Request'], blank: false }, status: 'applicable' },
    { id: 'always', status: 'mandatory' },
  ],
  Postcode: always,
  Accommodation_Status: always,
  Employment_Status: [
    {
      id: 'service-user-18-64-learning-disability',
      when: { all: [serviceUser, { ageAtPeriodEnd: { min: 18, below: 65 } }, { field: 'Primary_Support_Reason', in: ['Learning disability support'] }] },
      status: 'mandatory',
    },
    { id: 'optional', status: 'applicable' },
  ],
  Has_Unpaid_Carer: always,
  Autism_Spectrum_Disorder_ASD: serviceUserOnly,
  Visual_Impairment: serviceUserOnly,
  Hearing_Impairment: serviceUserOnly,
  Dementia: serviceUserOnly,
  Client_Funding_Status: [
    { id: 'not-service-user', when: { not: serviceUser }, status: 'not-applicable' },
    { id: 'service-review-or-financial-assessment', when: { any: [eventOf('Service'), eventOf('Review'), financialAssessment] }, status: 'mandatory' },
    { id: 'service-user-optional', status: 'applicable' },
  ],
  Event_Type: eventField('mandatory'),
  Event_Reference: eventField('applicable'),
  Event_Start_Date: eventField('mandatory'),
  Event_End_Date: [
    linkOnly,
    { id: 'date-of-death-given', when: { filled: 'Date_of_Death' }, status: 'mandatory' },
    { id: 'service-event-open', when: eventOf('Service'), status: 'applicable' },
    { id: 'completed-event', status: 'mandatory' },
  ],
  Event_Description: eventField('applicable'),
  Event_Outcome: [linkOnly, { id: 'financial-assessment', when: financialAssessment, status: 'applicable' }, { id: 'event', status: 'mandatory' }],
  Request_Route_of_Access: onlyOn('Request', 'mandatory'),
  Assessment_Type: onlyOn('Assessment', 'mandatory'),
  Eligible_Needs_Identified: onlyOn('Assessment', 'applicable'),
  Method_of_Assessment: [
    linkOnly,
    { id: 'not-assessment-event', when: { not: eventOf('Assessment') }, status: 'not-applicable' },
    { id: 'financial-assessment', when: financialAssessment, status: 'applicable' },
    { id: 'assessment-event', status: 'mandatory' },
  ],
  Total_Hrs_Caring_per_week: carerOnly,
  No_of_adults_being_cared_for: carerOnly,
  Adult_1_Linked_Person_ID: carerOnly,
  Adult_2_Linked_Person_ID: carerOnly,
  Adult_3_Linked_Person_ID: carerOnly,
  Service_Type: onlyOn('Service', 'mandatory'),
  Service_Component: onlyOn('Service', 'mandatory'),
  Delivery_Mechanism: onlyOn('Service', 'applicable'),
  Provider_CQC_Location_ID: onlyOn('Service', 'applicable'),
  Review_Reason: onlyOn('Review', 'mandatory'),
  Review_Outcomes_Achieved: [
    linkOnly,
    { id: 'not-review-event', when: { not: eventOf('Review') }, status: 'not-applicable' },
    { id: 'planned-review', when: { field: 'Review_Reason', startsWith: 'Planned' }, status: 'mandatory' },
    { id: 'other-review', status: 'applicable' },
  ],
  Method_of_Review: onlyOn('Review', 'mandatory'),
  Unit_Cost: costRule,
  Cost_Frequency_Unit_Type: costRule,
  Planned_units_per_week: costRule,
};
