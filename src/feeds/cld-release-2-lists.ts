/**
 * The defined lists of the Adult Social Care Client Level Data (CLD) return, Release 2, as text
 * labels, each with its Release 1 → Release 2 mapping: the Release 1 label and the Release 2 label it
 * maps to, or `null` where DHSC says "Release 1 specification only: Not mapped". Values and evidence
 * grades are from the project's CLD Release 2 fact sheet (§6; D = DHSC code, T = third party,
 * G = CLD guidance R1, I = inference); the lists the sheet could not confirm are marked "unconfirmed"
 * and accepted as given (see feeds.md, "CLD Release 2").
 *
 * Data only: the next release is a change here (and in `cld-release-2-fields.ts`,
 * `cld-field-conditions.ts`), not in the checks.
 * @module
 */

/** One Release 2 list: its labels and the Release 1 labels that map to them (`null`: no equivalent). */
export interface ReleaseList {
  readonly values: readonly string[];
  /** Release 1 label -> Release 2 label, only for values R2 changed (case-only changes included). */
  readonly release1?: Readonly<Record<string, string | null>>;
  /** True when the sheet could not confirm the R2 labels (accepted as given, said so in the docs). */
  readonly unconfirmed?: boolean;
}

/** L1 Gender. R2 unconfirmed: the R1 list (DHSC's cleaned data shows Male, Female, Unknown). */
export const gender: ReleaseList = {
  values: ['Male', 'Female', 'Other', 'Unknown'],
  unconfirmed: true,
};

/** L2 Ethnicity (D). R1 labels pair by position. */
export const ethnicity: ReleaseList = {
  values: [
    'White: English, Welsh, Scottish, Northern Irish or British',
    'White: Irish',
    'White: Gypsy or Irish Traveller',
    'White: Roma',
    'White: Any other White background',
    'Mixed or multiple ethnic groups: White and Black Caribbean',
    'Mixed or multiple ethnic groups: White and Black African',
    'Mixed or multiple ethnic groups: White and Asian',
    'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
    'Asian or Asian British: Indian',
    'Asian or Asian British: Pakistani',
    'Asian or Asian British: Bangladeshi',
    'Asian or Asian British: Chinese',
    'Asian or Asian British: Any other Asian background',
    'Black, Black British, Caribbean or African: African',
    'Black, Black British, Caribbean or African: Caribbean',
    'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
    'Other ethnic group: Arab',
    'Other ethnic group: Any other ethnic group',
    'No data: Refused',
    'No data: Undeclared or not known',
  ],
  release1: {
    'White – English/Welsh/Scottish/Northern Irish/British':
      'White: English, Welsh, Scottish, Northern Irish or British',
    'White – Irish': 'White: Irish',
    'White – Gypsy or Irish Traveller': 'White: Gypsy or Irish Traveller',
    'White – Roma': 'White: Roma',
    'White – Any other White background': 'White: Any other White background',
    'Mixed or multiple – White and Black Caribbean':
      'Mixed or multiple ethnic groups: White and Black Caribbean',
    'Mixed or multiple – White and Black African':
      'Mixed or multiple ethnic groups: White and Black African',
    'Mixed or multiple – White and Asian': 'Mixed or multiple ethnic groups: White and Asian',
    'Mixed or multiple – Any other Mixed or multiple ethnic background':
      'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
    'Asian or Asian British – Indian': 'Asian or Asian British: Indian',
    'Asian or Asian British – Pakistani': 'Asian or Asian British: Pakistani',
    'Asian or Asian British – Bangladeshi': 'Asian or Asian British: Bangladeshi',
    'Asian or Asian British – Chinese': 'Asian or Asian British: Chinese',
    'Asian or Asian British – Any other Asian background':
      'Asian or Asian British: Any other Asian background',
    'Black, Black British, Caribbean or African – African':
      'Black, Black British, Caribbean or African: African',
    'Black, Black British, Caribbean or African – Caribbean':
      'Black, Black British, Caribbean or African: Caribbean',
    'Black, Black British, Caribbean or African – Any other Black, Black British or Caribbean background':
      'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
    'Other ethnic group – Arab': 'Other ethnic group: Arab',
    'Other ethnic group – Any other ethnic group': 'Other ethnic group: Any other ethnic group',
    'No data – Refused': 'No data: Refused',
    'No data – Undeclared or Not known': 'No data: Undeclared or not known',
  },
};

