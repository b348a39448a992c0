/** Property: any table written as RFC 4180 CSV reads back cell for cell, however the text is chunked. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter } from './csv-record-splitter.js';
import { parseCsvRecords } from './parse-csv-records.js';

function encode(cell: string): string {
  return /[",\r\n]/.test(cell) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function read(chunks: readonly string[]): string[][] {
  const splitter = new CsvRecordSplitter();
  const items = [...chunks.flatMap((c) => splitter.push(c)), ...splitter.end()];
  const records = items.flatMap((i) => (i.kind === 'record' ? [i] : []));
  expect(items.length).toBe(records.length);
  return parseCsvRecords(records).map((r) =>
    r.kind === 'fields' ? [...r.fields] : ['<malformed>'],
  );
}

const cell = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', '–', 'é', '1'),
});
const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
    minLength: 1,
    maxLength: 8,
  }),
);

describe('CSV reading round trip', () => {
  it('reads back every cell, with LF or CRLF line ends, for any chunking', () => {
    fc.assert(
      fc.property(
        table,
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 20 }),
        (rows, crlf, cuts) => {
          const text =
            rows.map((r) => r.map(encode).join(',')).join(crlf ? '\r\n' : '\n') +
            (crlf ? '\r\n' : '\n');
          const chunks: string[] = [];
          let at = 0;
          for (const n of cuts) {
            chunks.push(text.slice(at, at + n));
            at += n;
          }
          chunks.push(text.slice(at));
          expect(read(chunks)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
