/**
 * Writes the synthetic social-care example feeds and their READMEs, reproducibly:
 * - examples/northvale-council-asc/: a council's adult social care CLD return (Release 2) for 2026/27 Q2
 *   (`cld-2026-q2-valid.csv`, valid; `cld-2026-q2.csv`, the same rows plus one row per deliberate gap,
 *   written with a BOM and CRLF line ends as spreadsheet exports are);
 * - examples/northvale-council-csc/: children-in-need records (`cin-2026-valid.json`, `cin-2026.json`).
 * People are obviously fake; NHS numbers come from the 999 test range with valid check digits. The
 * README tables list every deliberate gap with its location, code and requirement ids, and
 * test/feeds-examples.test.ts checks that validation finds exactly those.
 *
 * Usage: `node --import tsx scripts/gen-feed-examples.ts`
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cldRelease2Fields } from '../src/feeds/cld-release-2-fields.js';
import { upnCheckLetter } from '../src/feeds/upn.js';
import { scanJson } from '../src/input/json-text.js';
import { nhsNumberCheckDigit } from '../src/rules/nhs-number.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Row = Record<string, string>;

/** One deliberate gap, as documented in a README table. */
interface Gap {
  readonly row: number | '-';
  readonly field: string;
  readonly code: string;
  readonly severity: string;
  readonly requirements: readonly string[];
  readonly what: string;
  readonly pointer?: string;
}

