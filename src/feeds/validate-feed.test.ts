import { describe, expect, it } from 'vitest';
import { nhsNumberCheckDigit } from '../rules/nhs-number.js';
import { validateFeed, validateFeedStream } from './validate-feed.js';

function nhs(seed: number): string {
  for (let n = seed; ; n++) {
    const nine = `999${String(n).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

const base: Record<string, string> = {
  LA_Code: '999',
  Reporting_Period_Start_Date: '2026-07-01',
  Reporting_Period_End_Date: '2026-09-30',
  NHS_Number: nhs(1),
  LA_Person_Unique_Identifier: 'NV-P0001',
  First_Name: 'Testy',
  Last_Name: 'McTestface',
  GP_Practice_Code: 'N99001',
  Gender: 'Female',
  Ethnicity: 'White – Irish',
  Date_of_Birth: '1950-03-04',
  Client_Type: 'Service User',
  Postcode: 'NV1 1AA',
  Event_Type: 'Service',
  Event_Reference: 'EV-1',
  Event_Start_Date: '2026-07-02',
  Service_Type: 'Long Term Support: Community',
  Service_Component: 'Home Care',
};

const header = Object.keys(base);

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(
  rows: readonly Record<string, string>[],
  cols: readonly string[] = header,
  eol = '\n',
): string {
  return (
    [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c] ?? '')).join(','))].join(eol) +
    eol
  );
}

function codes(text: string, options = {}): string[] {
  return validateFeed(text, { allowTestNumbers: true, ...options }).issues.map(
    (i) => `${i.code} ${i.pointer}`,
  );
}

describe('validateFeed on a CLD CSV', () => {
  it('accepts a valid row without flags and reports the record', () => {
    const r = validateFeed(csv([base]), { allowTestNumbers: true });
    expect(r.issues).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.records).toEqual([{ pointer: '/0', type: 'cld-event', key: 'EV-1' }]);
    expect(r.profiles).toEqual(['https://mdss.example.org/schemas/cld-event.schema.json']);
  });

  it('reports test-range NHS numbers unless the test-data setting allows them', () => {
    const r = validateFeed(csv([base]));
    expect(r.issues.map((i) => [i.code, i.pointer, i.expression, i.requirements])).toEqual([
      ['england.nhs-number-test-range', '/0/NHS_Number', 'Row[0].NHS_Number', ['MDS-03']],
    ]);
    expect(r.issues[0]!.position).toEqual({ line: 2, column: header.indexOf('NHS_Number') + 1 });
  });

  it('reads CRLF, a BOM and quoted fields with commas', () => {
    const row = { ...base, Ethnicity: 'Black, Black British, Caribbean or African – African' };
    expect(codes(`\ufeff${csv([row], header, '\r\n')}`)).toEqual([]);
  });

  it('locates schema issues at row, field, line and column', () => {
    const r = validateFeed(
      csv([base, { ...base, Event_Reference: 'EV-2', Gender: 'Woman', First_Name: '' }]),
      { allowTestNumbers: true },
    );
    const gender = r.issues.find((i) => i.code === 'jsonschema.enum')!;
    expect(gender).toMatchObject({
      pointer: '/1/Gender',
      expression: 'Row[1].Gender',
      severity: 'error',
      position: { line: 3, column: header.indexOf('Gender') + 1 },
    });
    expect(gender.requirements).toEqual(['MDS-14']);
    const name = r.issues.find((i) => i.code === 'jsonschema.required')!;
    expect(name).toMatchObject({
      pointer: '/1/First_Name',
      expression: 'Row[1].First_Name',
      requirements: ['MDS-06'],
    });
  });

  it('normalises defined-list labels and says so once per spelling, with the count', () => {
    const rows = [1, 2, 3].map((n) => ({
      ...base,
      Event_Reference: `EV-${n}`,
      Ethnicity: 'white - irish',
    }));
    const r = validateFeed(csv(rows), { allowTestNumbers: true });
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => [i.code, i.pointer, i.severity, i.params.occurrences])).toEqual([
      ['feed.value-normalised', '/0/Ethnicity', 'information', 3],
    ]);
  });

  it('accepts DD/MM/YYYY dates, converting them, with one information note per field', () => {
    const r = validateFeed(csv([{ ...base, Date_of_Birth: '04/03/1950' }]), {
      allowTestNumbers: true,
    });
    expect(r.issues.map((i) => [i.code, i.pointer, i.severity])).toEqual([
      ['feed.date-format-dmy', '/0/Date_of_Birth', 'information'],
    ]);
    expect(JSON.stringify(r.issues[0]!.params)).not.toContain('1950');
  });

  it('reports a ragged row and an unterminated quote with row and column, and checks the rest', () => {
    const good = csv([base]);
    const ragged = '999,2026-07-01\n';
    const unterminated =
      csv([{ ...base, Event_Reference: 'EV-3' }])
        .split('\n')[1]!
        .replace('Testy', '"Testy') + '\n';
    const last = csv([{ ...base, Event_Reference: 'EV-4', Gender: 'Woman' }]).split('\n')[1] + '\n';
    const r = validateFeed(good + ragged + unterminated + last, { allowTestNumbers: true });
    expect(r.issues.map((i) => [i.code, i.pointer, i.position])).toEqual([
      ['feed.csv-ragged-row', '/1', { line: 3, column: 3 }],
      ['feed.csv-malformed', '/2', { line: 4, column: header.indexOf('First_Name') + 1 }],
      ['jsonschema.enum', '/3/Gender', { line: 5, column: header.indexOf('Gender') + 1 }],
    ]);
    expect(r.recordCount).toBe(4);
  });

  it('maps variant column names, reports unknown and missing columns once', () => {
    const cols = header
      .filter((h) => h !== 'Client_Type')
      .map((h) => (h === 'Event_Type' ? 'event type' : h));
    const row = { ...base, 'event type': 'Service', Extra: 'x' };
    const r = validateFeed(csv([row, { ...row, Event_Reference: 'EV-2' }], [...cols, 'Extra']), {
      allowTestNumbers: true,
      feed: 'cld',
    });
    expect(r.issues.map((i) => [i.code, i.expression, i.position?.column])).toEqual([
      [
        'feed.column-name-normalised',
        `Header[${cols.indexOf('event type')}]`,
        cols.indexOf('event type') + 1,
      ],
      ['feed.csv-missing-column', 'Header', 1],
      ['feed.csv-unknown-column', `Header[${cols.length}]`, cols.length + 1],
    ]);
  });
});

describe('CLD cross-record checks', () => {
  it('reports end before start, open-ended non-service events and dates outside the period', () => {
    const rows = [
      { ...base, Event_Reference: 'A', Event_End_Date: '2026-07-01' },
      {
        ...base,
        Event_Reference: 'B',
        Event_Type: 'Assessment',
        Assessment_Type: 'Long Term Assessment',
        Service_Type: '',
        Service_Component: '',
      },
      { ...base, Event_Reference: 'C', Event_Start_Date: '2026-10-02' },
    ];
    expect(codes(csv(rows, [...header, 'Event_End_Date', 'Assessment_Type']))).toEqual([
      'feed.event-end-before-start /0/Event_End_Date',
      'feed.open-ended-non-service /1/Event_End_Date',
      'feed.outside-reporting-period /2/Event_Start_Date',
    ]);
  });

  it('reports duplicate event references, unresolved carer links and under-18 service users', () => {
    const cols = [...header, 'Adult_1_Linked_Person_ID'];
    const rows = [
      { ...base, Event_Reference: 'A' },
      {
        ...base,
        Event_Reference: 'A',
        LA_Person_Unique_Identifier: 'NV-P0002',
        Date_of_Birth: '2010-01-01',
      },
      {
        ...base,
        Event_Reference: 'C',
        LA_Person_Unique_Identifier: 'NV-P0003',
        Client_Type: 'Carer',
        Adult_1_Linked_Person_ID: 'NV-P0009',
        Service_Type: 'Carer Support: Direct to Carer',
      },
      {
        ...base,
        Event_Reference: 'D',
        LA_Person_Unique_Identifier: 'NV-P0004',
        Client_Type: 'Carer',
        Adult_1_Linked_Person_ID: 'NV-P0005',
        Service_Type: 'Carer Support: Direct to Carer',
      },
      { ...base, Event_Reference: 'E', LA_Person_Unique_Identifier: 'NV-P0005' },
    ];
    const r = validateFeed(csv(rows, cols), { allowTestNumbers: true });
    expect(r.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
      'feed.adult-under-18 /1/Date_of_Birth',
      'feed.duplicate-event-reference /1/Event_Reference',
      'feed.linked-person-unresolved /2/Adult_1_Linked_Person_ID',
    ]);
    expect(r.issues[1]!.params).toEqual({ firstRow: 0 });
    expect(r.issues[2]!.position).toEqual({ line: 4, column: cols.length });
  });

  it('reports a missing NHS number as a warning and a district GSS code as not upper tier', () => {
    const r = validateFeed(csv([{ ...base, NHS_Number: '', LA_Code: 'E07000999' }]), {
      allowTestNumbers: true,
    });
    expect(r.issues.map((i) => [i.code, i.pointer, i.severity, i.requirements])).toEqual([
      ['england.la-code-not-upper-tier', '/0/LA_Code', 'error', ['MDS-11']],
      ['feed.nhs-number-missing', '/0/NHS_Number', 'warning', ['MDS-01']],
    ]);
  });
});

describe('JSON, NDJSON and detection', () => {
  it('validates CLD records given as a JSON array with pointers and positions', () => {
    const text = JSON.stringify(
      [base, { ...base, Event_Reference: 'EV-2', Gender: 'Woman' }],
      null,
      2,
    );
    const r = validateFeed(text, { allowTestNumbers: true });
    expect(r.issues.map((i) => [i.code, i.pointer, i.expression])).toEqual([
      ['jsonschema.enum', '/1/Gender', 'Row[1].Gender'],
    ]);
    expect(r.issues[0]!.position?.line).toBe(
      text.split('\n').findIndex((l, n) => n > 20 && l.includes('"Gender"')) + 1,
    );
  });

  it('validates NDJSON line by line and reports a broken line without stopping', () => {
    const text = [
      JSON.stringify(base),
      '{"broken":',
      JSON.stringify({ ...base, Event_Reference: 'EV-2', Gender: 'Woman' }),
    ].join('\n');
    const r = validateFeed(text, { allowTestNumbers: true, format: 'ndjson' });
    expect(r.issues.map((i) => [i.code, i.pointer, i.position?.line])).toEqual([
      ['feed.ndjson-invalid-line', '/1', 2],
      ['jsonschema.enum', '/2/Gender', 3],
    ]);
  });

  it('gives feed.unknown-feed for text that is no known feed, and honours an explicit feed', () => {
    expect(codes('a,b,c\n1,2,3\n')).toEqual(['feed.unknown-feed ']);
    expect(codes('a,b,c\n1,2,3\n', { feed: 'cin' })).toEqual(['feed.unknown-feed ']);
    expect(codes('a,b,c\n1,2,3\n', { feed: 'cld' })).toContain('feed.csv-missing-column ');
  });

  it('streams the same result as the whole-text API, whatever the chunking', async () => {
    const rows = Array.from({ length: 40 }, (_, n) => ({
      ...base,
      Event_Reference: `EV-${n}`,
      Gender: n % 7 === 0 ? 'Woman' : 'Male',
    }));
    const text = csv(rows, header, '\r\n');
    const whole = validateFeed(text, { allowTestNumbers: true });
    async function* chunks(size: number): AsyncIterable<string> {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    }
    for (const size of [1, 7, 100, 100_000]) {
      expect(await validateFeedStream(chunks(size), { allowTestNumbers: true })).toEqual(whole);
    }
  });
});

describe('limits and odd inputs', () => {
  it('stops at maxIssues with engine.limit-reached and truncated, streaming or not', async () => {
    const rows = Array.from({ length: 30 }, (_, n) => ({
      ...base,
      Event_Reference: `EV-${n}`,
      Gender: 'Woman',
    }));
    const text = csv(rows);
    const r = validateFeed(text, { allowTestNumbers: true, maxIssues: 5 });
    expect(r.truncated).toBe(true);
    expect(r.issues.filter((i) => i.code === 'jsonschema.enum')).toHaveLength(5);
    expect(r.issues.map((i) => i.code)).toContain('engine.limit-reached');
    async function* one(): AsyncIterable<string> {
      yield text;
    }
    expect(
      (await validateFeedStream(one(), { allowTestNumbers: true, maxIssues: 5 })).truncated,
    ).toBe(true);
  });

  it('reports a header without rows as an empty feed', () => {
    expect(codes(`${header.join(',')}\n`)).toEqual(['feed.empty ']);
  });

  it('reports JSON that is not records, records that are not objects, and broken JSON', () => {
    expect(codes('[{"LAchildID":"A"}, 3]', { feed: 'cin' })).toContain('feed.record-not-object /1');
    expect(codes('"NHS_Number Event_Type"', { feed: 'cld', format: 'json' })).toEqual([
      'feed.json-not-records ',
    ]);
    const broken = validateFeed('[{"NHS_Number": "1", "Event_Type": }]', { feed: 'cld' });
    expect(broken.issues.map((i) => [i.code, i.position?.line])).toEqual([
      ['input.invalid-json', 1],
    ]);
  });
});

describe('birth dates and link-only carer rows', () => {
  it('reports events before birth, and future birth dates only when a clock is given', () => {
    const rows = [{ ...base, Date_of_Birth: '2026-07-05', Event_Reference: 'A' }];
    const now = (): Date => new Date('2026-07-03T10:00:00Z');
    expect(codes(csv(rows))).toEqual(['feed.date-before-birth /0/Event_Start_Date']);
    const r = validateFeed(csv(rows), { allowTestNumbers: true, now });
    expect(r.issues.map((i) => [i.code, i.pointer, i.params, i.requirements])).toEqual([
      [
        'feed.date-in-future',
        '/0/Date_of_Birth',
        { field: 'Date_of_Birth', today: '2026-07-03' },
        ['MDS-06'],
      ],
      ['feed.date-before-birth', '/0/Event_Start_Date', { field: 'Event_Start_Date' }, ['MDS-06']],
    ]);
  });

  it('needs the linked adult on a Carer known by association row, and no event fields', () => {
    const cols = [...header, 'Adult_1_Linked_Person_ID'];
    const linkOnly = {
      ...base,
      Client_Type: 'Carer known by association',
      LA_Person_Unique_Identifier: 'NV-P0002',
      Event_Type: '',
      Event_Reference: '',
      Event_Start_Date: '',
      Service_Type: '',
      Service_Component: '',
    };
    expect(codes(csv([base, { ...linkOnly, Adult_1_Linked_Person_ID: 'NV-P0001' }], cols))).toEqual(
      [],
    );
    const r = validateFeed(csv([base, linkOnly], cols), { allowTestNumbers: true });
    expect(r.issues.map((i) => [i.code, i.pointer, i.requirements])).toEqual([
      ['jsonschema.required', '/1/Adult_1_Linked_Person_ID', ['MDS-19']],
    ]);
  });
});

describe('validateFeedStream over bytes', () => {
  async function* bytes(parts: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
    yield* parts;
  }

  it('decodes UTF-8 split inside a character (an en dash across chunks)', async () => {
    const text = csv([base]);
    const all = new TextEncoder().encode(text);
    const dash = all.indexOf(0xe2);
    const r = await validateFeedStream(bytes([all.slice(0, dash + 1), all.slice(dash + 1)]), {
      allowTestNumbers: true,
    });
    expect(r.issues).toEqual([]);
  });

  it('reports invalid UTF-8 as input.invalid-utf8', async () => {
    const all = new TextEncoder().encode(csv([base]));
    const broken = new Uint8Array([...all.slice(0, 200), 0xff, ...all.slice(200)]);
    const r = await validateFeedStream(bytes([broken.slice(0, 100), broken.slice(100)]), {
      allowTestNumbers: true,
    });
    expect(r.issues.map((i) => [i.code, i.severity])).toContainEqual([
      'input.invalid-utf8',
      'fatal',
    ]);
    expect(r.valid).toBe(false);
  });
});