/** L3 Client_Type (D). */
export const clientType: ReleaseList = {
  values: ['Service user', 'Unpaid carer', 'Unpaid carer known by association'],
  release1: {
    'Service User': 'Service user',
    Carer: 'Unpaid carer',
    'Carer known by association': 'Unpaid carer known by association',
  },
};

/** L4 Primary_Support_Reason (R2: D for two values, T for the rest, written as T has them). */
export const primarySupportReason: ReleaseList = {
  values: [
    'Physical support: Access and mobility only',
    'Physical Support: Personal care support',
    'Sensory Support: Support for visual impairment',
    'Sensory Support: Support for hearing impairment',
    'Sensory Support: Support for dual impairment',
    'Support with memory and cognition',
    'Learning disability support',
    'Mental health support',
    'Social support: Substance misuse support',
    'Social Support: Asylum seeker support',
    'Social support: Support for social isolation or other reason',
    'Social support: Support to unpaid carer',
    'Unknown',
  ],
  release1: {
    'Physical Support: Access & mobility only': 'Physical support: Access and mobility only',
    'Support with Memory & Cognition': 'Support with memory and cognition',
    'Learning Disability Support': 'Learning disability support',
    'Mental Health Support': 'Mental health support',
    'Social Support: Substance misuse support': 'Social support: Substance misuse support',
    'Social Support: Support for Social Isolation/Other':
      'Social support: Support for social isolation or other reason',
    'Social Support: Support to Carer': 'Social support: Support to unpaid carer',
  },
};

/** L5 Accommodation_Status (D, both releases; 20 values). */
export const accommodationStatus: ReleaseList = {
  values: [
    'Owner occupier or shared ownership scheme',
    'Tenant: Local authority or other social housing provider',
    'Tenant: Private landlord',
    'Settled mainstream housing with family or friends',
    'Supported accommodation, supported lodgings or supported group home',
    'Shared Lives scheme',
    'Approved premises for offenders released from prison or under probation supervision',
    'Sheltered housing, extra care housing or other sheltered housing',
    'Mobile accommodation for Gypsy, Roma and Traveller communities',
    'Rough sleeper or squatting',
    'Night shelter, emergency hostel or direct access hostel',
    'Refuge',
    'Placed in temporary accommodation by the council (inc. homelessness resettlement)',
    'Staying with family or friends as a short term guest',
    'Acute hospital or long term healthcare residential facility',
    'Registered care home',
    'Registered nursing home',
    'Prison, young offenders institution or detention centre',
    'Other temporary accommodation',
    'Unknown',
  ],
  release1: {
    Tenant: 'Tenant: Local authority or other social housing provider',
    'Tenant - private landlord': 'Tenant: Private landlord',
    'Settled mainstream housing with family / friends':
      'Settled mainstream housing with family or friends',
    'Supported accommodation / supported lodgings / supported group home':
      'Supported accommodation, supported lodgings or supported group home',
    'Sheltered housing / extra care housing / other sheltered housing':
      'Sheltered housing, extra care housing or other sheltered housing',
    'Mobile accommodation for Gypsy / Roma and Traveller communities':
      'Mobile accommodation for Gypsy, Roma and Traveller communities',
    'Rough sleeper / squatting': 'Rough sleeper or squatting',
    'Night shelter / emergency hostel / direct access hostel':
      'Night shelter, emergency hostel or direct access hostel',
    'Staying with family / friends as a short-term guest':
      'Staying with family or friends as a short term guest',
    'Acute / long-term healthcare residential facility or hospital':
      'Acute hospital or long term healthcare residential facility',
    'Prison / Young offenders institution / detention centre':
      'Prison, young offenders institution or detention centre',
  },
};