/** The n-th valid NHS number of the 999 test range (n from 1). */
function testNhsNumber(n: number): string {
  let found = 0;
  for (let i = 1; ; i++) {
    const nine = `999${String(i).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined && ++found === n) return `${nine}${check}`;
  }
}

/** The same number with a wrong check digit. */
function wrongCheckDigit(nhs: string): string {
  const last = Number(nhs[9]);
  return `${nhs.slice(0, 9)}${(last + 1) % 10}`;
}

// ---------------------------------------------------------------------------------------------------
// CLD (adult social care)

const columns = cldRelease2Fields.filter((f) => !f.ignored).map((f) => f.name);
const unknownColumn = 'Local_Flag';

const common: Row = {
  LA_Code: '999',
  Reporting_Period_Start_Date: '2025-10-01',
  Reporting_Period_End_Date: '2026-09-30',
  GP_Practice_Code: 'N99001',
  Accommodation_Status: 'Owner occupier or shared ownership scheme',
  Employment_Status: 'Not in paid employment: Not actively seeking work or retired',
  Has_Unpaid_Carer: 'No',
  Autism_Spectrum_Disorder_ASD: 'No',
  Visual_Impairment: 'No visual impairment',
  Hearing_Impairment: 'No hearing impairment',
  Dementia: 'No',
  Client_Funding_Status: 'Unknown',
};

/** Release 2 has no name fields: the made-up names only label the rows of this script. */
let personSeq = 0;
function person(_first: string, _last: string, extra: Row): Row {
  personSeq++;
  return {
    ...common,
    NHS_Number: testNhsNumber(personSeq),
    LA_Person_Unique_Identifier: `NV-P${String(personSeq).padStart(4, '0')}`,
    Gender: 'Female',
    Ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British',
    Date_of_Birth: '1948-02-11',
    Client_Type: 'Service user',
    Primary_Support_Reason: 'Physical Support: Personal care support',
    Postcode: 'NV1 1AA',
    ...extra,
  };
}

let eventSeq = 0;
function event(p: Row, extra: Row): Row {
  eventSeq++;
  return { ...p, Event_Reference: `NV-E${String(eventSeq).padStart(4, '0')}`, ...extra };
}

const community = {
  Event_Type: 'Service',
  Service_Type: 'Long term support: Community',
  Service_Component: 'Home support or domiciliary care',
  Delivery_Mechanism: 'CASSR commissioned support',
  Provider_CQC_Location_ID: '1-999000001',
  Event_Start_Date: '2026-07-10',
  Event_Outcome: 'Continuation of support or services',
  Unit_Cost: '22.50',
  Cost_Frequency_Unit_Type: 'Hourly',
  Planned_units_per_week: '14',
};

function validCldRows(): Row[] {
  const testy = person('Testy', 'McTestface', {});
  const fakey = person('Fakey', 'McFakerson', {
    Gender: 'Male',
    Date_of_Birth: '1939-09-30',
    Ethnicity: 'Black, Black British, Caribbean or African: Caribbean',
    Primary_Support_Reason: 'Support with memory and cognition',
    Postcode: 'NV2 3BD',
    Dementia: 'Yes',
    Has_Unpaid_Carer: 'Yes',
    Accommodation_Status: 'Registered care home',
    Client_Funding_Status: 'Joint client and social care funded',
  });
  const dummy = person('Dummy', 'Placeholder', {
    Date_of_Birth: '1960-05-05',
    Client_Type: 'Unpaid carer',
    Primary_Support_Reason: 'Social support: Support to unpaid carer',
    Postcode: 'NV2 3BD',
  });
  const sample = person('Sample', 'Testington', {
    Gender: 'Male',
    Date_of_Birth: '1955-12-01',
    Client_Type: 'Unpaid carer known by association',
  });
  const mocky = person('Mocky', 'Testwell', {
    Gender: 'Other',
    Date_of_Birth: '1990-01-20',
    Ethnicity: 'Asian or Asian British: Indian',
    Primary_Support_Reason: 'Learning disability support',
    Employment_Status: 'Paid: Less than 16 hours a week',
    Autism_Spectrum_Disorder_ASD: 'Yes',
    Postcode: 'NV3 4EF',
  });
  const example = person('Example', 'Fakename', {
    Date_of_Birth: '1944-04-04',
    GP_Practice_Code: 'N99002',
    Postcode: 'NV4 5GH',
    Visual_Impairment: 'Partial sight/sight impaired',
    Hearing_Impairment: 'Hard of hearing',
  });
  const pretendy = person('Pretendy', 'McPretend', {
    Gender: 'Unknown',
    Date_of_Birth: '1970-07-07',
    Ethnicity: 'No data: Refused',
    Primary_Support_Reason: 'Mental health support',
    Accommodation_Status: 'Tenant: Private landlord',
  });
  const notreal = person('Notreal', 'Person', {
    Gender: 'Male',
    Date_of_Birth: '1980-08-08',
    Accommodation_Status: 'Prison, young offenders institution or detention centre',
    Postcode: 'NV9 9ZZ',
  });
  return [
    event(testy, {
      Event_Type: 'Request',
      Request_Route_of_Access: 'Discharge from Hospital',
      Event_Start_Date: '2026-07-02',
      Event_End_Date: '2026-07-03',
      Event_Outcome: 'Progress to assessment, review or reassessment',
      Event_Description: 'Referral after a hospital stay.\nSynthetic example, not a real person.',
    }),
    event(testy, {
      Event_Type: 'Assessment',
      Assessment_Type: 'Long term assessment',
      Event_Start_Date: '2026-07-04',
      Event_End_Date: '2026-07-20',
      Event_Outcome: 'Progress to support planning or services',
      Eligible_Needs_Identified: 'Yes',
      Method_of_Assessment: 'Face to face',
    }),
    event(testy, {
      ...community,
      Delivery_Mechanism: 'Direct payment',
      Event_Start_Date: '2026-07-21',
    }),
    event(fakey, {
      ...community,
      Service_Type: 'Long term support: Residential care',
      Service_Component: 'Long term residential care',
      Event_Start_Date: '2026-01-10',
      Provider_CQC_Location_ID: '1-999000002',
      Cost_Frequency_Unit_Type: 'Weekly',
      Unit_Cost: '980.00',
      Planned_units_per_week: '',
    }),
    event(fakey, {
      Event_Type: 'Review',
      Review_Reason: 'Planned',
      Event_Start_Date: '2026-08-01',
      Event_End_Date: '2026-08-01',
      Event_Outcome: 'Continuation of support or services',
      Method_of_Review: 'Face to face',
      Review_Outcomes_Achieved: 'Yes',
    }),
    event(dummy, {
      Event_Type: 'Service',
      Service_Type: 'Unpaid carer support: Direct to unpaid carer',
      Service_Component: 'Direct payment',
      Delivery_Mechanism: 'Direct payment',
      Event_Start_Date: '2026-07-15',
      Event_End_Date: '2026-12-15',
      Event_Outcome: 'Continuation of support or services',
      Unit_Cost: '150.00',
      Cost_Frequency_Unit_Type: 'Monthly',
      Planned_units_per_week: '0.25',
      Total_Hrs_Caring_per_week: '35',
      No_of_adults_being_cared_for: '1',
      Adult_1_Linked_Person_ID: fakey.LA_Person_Unique_Identifier!,
    }),
    { ...sample, Adult_1_Linked_Person_ID: testy.LA_Person_Unique_Identifier! },
    event(mocky, {
      Event_Type: 'Request',
      Request_Route_of_Access: 'Community / Other route',
      Event_Start_Date: '2026-08-03',
      Event_End_Date: '2026-08-05',
      Event_Outcome: 'NFA: Information and advice or signposting',
    }),
    event(example, {
      Event_Type: 'Service',
      Service_Type: 'Short term support: ST-Max',
      Service_Component: 'Reablement',
      Event_Start_Date: '2026-07-05',
      Event_End_Date: '2026-08-10',
      Event_Outcome: 'NFA: Support ended as planned',
    }),
    event(pretendy, {
      Event_Type: 'Assessment',
      Assessment_Type: 'Short term assessment',
      Event_Start_Date: '2026-09-01',
      Event_End_Date: '2026-09-10',
      Event_Outcome: 'Progress to reablement/ST-Max',
      Method_of_Assessment: 'Face to face',
    }),
    event(notreal, {
      ...community,
      Service_Type: 'Long term support: Prison',
      Service_Component: 'Other long term support',
      Event_Start_Date: '2026-06-01',
      Provider_CQC_Location_ID: '',
    }),
  ];
}

interface GapRow {
  readonly row: Row;
  readonly gaps: readonly Omit<Gap, 'row'>[];
  /** Raw line text instead of a CSV-encoded row (ragged or malformed rows). */
  readonly raw?: (encoded: string) => string;
}

function gap(
  field: string,
  code: string,
  severity: string,
  requirements: readonly string[],
  what: string,
  pointer?: string,
): Omit<Gap, 'row'> {
  return { field, code, severity, requirements, what, ...(pointer ? { pointer } : {}) };
}

function gapCldRows(first: Row): GapRow[] {
  const firstEventRef = first.Event_Reference!;
  const p = (first: string, extra: Row = {}): Row => person(first, 'Gapperson', extra);
  const service = (who: Row, extra: Row = {}): Row => event(who, { ...community, ...extra });
  const assessment = {
    Event_Type: 'Assessment',
    Assessment_Type: 'Long term assessment',
    Method_of_Assessment: 'Face to face',
    Event_Outcome: 'Progress to support planning or services',
    Event_Start_Date: '2026-07-06',
    Event_End_Date: '2026-07-09',
    Service_Type: '',
    Service_Component: '',
    Delivery_Mechanism: '',
    Provider_CQC_Location_ID: '',
    Unit_Cost: '',
    Cost_Frequency_Unit_Type: '',
    Planned_units_per_week: '',
  };
  const carerService = {
    Client_Type: 'Unpaid carer',
    Service_Type: 'Unpaid carer support: Direct to unpaid carer',
    Service_Component: 'Direct payment',
    Primary_Support_Reason: 'Social support: Support to unpaid carer',
  };
  const noNhs = p('Nonum');
  const badCheck = p('Checky');
  const mandatory = 'cld.mandatory-blank';
  return [
    {
      row: service({ ...noNhs, NHS_Number: '' }),
      gaps: [
        gap(
          'NHS_Number',
          'feed.nhs-number-missing',
          'warning',
          ['MDS-01'],
          'no NHS number (the LA person id is given); counted as Failed: Blank (Mandatory)',
        ),
      ],
    },
    {
      row: service({ ...badCheck, NHS_Number: wrongCheckDigit(badCheck.NHS_Number!) }),
      gaps: [
        gap(
          'NHS_Number',
          'england.nhs-number-check-digit',
          'error',
          ['MDS-02'],
          'NHS number fails Modulus 11',
        ),
      ],
    },
    {
      row: service(p('Genderless', { Gender: '' })),
      gaps: [
        gap(
          'Gender',
          mandatory,
          'error',
          ['MDS-14'],
          'no gender: mandatory on every row (rule always)',
        ),
      ],
    },
    {
      row: service(p('Datey', { Date_of_Birth: '1950-02-30' })),
      gaps: [
        gap(
          'Date_of_Birth',
          'jsonschema.format',
          'error',
          ['MDS-06'],
          'birth date is not a calendar date (30 February)',
        ),
      ],
    },
    {
      row: service(p('Surgery', { GP_Practice_Code: '12345' })),
      gaps: [
        gap(
          'GP_Practice_Code',
          'england.ods-code-unexpected-kind',
          'warning',
          ['MDS-07'],
          'GP practice code is not a letter and 5 digits',
        ),
      ],
    },
    {
      row: service(p('Cqcy'), { Provider_CQC_Location_ID: 'CQC-123' }),
      gaps: [
        gap(
          'Provider_CQC_Location_ID',
          'england.cqc-id-format',
          'warning',
          ['MDS-09'],
          'CQC location id is not 1- and digits',
        ),
      ],
    },
    {
      row: service(p('Posty', { Postcode: 'NV1 1A' })),
      gaps: [
        gap(
          'Postcode',
          'england.postcode-format',
          'error',
          ['MDS-10'],
          'postcode has a short inward code',
        ),
      ],
    },
    {
      row: service(p('Districty', { LA_Code: 'E07000999' })),
      gaps: [
        gap(
          'LA_Code',
          'jsonschema.pattern',
          'error',
          ['MDS-11'],
          'LA given as an ONS code; Release 2 takes the 3-digit council code',
        ),
        gap(
          'LA_Code',
          'feed.inconsistent-submission',
          'warning',
          [],
          'and a different council from row 0 in the same submission',
        ),
      ],
    },
    {
      row: service(p('Ethny', { Ethnicity: 'White British' })),
      gaps: [
        gap(
          'Ethnicity',
          'jsonschema.enum',
          'error',
          ['MDS-12', 'MDS-14'],
          'ethnicity label in neither release',
        ),
      ],
    },
    {
      row: service(p('Servy'), { Service_Type: 'Long term support: Home care' }),
      gaps: [
        gap(
          'Service_Type',
          'jsonschema.enum',
          'error',
          ['MDS-14'],
          'service type in neither release',
        ),
      ],
    },
    {
      row: service(p('Dashy', { Ethnicity: 'white: irish' })),
      gaps: [
        gap(
          'Ethnicity',
          'feed.value-normalised',
          'information',
          [],
          'accepted as "White: Irish" after case normalisation (not an error)',
        ),
      ],
    },
    {
      row: service(p('Oldy', { Ethnicity: 'White – Irish' })),
      gaps: [
        gap(
          'Ethnicity',
          'cld.release-1-value',
          'error',
          ['MDS-12', 'MDS-14'],
          'Release 1 label; Release 2 expects "White: Irish" (Failed: Release 1)',
        ),
      ],
    },
    {
      row: service(p('Endoflife'), {
        Event_End_Date: '2026-08-30',
        Event_Outcome: 'Progress to End of Life Care',
      }),
      gaps: [
        gap(
          'Event_Outcome',
          'cld.release-1-value',
          'error',
          ['MDS-14'],
          'Release 1 outcome with no Release 2 equivalent (DHSC: not mapped)',
        ),
      ],
    },
    {
      row: service(
        p('Worky', {
          Date_of_Birth: '1985-03-03',
          Primary_Support_Reason: 'Learning disability support',
          Employment_Status: '',
        }),
      ),
      gaps: [
        gap(
          'Employment_Status',
          mandatory,
          'error',
          ['MDS-14'],
          'service user aged 18–64 with learning disability support and no employment status (conditionally mandatory)',
        ),
      ],
    },
    {
      row: service(p('Costy'), { Delivery_Mechanism: 'Direct payment', Unit_Cost: '' }),
      gaps: [
        gap(
          'Unit_Cost',
          mandatory,
          'error',
          [],
          'long-term service by direct payment without its unit cost (the cost rule)',
        ),
      ],
    },
    {
      row: service(p('Endy'), { Event_End_Date: '2026-07-01' }),
      gaps: [
        gap(
          'Event_End_Date',
          'feed.event-end-before-start',
          'error',
          ['MDS-17'],
          'event ends before it starts',
        ),
      ],
    },
    {
      row: event(p('Openy'), { ...community, ...assessment, Event_End_Date: '' }),
      gaps: [
        gap(
          'Event_End_Date',
          mandatory,
          'error',
          ['MDS-17'],
          'an assessment with no end date (only services may be open)',
        ),
      ],
    },
    {
      row: { ...service(p('Dupy')), Event_Reference: firstEventRef },
      gaps: [
        gap(
          'Event_Reference',
          'feed.duplicate-event-reference',
          'error',
          ['MDS-17'],
          `event reference ${firstEventRef} already used by row 0`,
        ),
      ],
    },
    {
      row: service(p('Linky', carerService), {
        Delivery_Mechanism: 'Direct payment',
        Adult_1_Linked_Person_ID: 'NV-P9999',
      }),
      gaps: [
        gap(
          'Adult_1_Linked_Person_ID',
          'feed.linked-person-unresolved',
          'warning',
          ['MDS-19'],
          'carer linked to a person id that is not in the file',
        ),
      ],
    },
    {
      row: service(p('Youngy', { Date_of_Birth: '2010-03-03' })),
      gaps: [
        gap(
          'Date_of_Birth',
          'feed.adult-under-18',
          'error',
          ['MDS-17'],
          'service user aged 16 at the start of the service',
        ),
      ],
    },
    {
      row: service(p('Latey'), { Event_Start_Date: '2026-10-05' }),
      gaps: [
        gap(
          'Event_Start_Date',
          'feed.outside-reporting-period',
          'error',
          ['MDS-17'],
          'service starts after the reporting period',
        ),
      ],
    },
    {
      row: event(p('Reviewy'), {
        Event_Type: 'Review',
        Review_Reason: 'Unplanned - Other Reason',
        Method_of_Review: 'Face to face',
        Event_Outcome: 'Continuation of support or services',
        Event_Start_Date: '2026-09-20',
        Event_End_Date: '2026-10-02',
      }),
      gaps: [
        gap(
          'Event_End_Date',
          'feed.outside-reporting-period',
          'error',
          ['MDS-17'],
          'a review completed after the period (only services may run past its end)',
        ),
      ],
    },
    {
      row: event(p('Typey'), { ...community, ...assessment, Assessment_Type: '' }),
      gaps: [
        gap(
          'Assessment_Type',
          mandatory,
          'error',
          ['MDS-14'],
          'an assessment without its assessment type',
        ),
      ],
    },
    {
      row: service(p('Prisony'), {
        Service_Type: 'Long term support: Prison',
        Delivery_Mechanism: 'Direct payment',
      }),
      gaps: [
        gap(
          'Delivery_Mechanism',
          'jsonschema.not',
          'error',
          ['MDS-14'],
          'Direct payment used for a Prison setting',
        ),
      ],
    },
    {
      row: service(p('Slashy'), { Event_Start_Date: '05/07/2026' }),
      gaps: [
        gap(
          'Event_Start_Date',
          'feed.date-format-dmy',
          'information',
          [],
          'date written DD/MM/YYYY, read as 5 July 2026 (not an error)',
        ),
      ],
    },
    {
      row: event(
        { ...first, Date_of_Birth: '1948-02-12' },
        { ...community, Event_End_Date: '', Request_Route_of_Access: '', Event_Description: '' },
      ),
      gaps: [
        gap(
          'Date_of_Birth',
          'feed.person-inconsistent',
          'warning',
          [],
          `${first.LA_Person_Unique_Identifier} (same NHS number) has another date of birth in row 0`,
        ),
      ],
    },
    {
      row: service(p('Raggy')),
      raw: (line) => line.split(',').slice(0, 5).join(','),
      gaps: [gap('-', 'feed.csv-ragged-row', 'error', [], 'row cut short after 5 fields')],
    },
    {
      row: service(p('Unclosed'), { Event_Description: 'Unclosed' }),
      raw: (line) => line.replace(',Unclosed,', ',"Unclosed,'),
      gaps: [
        gap(
          'Event_Description',
          'feed.csv-malformed',
          'error',
          [],
          'quote opened in Event_Description and never closed (last line of the file)',
        ),
      ],
    },
  ];
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvLine(row: Row, cols: readonly string[]): string {
  return cols.map((c) => csvCell(row[c] ?? '')).join(',');
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

interface CldFile {
  readonly text: string;
  readonly gaps: (Gap & { line: number; column: number })[];
}

function buildCld(withGaps: boolean): CldFile {
  personSeq = 0;
  eventSeq = 0;
  const valid = validCldRows();
  const cols = withGaps ? [...columns, unknownColumn] : columns;
  const eol = withGaps ? '\r\n' : '\n';
  const lines = [cols.join(',')];
  let line = 2;
  const gaps: (Gap & { line: number; column: number })[] = [];
  if (withGaps)
    gaps.push({
      row: '-',
      field: unknownColumn,
      code: 'feed.csv-unknown-column',
      severity: 'warning',
      requirements: [],
      what: 'a local column that is not a CLD field',
      line: 1,
      column: cols.length,
    });
  for (const row of valid) {
    const text = csvLine(row, cols);
    lines.push(text);
    line += lineCount(text);
  }
  if (withGaps) {
    gapCldRows(valid[0]!).forEach((g, i) => {
      const rowIndex = valid.length + i;
      const encoded = csvLine(g.row, cols);
      const text = g.raw ? g.raw(encoded) : encoded;
      lines.push(text);
      for (const x of g.gaps) {
        const column = x.code === 'feed.csv-ragged-row' ? 6 : cols.indexOf(x.field) + 1;
        gaps.push({ row: rowIndex, ...x, line, column });
      }
      line += lineCount(text);
    });
  }
  const body = lines.join(eol) + eol;
  return { text: withGaps ? `\ufeff${body}` : body, gaps };
}

// ---------------------------------------------------------------------------------------------------
// CIN (children's social care)

type Child = Record<string, unknown>;

/** A made-up UPN (LA number 999) with a correct check letter. */
function upn(n: number): string {
  const body = `999${String(1_000_000_000 + n).slice(1)}`;
  return `${upnCheckLetter(body)!}${body}`;
}

/** The same UPN with the next letter of the alphabet as check letter (wrong). */
function wrongUpn(n: number): string {
  const good = upn(n);
  const alphabet = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  return `${alphabet[(alphabet.indexOf(good[0]!) + 1) % 23]!}${good.slice(1)}`;
}

function child(n: number, extra: Child = {}, episode: Child = {}): Child {
  return {
    LAchildID: `NVC${String(n).padStart(4, '0')}`,
    UPN: upn(n),
    PersonBirthDate: '2015-05-06',
    GenderCurrent: 2,
    Ethnicity: 'WBRI',
    Disabilities: ['NONE'],
    ...extra,
    CINdetails: [
      {
        CINreferralDate: '2026-04-10',
        ReferralSource: '2A',
        PrimaryNeedCode: 'N4',
        Assessments: [
          {
            AssessmentActualStartDate: '2026-04-12',
            AssessmentAuthorisationDate: '2026-05-01',
            AssessmentFactors: ['2A', '21'],
          },
        ],
        CINclosureDate: '2026-09-01',
        ReasonForClosure: 'RC8',
        ...episode,
      },
    ],
  };
}

function validChildren(): Child[] {
  return [
    child(1),
    child(
      2,
      { GenderCurrent: 1, Ethnicity: 'MWBC', Disabilities: ['AUT', 'COMM'] },
      {
        ReferralSource: '6',
        PrimaryNeedCode: 'N1',
        CINclosureDate: undefined,
        ReasonForClosure: undefined,
        CINPlanDates: [{ CINPlanStartDate: '2026-05-10' }],
      },
    ),
    child(
      3,
      { UPN: undefined, UPNunknown: 'UN1', PersonBirthDate: '2023-01-15', Ethnicity: 'AIND' },
      {
        ReferralSource: '3A',
        PrimaryNeedCode: 'N2',
        CINclosureDate: undefined,
        ReasonForClosure: undefined,
        Section47: [
          {
            S47ActualStartDate: '2026-04-11',
            InitialCPCtarget: '2026-04-25',
            DateOfInitialCPC: '2026-04-24',
          },
        ],
        ChildProtectionPlans: [
          {
            CPPstartDate: '2026-04-24',
            InitialCategoryOfAbuse: 'NEG',
            NumberOfPreviousCPP: 0,
            Reviews: [{ CPPreviewDate: '2026-07-20' }],
          },
        ],
      },
    ),
    child(
      4,
      {
        UPN: undefined,
        UPNunknown: 'UN1',
        PersonBirthDate: undefined,
        ExpectedPersonBirthDate: '2026-12-01',
        GenderCurrent: 0,
        Ethnicity: 'NOBT',
        Disabilities: undefined,
      },
      {
        ReferralSource: '3B',
        PrimaryNeedCode: 'N1',
        Assessments: undefined,
        CINclosureDate: undefined,
        ReasonForClosure: undefined,
      },
    ),
  ];
}

interface ChildGap {
  readonly child: Child;
  readonly gaps: readonly {
    pointer: string;
    code: string;
    severity: string;
    requirements: readonly string[];
    what: string;
  }[];
}

function gapChildren(): ChildGap[] {
  const g = (
    pointer: string,
    code: string,
    severity: string,
    requirements: readonly string[],
    what: string,
  ) => ({ pointer, code, severity, requirements, what });
  const withoutBirth = child(15);
  delete withoutBirth.PersonBirthDate;
  return [
    {
      child: child(10, { UPN: upn(10).slice(0, 12) }),
      gaps: [g('/UPN', 'jsonschema.pattern', 'error', [], 'UPN has 12 characters, not 13')],
    },
    {
      child: child(19, { UPN: wrongUpn(19) }),
      gaps: [
        g(
          '/UPN',
          'feed.upn-check-letter',
          'error',
          [],
          'UPN check letter does not match its digits',
        ),
      ],
    },
    {
      child: child(11, { Ethnicity: 'WBR' }),
      gaps: [
        g(
          '/Ethnicity',
          'jsonschema.enum',
          'error',
          ['MDS-12', 'MDS-14'],
          'ethnicity is not a DfE code',
        ),
      ],
    },
    {
      child: child(12, {}, { PrimaryNeedCode: 'N10' }),
      gaps: [
        g(
          '/CINdetails/0/PrimaryNeedCode',
          'jsonschema.enum',
          'error',
          ['MDS-14'],
          'primary need outside N0–N9',
        ),
      ],
    },
    {
      child: child(13, {}, { ReasonForClosure: 'RC9' }),
      gaps: [
        g(
          '/CINdetails/0/ReasonForClosure',
          'jsonschema.enum',
          'error',
          ['MDS-14'],
          'reason for closure outside RC1–RC8',
        ),
      ],
    },
    {
      child: child(14, {}, { CINclosureDate: '2026-04-01' }),
      gaps: [
        g(
          '/CINdetails/0/CINclosureDate',
          'feed.event-end-before-start',
          'error',
          ['MDS-17'],
          'episode closed before the referral',
        ),
      ],
    },
    {
      child: withoutBirth,
      gaps: [
        g(
          '/PersonBirthDate',
          'jsonschema.required',
          'error',
          ['MDS-06'],
          'no birth date (and no expected birth date)',
        ),
      ],
    },
    {
      child: child(1, { UPN: upn(99) }),
      gaps: [
        g(
          '/LAchildID',
          'feed.duplicate-record-id',
          'error',
          [],
          'LAchildID NVC0001 already used by record 0',
        ),
      ],
    },
    {
      child: child(17, {}, { ReasonForClosure: undefined }),
      gaps: [
        g(
          '/CINdetails/0/ReasonForClosure',
          'jsonschema.dependent-required',
          'error',
          [],
          'closure date without a reason for closure',
        ),
      ],
    },
    {
      child: child(18, { GenderCurrent: 3 }),
      gaps: [
        g(
          '/GenderCurrent',
          'jsonschema.enum',
          'error',
          ['MDS-14'],
          'gender code outside 0, 1, 2, 9',
        ),
      ],
    },
  ];
}

interface CinFile {
  readonly text: string;
  readonly gaps: (Gap & { line: number })[];
}

function buildCin(withGaps: boolean): CinFile {
  const valid = validChildren();
  const extra = withGaps ? gapChildren() : [];
  const text = `${JSON.stringify([...valid, ...extra.map((x) => x.child)], null, 2)}\n`;
  const positions = scanJson(text, { positions: true }).positions!;
  const gaps: (Gap & { line: number })[] = [];
  extra.forEach((x, i) => {
    const index = valid.length + i;
    for (const gp of x.gaps) {
      const pointer = `/${index}${gp.pointer}`;
      const line = (positions.get(pointer) ?? positions.get(`/${index}`))!.line;
      gaps.push({
        row: index,
        field: gp.pointer,
        code: gp.code,
        severity: gp.severity,
        requirements: gp.requirements,
        what: gp.what,
        pointer,
        line,
      });
    }
  });
  return { text, gaps };
}

// ---------------------------------------------------------------------------------------------------
// READMEs

function reqs(r: readonly string[]): string {
  return r.length ? r.join(', ') : '–';
}

function cldReadme(gaps: CldFile['gaps']): string {
  return `# Northvale Council — adult social care (CLD, Release 2)

Synthetic Client Level Data (CLD) return of a fictional council, **Release 2** of the CLD
specification (the national default from October 2025), Q2 of 2026/27: the rolling 12 months
2025-10-01 to 2026-09-30, as councils submit each quarter. Everyone in it is made up (Release 2 has
no name fields); NHS numbers come from the **999 test range** with valid Modulus 11 check digits, so
the examples are validated with the framework's test-data setting (\`allowTestNumbers\`). Without it
every row also gets \`england.nhs-number-test-range\` (MDS-03: no test-range numbers in production
feeds) — that is the only way MDS-03 shows here.

Generated by \`node --import tsx scripts/gen-feed-examples.ts\`; do not edit by hand.

| file | what |
| --- | --- |
| \`cld-2026-q2-valid.csv\` | 11 valid rows (Request, Assessment, Service, Review, an unpaid carer and an unpaid carer known by association; services that run past the period end; one quoted field spans two lines): 0 errors, 0 warnings |
| \`cld-2026-q2.csv\` | the same 11 rows (0–10), then one row per deliberate gap (rows 11–${gaps.reduce((m, g) => (typeof g.row === 'number' && g.row > m ? g.row : m), 0)}); written with a UTF-8 BOM and CRLF line ends, as spreadsheet exports are |

Release 2 is detected from the labels (\`Service user\`, \`White: Irish\` …); \`mdss validate
--cld-release 2\` (or \`cldRelease\` in the partner policy, \`?cldRelease=2\` over HTTP) says it
outright. Format decisions: one header line with the 46 national field names (case, spaces and
punctuation are forgiven, with a \`feed.column-name-normalised\` note; name columns of an older
template are accepted and never read, \`cld.column-not-read\`); dates ISO \`YYYY-MM-DD\`, with
\`DD/MM/YYYY\` accepted and converted (one \`feed.date-format-dmy\` note per column); defined-list
labels matched case- and dash-insensitively (one \`feed.value-normalised\` note per spelling); a
Release 1 label is \`cld.release-1-value\` (DHSC's "Failed: Release 1"), naming the Release 2 label it
maps to; LA_Code is the 3-digit council code. Whether a field is mandatory depends on the row (event
type, client type, age at the period end, primary support reason, delivery mechanism): a mandatory
blank is \`cld.mandatory-blank\` with the rule that made it mandatory. The result's \`dataQuality\` holds
the national outcome of every field (Passed: Valid, Passed: Blank (Not Mandatory), Failed: Blank
(Mandatory), Failed: Invalid, Failed: Release 1).

## Deliberate gaps in \`cld-2026-q2.csv\`

Row = data row from 0 (pointer \`/<row>/<field>\`, expression \`Row[<row>].<field>\`); line = file line
(header = 1; row 0 spans lines 2–3); column = 1-based column of the field.

| row | line | column | field | code | severity | requirements | what |
| --- | --- | --- | --- | --- | --- | --- | --- |
${gaps.map((g) => `| ${g.row} | ${g.line} | ${g.column} | ${g.field} | \`${g.code}\` | ${g.severity} | ${reqs(g.requirements)} | ${g.what} |`).join('\n')}
`;
}

function cinReadme(gaps: CinFile['gaps']): string {
  return `# Northvale Council — children's social care (children in need)

