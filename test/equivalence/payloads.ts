/**
 * The payloads of the equivalence table: every example feed, the hostile inputs of the hardening
 * tests, and a large NDJSON and a large CSV generated here (over the CLI's streaming threshold as the
 * equivalence doors set it). All synthetic: NHS numbers from the 999 test range.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The options a payload is checked with, named as in the library (`CheckOptions`). */
export interface PayloadOptions {
  readonly allowTestNumbers?: boolean;
  readonly framework?: string;
  readonly extensionDomains?: readonly string[];
}

/** One row of the payload table. */
export interface Payload {
  /** Unique; also the file name the CLI doors read (its extension drives detection). */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: PayloadOptions;
  /** A single FHIR JSON resource or Bundle: `$validate` answers it too. */
  readonly fhirResource: boolean;
}

const root = join(import.meta.dirname, '..', '..');
const examplesDir = join(root, 'examples');

/** The CLI's streaming threshold in the equivalence runs (MDSS_STREAM_THRESHOLD_BYTES). */
export const streamThresholdBytes = 256 * 1024;

const encode = (text: string) => new TextEncoder().encode(text);

function exampleFeeds(): Payload[] {
  const out: Payload[] = [];
  for (const partner of readdirSync(examplesDir).sort()) {
    const dir = join(examplesDir, partner);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!/\.(json|ndjson|csv)$/.test(file)) continue;
      const bytes = readFileSync(join(dir, file));
      const fhir =
        file.endsWith('.json') &&
        (JSON.parse(bytes.toString('utf8')) as { resourceType?: unknown }).resourceType !==
          undefined;
      out.push({
        name: `${partner}--${file}`,
        bytes,
        options: { allowTestNumbers: true },
        fhirResource: fhir,
      });
    }
  }
  return out;
}

/** A valid NHS number (Modulus 11) from the 999 test range, for index `i`. */
function testNhsNumber(i: number): string {
  for (let n = i; ; n++) {
    const digits = `999${String(n % 1_000_000).padStart(6, '0')}`;
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (10 - k), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits}${check === 11 ? 0 : check}`;
  }
}

/** About 1 MB of FHIR NDJSON: Patients, every 13th with an impossible date, every 17th with a failing check digit. */
function largeNdjson(): Payload {
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const nhs = testNhsNumber(i * 7);
    const patient = {
      resourceType: 'Patient',
      id: `p${i}`,
      identifier: [
        {
          system: 'https://fhir.nhs.uk/Id/nhs-number',
          value: i % 17 === 0 ? `${nhs.slice(0, 9)}${(Number(nhs[9]) + 1) % 10}` : nhs,
        },
      ],
      name: [{ family: `Testpatient${i}`, given: ['Synthetic'] }],
      gender: i % 2 ? 'female' : 'male',
      birthDate:
        i % 13 === 0
          ? '1970-13-01'
          : `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    };
    lines.push(JSON.stringify(patient));
  }
  return {
    name: 'generated--large.ndjson',
    bytes: encode(`${lines.join('\n')}\n`),
    options: { allowTestNumbers: true },
    fhirResource: false,
  };
}

/** About 1 MB of CLD CSV: the valid example's rows repeated with fresh ids, every 29th with a bad date. */
function largeCsv(): Payload {
  const text = readFileSync(
    join(examplesDir, 'northvale-council-asc', 'cld-2026-q2-valid.csv'),
    'utf8',
  );
  const rows = parse(text, { bom: true }) as string[][];
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const out = [header.map(quote).join(',')];
  for (let i = 0; i < 3000; i++) {
    const row = [...rows[1 + (i % (rows.length - 1))]!];
    row[col('LA_Person_Unique_Identifier')] = `NV-G${i}`;
    row[col('Event_Reference')] = `NV-GE${i}`;
    row[col('NHS_Number')] = testNhsNumber(i * 11 + 3);
    for (const linked of [
      'Adult_1_Linked_Person_ID',
      'Adult_2_Linked_Person_ID',
      'Adult_3_Linked_Person_ID',
    ])
      row[col(linked)] = '';
    if (i % 29 === 0) row[col('Event_Start_Date')] = '2026-02-30';
    out.push(row.map(quote).join(','));
  }
  return {
    name: 'generated--large.csv',
    bytes: encode(`${out.join('\r\n')}\r\n`),
    options: { allowTestNumbers: true },
    fhirResource: false,
  };
}

