import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFeed } from './detect-feed.js';
import { columnKey } from './map-csv-header.js';

describe('detectFeed', () => {
  it('recognises a CLD CSV by its header, with or without BOM, quotes or spaced names', () => {
    expect(detectFeed('NHS_Number,Event_Type,Event_Start_Date\n1,2,3\n')).toEqual({
      feed: 'cld',
      format: 'csv',
    });
    expect(detectFeed('\ufeff"LA_Code","NHS Number","Event Type"\r\n')).toEqual({
      feed: 'cld',
      format: 'csv',
    });
  });

  it('needs two CLD field names before calling a CSV a CLD feed', () => {
    expect(detectFeed('NHS_Number,Colour\n1,2\n')).toEqual({ format: 'csv' });
  });

  it('recognises CIN and CLD records in JSON and NDJSON by their keys', () => {
    expect(detectFeed('[{"LAchildID":"A1"}]')).toEqual({ feed: 'cin', format: 'json' });
    expect(detectFeed('{"LAchildID":"A1"}\n{"LAchildID":"A2"}\n')).toEqual({
      feed: 'cin',
      format: 'ndjson',
    });
    expect(detectFeed('{"NHS_Number":"1","Event_Type":"Service"}')).toEqual({
      feed: 'cld',
      format: 'json',
    });
  });

  it('takes the format from the file extension when given', () => {
    expect(detectFeed('{"LAchildID":"A1"}', 'children.ndjson')).toEqual({
      feed: 'cin',
      format: 'ndjson',
    });
    expect(detectFeed('NHS_Number,Event_Type\n', 'export.CSV')).toEqual({
      feed: 'cld',
      format: 'csv',
    });
  });

  it('notices a CLD header delimited by semicolons or tabs (not read, but named in the reason)', () => {
    expect(detectFeed('NHS_Number;Event_Type;Event_Start_Date\n')).toEqual({
      format: 'csv',
      otherDelimiter: ';',
    });
    expect(detectFeed('NHS_Number\tEvent_Type\n')).toEqual({ format: 'csv', otherDelimiter: '\t' });
  });

  it('recognises nothing in unrelated text', () => {
    expect(detectFeed('{"resourceType":"Patient"}')).toEqual({ format: 'json' });
    expect(detectFeed('')).toEqual({ format: 'csv' });
  });
});

describe('detectFeed on JSON keys', () => {
  /** The reading the marker search must agree with: every name, normalised, then the markers. */
  function byEveryName(head: string): string | undefined {
    const keys = new Set<string>();
    for (const m of head.matchAll(/"([A-Za-z_][A-Za-z0-9_ ():-]*)"\s*:/g))
      keys.add(columnKey(m[1]!));
    if (['lachildid', 'cindetails'].some((k) => keys.has(k))) return 'cin';
    const cld = ['nhsnumber', 'eventtype', 'eventstartdate', 'lapersonuniqueidentifier'];
    return [...cld, 'clienttype', 'reportingperiodstartdate'].filter((k) => keys.has(k)).length >= 2
      ? 'cld'
      : undefined;
  }

  it('finds the marker keys exactly as normalising every name does', () => {
    const piece = fc.constantFrom(
      '"',
      ':',
      ' ',
      '_',
      '(',
      '-',
      'LA',
      'child',
      'ID',
      'Child',
      'NHS',
      'Number',
      'Event',
      'Type',
      'x',
      '9',
      ',',
      '\\',
      'cin',
      'Details',
      'client_type',
      'Client',
      'N',
      'h',
      's',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (p) => {
        const text = `{${p.join('')}`;
        expect(detectFeed(text, 'a.json').feed).toBe(byEveryName(text));
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