/** L6 Employment_Status (D, both releases). */
export const employmentStatus: ReleaseList = {
  values: [
    'Paid: Less than 16 hours a week',
    'Paid: 16 or more hours a week',
    'Paid: Hours per week unknown',
    'Not in paid employment: Seeking work',
    'Not in paid employment: Not actively seeking work or retired',
    'Not in paid employment: Voluntary work only',
    'Unknown',
  ],
  release1: {
    'Not in Paid Employment (seeking work)': 'Not in paid employment: Seeking work',
    'Not in Paid Employment (not actively seeking work / retired)':
      'Not in paid employment: Not actively seeking work or retired',
    'Not in Paid Employment (voluntary work only)': 'Not in paid employment: Voluntary work only',
  },
};

/** L7 Has_Unpaid_Carer, Autism_Spectrum_Disorder_ASD, Dementia: unconfirmed in both releases (I). */
export const yesNoUnknown: ReleaseList = { values: ['Yes', 'No', 'Unknown'], unconfirmed: true };

/** L8 Visual_Impairment (G for R1; T gives the same five for R2). */
export const visualImpairment: ReleaseList = {
  values: [
    'Blind/severely sight impaired',
    'Partial sight/sight impaired',
    'No visual impairment',
    'Visual impairment - severity unknown',
    'Unknown',
  ],
  unconfirmed: true,
};

/** L8 Hearing_Impairment (T only). */
export const hearingImpairment: ReleaseList = {
  values: [
    'Deaf with speech',
    'Deaf without speech',
    'Hard of hearing',
    'No hearing impairment',
    'Hearing impairment: Severity unknown',
    'Unknown',
  ],
  unconfirmed: true,
};

/** L9 Client_Funding_Status (D; `Unknown` T). Unchanged R1 → R2. */
export const clientFundingStatus: ReleaseList = {
  values: [
    'Fully social care funded',
    'Joint client and social care funded',
    'Fully client funded',
    'Unknown',
  ],
};

/** L10 Event_Type (D), unchanged. */
export const eventType: ReleaseList = { values: ['Request', 'Assessment', 'Service', 'Review'] };

/** L11 Event_Outcome (D, 16 values, DHSC hierarchy order). */
export const eventOutcome: ReleaseList = {
  values: [
    'Progress to reablement/ST-Max',
    'Progress to assessment, review or reassessment',
    'Progress to support planning or services',
    'Continuation of support or services',
    'Admitted to hospital',
    'NFA: Responsibility moved to another local authority',
    'NFA: Referral to NHS services or NHS funded social care',
    'NFA: Self-funded client or under 12wk disregard',
    'NFA: Information and advice or signposting',
    'NFA: Support declined',
    'NFA: Deceased',
    'NFA: Other',
    'NFA: Support ended as planned',
    'NFA: Support ended for other reason',
    'NFA: No services offered for other reason',
    'NFA: Referral to other service within the local authority',
  ],
  release1: {
    'Progress to Reablement/ST-Max': 'Progress to reablement/ST-Max',
    'Progress to Assessment': 'Progress to assessment, review or reassessment',
    'Progress to Re-assessment / Unplanned Review':
      'Progress to assessment, review or reassessment',
    'Progress to Support Planning / Services': 'Progress to support planning or services',
    'No change in package': 'Continuation of support or services',
    'Provision of service': 'Continuation of support or services',
    'Progress to financial assessment': null,
    'Progress to End of Life Care': null,
    'NFA – Moved to another LA': 'NFA: Responsibility moved to another local authority',
    'NFA – 100% NHS funded care': 'NFA: Referral to NHS services or NHS funded social care',
    'NFA – Self-funded client (inc. 12wk disregard)':
      'NFA: Self-funded client or under 12wk disregard',
    'NFA – Information & Advice / Signposting only': 'NFA: Information and advice or signposting',
    'NFA – Support declined': 'NFA: Support declined',
    'NFA – Deceased': 'NFA: Deceased',
    'NFA – Other': 'NFA: Other',
    'Service ended as planned': 'NFA: Support ended as planned',
    'NFA – Support ended: other reason': 'NFA: Support ended for other reason',
    'NFA – No services offered: other reason': 'NFA: No services offered for other reason',
  },
};