/** The hostile inputs of test/hardening, as files. */
function hostile(): Payload[] {
  const badBytes = new Uint8Array([
    0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe,
  ]);
  const join3 = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const patient = (extra: string) => `{"resourceType":"Patient","gender":"female"${extra}}`;
  return [
    {
      name: 'hostile--invalid-utf8.json',
      bytes: join3(
        encode('{"resourceType":"Patient","name":[{"family":"'),
        badBytes,
        encode('"}]}'),
      ),
      options: {},
      fhirResource: true,
    },
    {
      name: 'hostile--deep.json',
      bytes: encode(`{"resourceType":"Patient","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
      options: {},
      fhirResource: true,
    },
    {
      name: 'hostile--proto-keys.json',
      bytes: encode(
        patient(',"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}'),
      ),
      options: {},
      fhirResource: true,
    },
    {
      name: 'hostile--malformed.json',
      bytes: encode('{"resourceType": "Patient",\n  "gender": }'),
      options: {},
      fhirResource: true,
    },
    {
      name: 'hostile--not-a-resource.json',
      bytes: encode('[1, 2, 3]'),
      options: {},
      fhirResource: true,
    },
    {
      name: 'hostile--lines.ndjson',
      bytes: join3(
        encode(`${patient('')}\n{"resourceType":"Patient","name":[{"family":"`),
        badBytes,
        encode(
          `"}]}\n{"resourceType":"Patient","x":${'['.repeat(500)}${']'.repeat(500)}}\n{"resourceType":"Patient",\n${patient(',"birthDate":"2020-02-30"')}\n`,
        ),
      ),
      options: {},
      fhirResource: false,
    },
    {
      name: 'hostile--unterminated-quote.csv',
      bytes: encode(
        'NHS_Number,Event_Type,Event_Start_Date,LA_Person_Unique_Identifier\n9990000018,Request,"2026-07-01,NV-P1\n',
      ),
      options: {},
      fhirResource: false,
    },
  ];
}

/** FHIR XML (a registered syntax of the pipeline): a flawed Patient, and a malformed document. */
function xml(): Payload[] {
  const patient = `<?xml version="1.0" encoding="UTF-8"?>
<Patient xmlns="http://hl7.org/fhir">
  <identifier>
    <system value="https://fhir.nhs.uk/Id/nhs-number"/>
    <value value="9434765918"/>
  </identifier>
  <name>
    <family value="Testpatient"/>
  </name>
  <gender value="female"/>
  <birthDate value="1970-13-01"/>
</Patient>
`;
  return [
    { name: 'generated--patient.xml', bytes: encode(patient), options: {}, fhirResource: true },
    {
      name: 'hostile--malformed.xml',
      bytes: encode(
        '<Patient xmlns="http://hl7.org/fhir">\n  <gender value="female">\n</Patient>\n',
      ),
      options: {},
      fhirResource: true,
    },
  ];
}

/** The FHIR examples again with the framework off (`none`): base R4 and meta.profile only. */
function frameworkNone(examples: readonly Payload[]): Payload[] {
  return examples
    .filter((p) => p.fhirResource)
    .slice(0, 2)
    .map((p) => ({
      ...p,
      name: p.name.replace('--', '--framework-none--'),
      options: { ...p.options, framework: 'none' },
    }));
}

/** A trust's local extension, without and with its domain allowed (`extensionDomains`). */
export const localExtensionDomain = 'https://fhir.riverside-software.co.uk/StructureDefinition/';

function localExtension(): Payload[] {
  const patient = {
    resourceType: 'Patient',
    extension: [{ url: `${localExtensionDomain}preferred-contact-time`, valueString: 'mornings' }],
    gender: 'female',
  };
  const bytes = encode(JSON.stringify(patient));
  return [
    { name: 'local-extension--unknown.json', bytes, options: {}, fhirResource: true },
    {
      name: 'local-extension--allowed.json',
      bytes,
      options: { extensionDomains: [localExtensionDomain] },
      fhirResource: true,
    },
  ];
}

/** Every payload of the table. */
export function equivalencePayloads(): Payload[] {
  const examples = exampleFeeds();
  return [
    ...examples,
    ...frameworkNone(examples),
    ...hostile(),
    ...xml(),
    ...localExtension(),
    largeNdjson(),
    largeCsv(),
  ];
}

/** The media type a door sends a payload with (from its extension, as the CLI detects by it). */
export function contentTypeOf(name: string): string {
  if (name.endsWith('.ndjson')) return 'application/x-ndjson';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xml')) return 'application/fhir+xml';
  return 'application/json';
}
