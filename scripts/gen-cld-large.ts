/**
 * Writes a large synthetic CLD CSV (default 100,000 data rows) for the bounded-memory benchmark
 * (bench/feeds-memory.ts). Obviously fake people, NHS numbers from the 999 test range with valid
 * check digits; about one row in 200 carries a realistic gap (bad check digit, unknown label,
 * end before start, unresolved carer link) so that the checks do some reporting too.
 *
 * Usage: `node --import tsx scripts/gen-cld-large.ts [--rows N] [--out path]`
 * (default path: `<tmpdir>/mdss-cld-<N>.csv`). Prints the path.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cldFields } from '../src/feeds/cld-fields.js';
import { nhsNumberCheckDigit } from '../src/rules/nhs-number.js';

const columns = cldFields.map((f) => f.name);
const firstNames = ['Testy', 'Fakey', 'Dummy', 'Sample', 'Mocky', 'Example', 'Pretendy', 'Notreal'];
const lastNames = ['McTestface', 'McFakerson', 'Placeholder', 'Testington', 'Testwell', 'Fakename'];
const ethnicities = [
  'White – Irish',
  'Asian or Asian British – Indian',
  'Black, Black British, Caribbean or African – African',
  'No data – Refused',
];

function nhsFor(i: number): string {
  for (let n = i * 11; ; n++) {
    const nine = `999${String(n % 1_000_000).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The i-th synthetic row (deterministic). */
export function largeCldRow(i: number): Record<string, string> {
  const person = Math.floor(i / 2);
  const day = String(1 + (i % 28)).padStart(2, '0');
  const kind = i % 4;
  const row: Record<string, string> = {
    LA_Code: '999',
    LA_Name: 'Northvale Council (synthetic)',
    Reporting_Period_Start_Date: '2026-07-01',
    Reporting_Period_End_Date: '2026-09-30',
    NHS_Number: nhsFor(person),
    LA_Person_Unique_Identifier: `NV-L${person}`,
    First_Name: firstNames[person % firstNames.length]!,
    Last_Name: lastNames[person % lastNames.length]!,
    GP_Practice_Code: `N${String(99000 + (person % 900)).padStart(5, '0')}`,
    Gender: person % 2 ? 'Male' : 'Female',
    Ethnicity: ethnicities[person % ethnicities.length]!,
    Date_of_Birth: `19${30 + (person % 60)}-0${1 + (person % 9)}-${String(1 + (person % 28)).padStart(2, '0')}`,
    Client_Type: 'Service User',
    Primary_Support_Reason: 'Physical Support: Personal care support',
    Postcode: `NV${1 + (person % 9)} ${1 + (person % 9)}AB`,
    Event_Reference: `NV-L-E${i}`,
    Event_Start_Date: `2026-07-${day}`,
  };
  if (kind === 0)
    Object.assign(row, {
      Event_Type: 'Request',
      Request_Route_of_Access: 'Discharge from Hospital',
      Event_End_Date: `2026-08-${day}`,
      Event_Outcome: 'Progress to Assessment',
    });
  else if (kind === 1)
    Object.assign(row, {
      Event_Type: 'Assessment',
      Assessment_Type: 'Long Term Assessment',
      Event_End_Date: `2026-08-${day}`,
    });
  else if (kind === 2)
    Object.assign(row, {
      Event_Type: 'Service',
      Service_Type: 'Long Term Support: Community',
      Service_Component: 'Home Care',
      Provider_CQC_Location_ID: '1-999000001',
      Unit_Cost: '22.50',
      Planned_units_per_week: '14',
    });
  else
    Object.assign(row, {
      Event_Type: 'Review',
      Review_Reason: 'Planned',
      Event_End_Date: `2026-09-${day}`,
      Event_Description: 'Synthetic review, "quoted" note,\nsecond line',
    });
  if (i % 200 === 7)
    row.NHS_Number = `${row.NHS_Number!.slice(0, 9)}${(Number(row.NHS_Number![9]) + 1) % 10}`;
  if (i % 200 === 57) row.Ethnicity = 'White British';
  if (i % 200 === 107 && row.Event_End_Date) row.Event_End_Date = '2026-06-30';
  if (i % 200 === 157)
    Object.assign(row, { Client_Type: 'Carer', Adult_1_Linked_Person_ID: `NV-X${i}` });
  return row;
}

/** Writes `rows` data rows (plus the header) to `path`, in blocks, never holding the whole file. */
export function writeLargeCld(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${columns.join(',')}\n`);
    let block: string[] = [];
    for (let i = 0; i < rows; i++) {
      const r = largeCldRow(i);
      block.push(columns.map((c) => cell(r[c] ?? '')).join(','));
      if (block.length === 1000) {
        writeSync(fd, `${block.join('\n')}\n`);
        block = [];
      }
    }
    if (block.length) writeSync(fd, `${block.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

function argValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const rows = Number(argValue(args, '--rows') ?? 100_000);
  const out = resolve(argValue(args, '--out') ?? join(tmpdir(), `mdss-cld-${rows}.csv`));
  writeLargeCld(out, rows);
  console.log(out);
}