Synthetic children-in-need records of a fictional council, one JSON object per child, shaped after
the DfE CIN census (ChildIdentifiers, ChildCharacteristics, CINdetails with assessments, plans,
section 47 enquiries and child protection plans; DfE codes). No names or NHS numbers: the census has
neither — the LA child id and the UPN (made up, LA number 999, with correct check letters) are the keys.

Generated by \`node --import tsx scripts/gen-feed-examples.ts\`; do not edit by hand.

| file | what |
| --- | --- |
| \`cin-2026-valid.json\` | 4 valid children (closed episode; open episode with a CIN plan; section 47 and a child protection plan; an unborn child with an expected birth date): 0 issues |
| \`cin-2026.json\` | the same 4 children (records 0–3), then one child per deliberate gap (records 4–13) |

## Deliberate gaps in \`cin-2026.json\`

Pointer into the JSON array (expression \`Row[<record>]…\`); line = line of the property in the file.

| record | line | pointer | code | severity | requirements | what |
| --- | --- | --- | --- | --- | --- | --- |
${gaps.map((g) => `| ${g.row} | ${g.line} | \`${g.pointer}\` | \`${g.code}\` | ${g.severity} | ${reqs(g.requirements)} | ${g.what} |`).join('\n')}
`;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const asc = join(root, 'examples/northvale-council-asc');
const csc = join(root, 'examples/northvale-council-csc');
write(join(asc, 'cld-2026-q2-valid.csv'), buildCld(false).text);
const cld = buildCld(true);
write(join(asc, 'cld-2026-q2.csv'), cld.text);
write(join(asc, 'README.md'), cldReadme(cld.gaps));
write(join(csc, 'cin-2026-valid.json'), buildCin(false).text);
const cin = buildCin(true);
write(join(csc, 'cin-2026.json'), cin.text);
write(join(csc, 'README.md'), cinReadme(cin.gaps));
console.log(
  `gen-feed-examples: ${cld.gaps.length} CLD gaps, ${cin.gaps.length} CIN gaps written under examples/`,
);
