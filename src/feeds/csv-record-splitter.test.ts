import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter } from './csv-record-splitter.js';
import type { CsvSplitItem } from './csv-record-splitter.js';
import { parseCsvRecords } from './parse-csv-records.js';

function split(chunks: readonly string[], max?: number): CsvSplitItem[] {
  const s = new CsvRecordSplitter(max);
  return [...chunks.flatMap((c) => s.push(c)), ...s.end()];
}

describe('CsvRecordSplitter', () => {
  it('splits on LF and CRLF, strips a BOM and keeps the start line of every record', () => {
    expect(split(['\ufeffa,b\r\n1,2\r\n3,4'])).toEqual([
      { kind: 'record', text: 'a,b', line: 1 },
      { kind: 'record', text: '1,2', line: 2 },
      { kind: 'record', text: '3,4', line: 3 },
    ]);
  });

  it('keeps line breaks and escaped quotes inside quoted fields, across chunk boundaries', () => {
    const items = split(['a,b\n1,"x\n', 'y""', '"z"\n2,3\n']);
    expect(items).toEqual([
      { kind: 'record', text: 'a,b', line: 1 },
      { kind: 'record', text: '1,"x\ny"""z"', line: 2 },
      { kind: 'record', text: '2,3', line: 4 },
    ]);
  });

  it('reports an unterminated quote at its line and field, then reads the following lines', () => {
    const items = split(['a,b,c\n1,"open,3\n4,5,6\n7,8,9\n']);
    expect(items).toEqual([
      { kind: 'record', text: 'a,b,c', line: 1 },
      { kind: 'malformed', line: 2, column: 2, reason: 'quote-not-closed' },
      { kind: 'record', text: '4,5,6', line: 3 },
      { kind: 'record', text: '7,8,9', line: 4 },
    ]);
  });

  it('gives up on an open quote longer than the record limit without waiting for the end', () => {
    const s = new CsvRecordSplitter(20);
    const first = s.push('a\n"open\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n');
    expect(first[1]).toEqual({ kind: 'malformed', line: 2, column: 1, reason: 'quote-not-closed' });
    expect(
      first.filter((x) => x.kind === 'record').map((x) => (x.kind === 'record' ? x.text : '')),
    ).toContain('10');
  });

  it('skips a line longer than the record limit', () => {
    expect(split(['a\n' + 'x'.repeat(50) + '\nb\n'], 20)).toEqual([
      { kind: 'record', text: 'a', line: 1 },
      { kind: 'malformed', line: 2, column: 1, reason: 'record-too-long' },
      { kind: 'record', text: 'b', line: 3 },
    ]);
  });
});

describe('parseCsvRecords', () => {
  it('reads quoted fields and ragged records in a batch', () => {
    const out = parseCsvRecords([
      { kind: 'record', text: '1,"a, b",3', line: 2 },
      { kind: 'record', text: '4,5', line: 3 },
    ]);
    expect(out).toEqual([
      { kind: 'fields', fields: ['1', 'a, b', '3'], line: 2 },
      { kind: 'fields', fields: ['4', '5'], line: 3 },
    ]);
  });

  it('isolates a broken record and keeps the others', () => {
    const out = parseCsvRecords([
      { kind: 'record', text: '1,2,3', line: 2 },
      { kind: 'record', text: '1,x"y,3', line: 3 },
      { kind: 'record', text: '1,"x"y,3', line: 4 },
      { kind: 'record', text: '7,8,9', line: 5 },
    ]);
    expect(out.map((r) => r.kind)).toEqual(['fields', 'malformed', 'malformed', 'fields']);
    expect(out[1]).toMatchObject({ line: 3, column: 2, reason: 'quote-inside-unquoted-field' });
    expect(out[2]).toMatchObject({ line: 4, reason: 'text-after-closing-quote' });
    expect(out[3]).toEqual({ kind: 'fields', fields: ['7', '8', '9'], line: 5 });
  });
});
