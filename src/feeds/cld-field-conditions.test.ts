/** Every rule of every field's condition table, and the three-valued logic that gives "undetermined". */
import { describe, expect, it } from 'vitest';
import { cldFieldConditions } from './cld-field-conditions.js';
import { cldRelease2Fields } from './cld-release-2-fields.js';
import type { ConditionRow, ConditionValue } from './evaluate-condition.js';
import { statusOf } from './evaluate-condition.js';

/** A row from plain values; a value starting `!` is invalid (not in its list). */
function row(values: Record<string, string>): ConditionRow {
  const value = (field: string): ConditionValue => {
    const v = values[field];
    if (v === undefined || v === '') return { state: 'blank' };
    return v.startsWith('!') ? { state: 'invalid', text: v.slice(1) } : { state: 'valid', text: v };
  };
  return { value, date: (f) => (value(f).state === 'valid' ? value(f).text : undefined) };
}

const su = { Client_Type: 'Service user', Date_of_Birth: '1970-05-01', Reporting_Period_End_Date: '2026-03-31' };
const carer = { Client_Type: 'Unpaid carer', Date_of_Birth: '1960-05-01', Reporting_Period_End_Date: '2026-03-31' };
const ucka = { Client_Type: 'Unpaid carer known by association' };
const request = { ...su, Event_Type: 'Request' };
const assessment = { ...su, Event_Type: 'Assessment', Assessment_Type: 'Long term assessment' };
const financial = { ...su, Event_Type: 'Assessment', Assessment_Type: '!Financial assessment' };
const service = { ...su, Event_Type: 'Service', Service_Type: 'Short term support: ST-Max', Service_Component: 'Reablement' };
const review = { ...su, Event_Type: 'Review', Review_Reason: 'Unplanned - Other Reason' };
const costed = { ...service, Service_Type: 'Long term support: Community', Service_Component: 'Home support or domiciliary care', Delivery_Mechanism: 'Direct payment' };

