import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogue,
  northvale,
  northvaleFebruary,
  northvaleMarch,
} from '../../../test/reports/report-fixtures.js';
import { buildScorecard } from './build-scorecard.js';
import { buildIcsMatrix } from './build-ics-matrix.js';
import { csvField, toCsv } from './csv.js';
import { renderMatrixCsv, renderScorecardCsv } from './render-csv.js';

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
  });

  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 'x,y'],
      ]),
    ).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
  });

  it('round-trips any text through a standard CSV parser (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const width = rows[0]?.length ?? 1;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const parsed = parse(toCsv(table), { relax_column_count: false }) as string[][];
          const unguard = (s: string, original: string) =>
            /^[=+\-@\t\r]/.test(original) ? s.slice(1) : s;
          expect(parsed.map((r, i) => r.map((c, j) => unguard(c, table[i]?.[j] ?? '')))).toEqual(
            table,
          );
        },
      ),
    );
  });

  it('renders the scorecard with one row per requirement, escaping partner names', () => {
    const partner = { ...northvale, name: 'Northvale, "North" Council' };
    const card = buildScorecard({
      partner,
      catalogue,
      current: northvaleMarch(),
      previous: northvaleFebruary(),
      waivers: [],
      now: new Date('2026-04-02T00:00:00Z'),
    });
    const rows = parse(renderScorecardCsv(card), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({
      partner_name: 'Northvale, "North" Council',
      requirement_id: 'MDS-01',
      status: 'partly',
      pass_rate: '0.9',
      previous_pass_rate: '0.7',
      trend: 'up',
      top_gap_path: 'Patient.identifier',
      top_gap_count: '10',
    });
  });

  it('renders the matrix in long form', () => {
    const m = buildIcsMatrix({
      partners: [northvale],
      catalogue,
      data: { [northvale.id]: northvaleMarch() },
      now: new Date('2026-04-02T00:00:00Z'),
    });
    const rows = parse(renderMatrixCsv(m), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r['requirement_id']}:${r['status']}`)).toEqual([
      'MDS-01:partly',
      'MDS-02:met',
      'MDS-06:not-met',
      'MDS-10:met',
      'MDS-12:not-checked',
    ]);
  });
});
