/**
 * The defined lists of the Adult Social Care Client Level Data (CLD) return, Release 1, as text
 * labels. Sources: the CLD guidance glossary and NHS England's published CLD→SALT/ASCOF reference
 * tables (summarised in the design notes, UK-STANDARDS.md §3.1). En dashes (–) are written as the
 * published lists write them; matching is case- and dash-insensitive (see `matchDefinedList`).
 *
 * `schemas/cld-event.schema.json` carries the same lists as `enum`s; a test keeps the two equal.
 * @module
 */

/** Event_Type. Only Service events may be open-ended. */
export const eventTypes = ['Request', 'Assessment', 'Service', 'Review'] as const;

/** Client_Type. "Carer known by association" rows are link-only, with no event details. */
export const clientTypes = ['Service User', 'Carer', 'Carer known by association'] as const;

/** Gender. */
export const genders = ['Male', 'Female', 'Other', 'Unknown'] as const;

/** Ethnicity: 2021-census-style labels (21), not the NHS Data Dictionary letters used in UK Core. */
export const ethnicities = [
  'White – English/Welsh/Scottish/Northern Irish/British',
  'White – Irish',
  'White – Gypsy or Irish Traveller',
  'White – Roma',
  'White – Any other White background',
  'Mixed or multiple – White and Black Caribbean',
  'Mixed or multiple – White and Black African',
  'Mixed or multiple – White and Asian',
  'Mixed or multiple – Any other Mixed or multiple ethnic background',
  'Asian or Asian British – Indian',
  'Asian or Asian British – Pakistani',
  'Asian or Asian British – Bangladeshi',
  'Asian or Asian British – Chinese',
  'Asian or Asian British – Any other Asian background',
  'Black, Black British, Caribbean or African – African',
  'Black, Black British, Caribbean or African – Caribbean',
  'Black, Black British, Caribbean or African – Any other Black, Black British or Caribbean background',
  'Other ethnic group – Arab',
  'Other ethnic group – Any other ethnic group',
  'No data – Refused',
  'No data – Undeclared or Not known',
] as const;

/** Primary_Support_Reason (as in NHS England's #REF_PSR reference table). */
export const primarySupportReasons = [
  'Physical Support: Access & mobility only',
  'Physical Support: Personal care support',
  'Sensory Support: Support for visual impairment',
  'Sensory Support: Support for hearing impairment',
  'Sensory Support: Support for dual impairment',
  'Support with Memory & Cognition',
  'Learning Disability Support',
  'Mental Health Support',
  'Social Support: Substance misuse support',
  'Social Support: Asylum seeker support',
  'Social Support: Support for Social Isolation/Other',
  'Social Support: Support to Carer',
  'Unknown',
] as const;

/** Service_Type. */
export const serviceTypes = [
  'Long Term Support: Nursing Care',
  'Long Term Support: Residential Care',
  'Long Term Support: Community',
  'Long Term Support: Prison',
  'Short Term Support: ST-Max',
  'Short Term Support: Ongoing Low Level',
  'Short Term Support: Other Short Term',
  'Carer Support: Direct to Carer',
  'Carer Support: Support involving the person cared-for',
] as const;

/**
 * Delivery_Mechanism (not mandatory). "Self-Funder Metering Only" is published but "not to be used
 * yet", so it is not accepted. Direct Payment must not be used for Prison settings.
 */
export const deliveryMechanisms = [
  'Direct Payment',
  'CASSR Managed Personal Budget',
  'CASSR Commissioned Support',
] as const;

/** Request_Route_of_Access. */
export const routesOfAccess = [
  'Planned Entry (Transition)',
  'Discharge from Hospital',
  'Diversion from Hospital Services',
  'Community / Other route',
  'Prison',
  'Self-Funder',
  'Discharge from Reablement',
  'Transfer from Other LA',
] as const;

/**
 * Assessment_Type: the two Care Act assessment kinds. Financial assessment labels were not confirmed
 * from the specification and are therefore not accepted (a framework decision, see the schema).
 */
export const assessmentTypes = ['Long Term Assessment', 'Short Term Assessment'] as const;

/** Event_Outcome (19 values). */
export const eventOutcomes = [
  'Progress to Reablement/ST-Max',
  'Progress to Assessment',
  'Admitted to hospital',
  'Progress to Re-assessment / Unplanned Review',
  'Progress to Support Planning / Services',
  'Progress to End of Life Care',
  'No change in package',
  'Service ended as planned',
  'Progress to financial assessment',
  'Provision of service',
  'NFA – Deceased',
  'NFA – Moved to another LA',
  'NFA – 100% NHS funded care',
  'NFA – Information & Advice / Signposting only',
  'NFA – Self-funded client (inc. 12wk disregard)',
  'NFA – Support declined',
  'NFA – Support ended: other reason',
  'NFA – No services offered: other reason',
  'NFA – Other',
] as const;

/** Employment_Status. */
export const employmentStatuses = [
  'Paid: Less than 16 hours a week',
  'Paid: 16 or more hours a week',
  'Paid: Hours per week unknown',
  'Not in Paid Employment (seeking work)',
  'Not in Paid Employment (not actively seeking work / retired)',
  'Not in Paid Employment (voluntary work only)',
  'Unknown',
] as const;

/**
 * Flags (Has_Unpaid_Carer, Autism_Spectrum_Disorder_ASD, Visual_Impairment, Hearing_Impairment,
 * Dementia). The CLD list for these was not retrieved; the framework fixes Yes / No / Unknown.
 */
export const yesNoUnknown = ['Yes', 'No', 'Unknown'] as const;