/** [field, row, expected status, expected rule]. */
const cases: readonly [string, Record<string, string>, string, string][] = [
  ['LA_Code', ucka, 'mandatory', 'always'],
  ['GP_Practice_Code', su, 'applicable', 'optional'],
  ['Primary_Support_Reason', request, 'applicable', 'request-event'],
  ['Primary_Support_Reason', ucka, 'mandatory', 'always'],
  ['Primary_Support_Reason', { ...su, Event_Type: '!Referral' }, 'undetermined', 'request-event'],
  ['Employment_Status', { ...su, Primary_Support_Reason: 'Learning disability support' }, 'mandatory', 'service-user-18-64-learning-disability'],
  ['Employment_Status', { ...su, Date_of_Birth: '1961-03-31', Primary_Support_Reason: 'Learning disability support' }, 'applicable', 'optional'],
  ['Employment_Status', { ...su, Date_of_Birth: '2008-03-31', Primary_Support_Reason: 'Learning disability support' }, 'mandatory', 'service-user-18-64-learning-disability'],
  ['Employment_Status', { ...su, Date_of_Birth: '2008-04-01', Primary_Support_Reason: 'Learning disability support' }, 'applicable', 'optional'],
  ['Employment_Status', { ...su, Primary_Support_Reason: 'Mental health support' }, 'applicable', 'optional'],
  ['Employment_Status', { ...carer, Primary_Support_Reason: 'Learning disability support' }, 'applicable', 'optional'],
  ['Employment_Status', { ...su, Primary_Support_Reason: '' }, 'undetermined', 'service-user-18-64-learning-disability'],
  ['Employment_Status', { ...su, Date_of_Birth: '', Primary_Support_Reason: 'Learning disability support' }, 'undetermined', 'service-user-18-64-learning-disability'],
  ['Autism_Spectrum_Disorder_ASD', su, 'applicable', 'service-user'],
  ['Visual_Impairment', carer, 'not-applicable', 'not-service-user'],
  ['Hearing_Impairment', ucka, 'not-applicable', 'not-service-user'],
  ['Dementia', { Client_Type: '!Client' }, 'undetermined', 'service-user'],
  ['Client_Funding_Status', carer, 'not-applicable', 'not-service-user'],
  ['Client_Funding_Status', service, 'mandatory', 'service-review-or-financial-assessment'],
  ['Client_Funding_Status', review, 'mandatory', 'service-review-or-financial-assessment'],
  ['Client_Funding_Status', financial, 'mandatory', 'service-review-or-financial-assessment'],
  ['Client_Funding_Status', assessment, 'applicable', 'service-user-optional'],
  ['Event_Type', ucka, 'not-applicable', 'carer-known-by-association'],
  ['Event_Type', carer, 'mandatory', 'event'],
  ['Event_Reference', su, 'applicable', 'event-optional'],
  ['Event_Start_Date', request, 'mandatory', 'event'],
  ['Event_End_Date', { ...service, Date_of_Death: '2025-11-01' }, 'mandatory', 'date-of-death-given'],
  ['Event_End_Date', service, 'applicable', 'service-event-open'],
  ['Event_End_Date', review, 'mandatory', 'completed-event'],
  ['Event_End_Date', { ...su, Event_Type: '' }, 'undetermined', 'service-event-open'],
  ['Event_Description', ucka, 'not-applicable', 'carer-known-by-association'],
  ['Event_Outcome', financial, 'applicable', 'financial-assessment'],
  ['Event_Outcome', assessment, 'mandatory', 'event'],
  ['Request_Route_of_Access', request, 'mandatory', 'request-event'],
  ['Request_Route_of_Access', service, 'not-applicable', 'not-request-event'],
  ['Assessment_Type', assessment, 'mandatory', 'assessment-event'],
  ['Assessment_Type', review, 'not-applicable', 'not-assessment-event'],
  ['Eligible_Needs_Identified', assessment, 'applicable', 'assessment-event'],
  ['Method_of_Assessment', assessment, 'mandatory', 'assessment-event'],
  ['Method_of_Assessment', financial, 'applicable', 'financial-assessment'],
  ['Method_of_Assessment', request, 'not-applicable', 'not-assessment-event'],
  ['Total_Hrs_Caring_per_week', carer, 'applicable', 'carer'],
  ['Adult_1_Linked_Person_ID', ucka, 'applicable', 'carer'],
  ['No_of_adults_being_cared_for', su, 'not-applicable', 'not-carer'],
  ['Service_Type', service, 'mandatory', 'service-event'],
  ['Service_Component', assessment, 'not-applicable', 'not-service-event'],
  ['Delivery_Mechanism', service, 'applicable', 'service-event'],
  ['Provider_CQC_Location_ID', ucka, 'not-applicable', 'carer-known-by-association'],
  ['Review_Reason', review, 'mandatory', 'review-event'],
  ['Method_of_Review', service, 'not-applicable', 'not-review-event'],
  ['Review_Outcomes_Achieved', { ...review, Review_Reason: 'Planned' }, 'mandatory', 'planned-review'],
  ['Review_Outcomes_Achieved', review, 'applicable', 'other-review'],
  ['Review_Outcomes_Achieved', { ...review, Review_Reason: '' }, 'undetermined', 'planned-review'],
  ['Review_Outcomes_Achieved', assessment, 'not-applicable', 'not-review-event'],
  ['Unit_Cost', costed, 'mandatory', 'costed-service'],
  ['Unit_Cost', { ...costed, Delivery_Mechanism: '' }, 'mandatory', 'costed-service'],
  ['Unit_Cost', { ...costed, Delivery_Mechanism: 'CASSR commissioned support' }, 'applicable', 'service-event-optional'],
  ['Cost_Frequency_Unit_Type', { ...service, Service_Type: 'Unpaid carer support: Direct to unpaid carer' }, 'mandatory', 'costed-service'],
  ['Planned_units_per_week', { ...service, Service_Component: 'Short term nursing care' }, 'mandatory', 'costed-service'],
  ['Planned_units_per_week', service, 'applicable', 'service-event-optional'],
  ['Unit_Cost', { ...costed, Delivery_Mechanism: '!Self-Funder Metering Only' }, 'undetermined', 'costed-service'],
  ['Unit_Cost', request, 'not-applicable', 'not-service-event'],
  ['Eligible_Needs_Identified', request, 'not-applicable', 'not-assessment-event'],
  ['Delivery_Mechanism', review, 'not-applicable', 'not-service-event'],
  ['Provider_CQC_Location_ID', request, 'not-applicable', 'not-service-event'],
  // Link-only carer rows: every event, request, assessment, service, review and cost field.
  ...Object.entries(cldFieldConditions)
    .filter(([, rules]) => rules.some((r) => r.id === 'carer-known-by-association'))
    .map(([field]): [string, Record<string, string>, string, string] => [field, { ...ucka, Event_Type: 'Service' }, 'not-applicable', 'carer-known-by-association']),
];

describe('CLD row conditions', () => {
  it.each(cases)('%s on a row gives its status and rule (%#)', (field, values, status, rule) => {
    expect(statusOf(cldFieldConditions[field], row(values))).toEqual({ status, rule });
  });

  it('has a table for each of the 46 Release 2 fields and no other', () => {
    const read = cldRelease2Fields.filter((f) => !f.ignored).map((f) => f.name);
    expect(read).toHaveLength(46);
    expect(Object.keys(cldFieldConditions).sort()).toEqual([...read].sort());
  });

  it('exercises every rule of every table in the cases above', () => {
    const covered = new Set(cases.map(([field, , , rule]) => `${field} ${rule}`));
    const sameTable = (a: string, b: string): boolean => JSON.stringify(cldFieldConditions[a]) === JSON.stringify(cldFieldConditions[b]);
    const fields = Object.keys(cldFieldConditions);
    const missing: string[] = [];
    for (const field of fields) {
      for (const r of cldFieldConditions[field]!) {
        // A table shared by several fields (the cost rule, "service events only") is covered by any of them.
        if (!fields.some((g) => sameTable(g, field) && covered.has(`${g} ${r.id}`))) missing.push(`${field} ${r.id}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