/** L13 Assessment_Type (D). Financial assessment labels of R2 are not known and not accepted. */
export const assessmentType: ReleaseList = {
  values: ['Long term assessment', 'Short term assessment'],
  release1: {
    'Long Term Assessment': 'Long term assessment',
    'Short Term Assessment': 'Short term assessment',
  },
};

/** L17 Service_Type (D, both releases). */
export const serviceType: ReleaseList = {
  values: [
    'Long term support: Nursing care',
    'Long term support: Residential care',
    'Long term support: Community',
    'Long term support: Prison',
    'Short term support: ST-Max',
    'Short term support: Ongoing low level',
    'Short term support: Other short term',
    'Unpaid carer support: Direct to unpaid carer',
    'Unpaid carer support: Support involving the person cared-for',
  ],
  release1: {
    'Long Term Support: Nursing Care': 'Long term support: Nursing care',
    'Long Term Support: Residential Care': 'Long term support: Residential care',
    'Long Term Support: Community': 'Long term support: Community',
    'Long Term Support: Prison': 'Long term support: Prison',
    'Short Term Support: ST-Max': 'Short term support: ST-Max',
    'Short Term Support: Ongoing Low Level': 'Short term support: Ongoing low level',
    'Short Term Support: Other Short Term': 'Short term support: Other short term',
    'Carer Support: Direct to Carer': 'Unpaid carer support: Direct to unpaid carer',
    'Carer Support: Support involving the person cared-for':
      'Unpaid carer support: Support involving the person cared-for',
  },
};

/** L18 Service_Component (D for nine, T for the rest). `Home Support` → domiciliary care is inference (I). */
export const serviceComponent: ReleaseList = {
  values: [
    'Reablement',
    'Short term residential care',
    'Short term nursing care',
    'Home support or domiciliary care',
    'Community supported living',
    'Shared Lives',
    'Extra care housing',
    'Equipment',
    'Direct payment',
    'Long term nursing care',
    'Long term residential care',
    'Day support',
    'Meals',
    'Transport',
    'Professional support: Social worker',
    'Professional support: Other',
    'Learning, education or employment support',
    'End of life care',
    'Emergency support',
    'Other short term support',
    'Other long term support',
    'Unpaid carer respite',
    'Unpaid carer sitting service',
    'Unpaid carer universal services',
    'Other unpaid carer support',
  ],
  release1: {
    'Home Support': 'Home support or domiciliary care',
    'Community Supported Living': 'Community supported living',
    'Short Term Residential Care': 'Short term residential care',
    'Short Term Nursing Care': 'Short term nursing care',
    'Carer Respite': 'Unpaid carer respite',
  },
  unconfirmed: true,
};

/** L19 Delivery_Mechanism (D). R1 `Self-Funder Metering Only` was "not to be used"; its R2 label is unknown. */
export const deliveryMechanism: ReleaseList = {
  values: ['Direct payment', 'CASSR managed personal budget', 'CASSR commissioned support'],
  release1: {
    'Direct Payment': 'Direct payment',
    'CASSR Managed Personal Budget': 'CASSR managed personal budget',
    'CASSR Commissioned Support': 'CASSR commissioned support',
  },
};

/** L22 Cost_Frequency_Unit_Type (T; DHSC's cost code handles the same set). */
export const costFrequencyUnitType: ReleaseList = {
  values: [
    'Per session',
    'Hourly',
    'Daily',
    'Weekly',
    'Fortnightly',
    '4-weekly',
    'Monthly',
    'Quarterly',
    'Annually',
    'One-off',
  ],
  unconfirmed: true,
};
