/**
 * Reads the fields of whole CSV records (from `CsvRecordSplitter`). A record without any quote
 * character is split on commas (RFC 4180 gives it no other reading); records with quotes go to
 * csv-parse's edge-safe browser build (`csv-parse/browser/esm/sync`: no Node built-ins), in batches,
 * as UTF-8 bytes from `TextEncoder` (its bundled Buffer polyfill is slow at encoding strings). When a
 * batch holds a broken record, its records are parsed one by one so that only the broken one is lost.
 * @module
 */
import { parse } from 'csv-parse/browser/esm/sync';
import type { CsvRawRecord } from './csv-record-splitter.js';

/** A record read into fields. */
export interface CsvFieldsRecord {
  readonly kind: 'fields';
  readonly fields: readonly string[];
  readonly line: number;
}

/** A record csv-parse could not read: `column` is the 1-based field index. */
export interface CsvParseProblem {
  readonly kind: 'malformed';
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

const reasons: Readonly<Record<string, string>> = {
  INVALID_OPENING_QUOTE: 'quote-inside-unquoted-field',
  CSV_INVALID_CLOSING_QUOTE: 'text-after-closing-quote',
  CSV_QUOTE_NOT_CLOSED: 'quote-not-closed',
};

interface SkipError {
  readonly code?: unknown;
  readonly lines?: unknown;
  readonly column?: unknown;
}

const encoder = new TextEncoder();

function parseText(text: string, onSkip: (err: SkipError | undefined) => void): string[][] {
  return parse(encoder.encode(text), {
    relax_column_count: true,
    skip_records_with_error: true,
    skip_empty_lines: false,
    on_skip: (err) => {
      onSkip(err as SkipError | undefined);
      return undefined;
    },
  });
}

function problemOf(err: SkipError | undefined, line: number): CsvParseProblem {
  const code = typeof err?.code === 'string' ? err.code : '';
  const lines = typeof err?.lines === 'number' ? err.lines : 1;
  const column = typeof err?.column === 'number' ? err.column + 1 : 1;
  return {
    kind: 'malformed',
    line: line + Math.max(0, lines - 1),
    column,
    reason: reasons[code] ?? 'unreadable-record',
  };
}

function parseOne(record: CsvRawRecord): CsvFieldsRecord | CsvParseProblem {
  let problem: CsvParseProblem | undefined;
  let rows: string[][];
  try {
    rows = parseText(record.text, (err) => {
      problem ??= problemOf(err, record.line);
    });
  } catch (err) {
    return problemOf(err as SkipError, record.line);
  }
  if (problem) return problem;
  const fields = rows[0];
  return fields
    ? { kind: 'fields', fields, line: record.line }
    : { kind: 'fields', fields: [''], line: record.line };
}

/**
 * Parses a batch of whole records (blank records must already be removed). The result has one entry
 * per input record, in order.
 */
export function parseCsvRecords(
  records: readonly CsvRawRecord[],
): (CsvFieldsRecord | CsvParseProblem)[] {
  const out: (CsvFieldsRecord | CsvParseProblem | undefined)[] = records.map((r) =>
    r.text.includes('"') ? undefined : { kind: 'fields', fields: r.text.split(','), line: r.line },
  );
  const quoted = records.filter((_, i) => out[i] === undefined);
  const parsed = parseQuoted(quoted);
  let next = 0;
  return out.map((r) => r ?? parsed[next++]!);
}

function parseQuoted(records: readonly CsvRawRecord[]): (CsvFieldsRecord | CsvParseProblem)[] {
  if (records.length === 0) return [];
  let failed = false;
  let rows: string[][] = [];
  try {
    rows = parseText(records.map((r) => r.text).join('\n'), () => {
      failed = true;
    });
  } catch {
    failed = true;
  }
  if (!failed && rows.length === records.length) {
    return rows.map((fields, i) => ({ kind: 'fields', fields, line: records[i]!.line }));
  }
  return records.map(parseOne);
}
