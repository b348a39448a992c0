/**
 * Reads a CSV feed in chunks and hands each data row to a `FeedSession`: records are split
 * (`CsvRecordSplitter`), parsed in batches by csv-parse (`parseCsvRecords`), the first record is the
 * header (`mapCsvHeader`), and each row is coerced to the schema's types (`coerceCsvRow`). Locations:
 * pointer `/<row>/<Field>` (rows from 0), expression `Row[<row>].<Field>`, position line = file line
 * of the row (header = 1), column = 1-based index of the field's column. Memory: one batch of rows.
 * @module
 */
import type { Position } from '../issues/issue.js';
import { CsvRecordSplitter } from './csv-record-splitter.js';
import type { CsvRawRecord, CsvSplitItem } from './csv-record-splitter.js';
import type { FeedSession, RecordSource } from './feed-session.js';
import { firstToken } from './feed-definition.js';
import { coerceCsvRow } from './coerce-csv-row.js';
import type { CsvHeaderMap } from './map-csv-header.js';
import { mapCsvHeader } from './map-csv-header.js';
import { parseCsvRecords } from './parse-csv-records.js';
import type { CsvFieldsRecord, CsvParseProblem } from './parse-csv-records.js';

const batchSize = 256;

/** Incremental CSV feed reader. */
export class CsvFeedReader {
  readonly #session: FeedSession;
  readonly #splitter = new CsvRecordSplitter();
  #batch: CsvRawRecord[] = [];
  #header: CsvHeaderMap | undefined;
  #row = 0;

  constructor(session: FeedSession) {
    this.#session = session;
  }

  /** Reads a chunk of text. Once the session is truncated (issue cap, time budget) nothing more is read. */
  push(chunk: string): void {
    if (this.#session.truncated) return;
    this.#take(this.#splitter.push(chunk));
  }

  /** Ends the input (the session's `finish` is the caller's). */
  end(): void {
    this.#take(this.#splitter.end());
    this.#flush();
  }

  #take(items: readonly CsvSplitItem[]): void {
    for (const item of items) {
      if (this.#session.truncated) return;
      if (item.kind === 'malformed') {
        this.#flush();
        this.#malformed(item);
        continue;
      }
      if (item.text.trim() === '') continue;
      this.#batch.push(item);
      if (this.#batch.length >= batchSize || this.#header === undefined) this.#flush();
    }
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    for (const rec of parseCsvRecords(batch)) {
      if (this.#session.truncated) return;
      if (rec.kind === 'malformed') this.#malformed(rec);
      else if (this.#header === undefined) this.#readHeader(rec);
      else this.#readRow(rec);
    }
  }

  #readHeader(rec: CsvFieldsRecord): void {
    const def = this.#session.definition;
    this.#header = mapCsvHeader(rec.fields, def.fields, def.feed.toUpperCase());
    for (const issue of this.#header.issues) this.#session.addIssue(issue);
    for (const field of this.#header.missing) this.#session.skipRequired(field);
  }

  #source(line: number): RecordSource {
    const index = this.#row++;
    const columnOf = this.#header?.columnOf;
    const locate = (relPointer: string): Position => ({
      line,
      column: columnOf?.get(firstToken(relPointer)) ?? 1,
    });
    return { index, pointer: `/${index}`, locate };
  }

  #malformed(problem: CsvParseProblem | { line: number; column: number; reason: string }): void {
    if (this.#header === undefined) {
      this.#session.addIssue({
        code: 'feed.csv-malformed',
        pointer: '',
        expression: 'Header',
        params: { reason: problem.reason },
        position: { line: problem.line, column: problem.column },
      });
      return;
    }
    const source = this.#source(problem.line);
    this.#session.addIssue({
      code: 'feed.csv-malformed',
      pointer: source.pointer,
      expression: `Row[${source.index}]`,
      params: { reason: problem.reason },
      position: { line: problem.line, column: problem.column },
    });
    this.#session.addUnreadable(source);
  }

  #readRow(rec: CsvFieldsRecord): void {
    const header = this.#header!;
    const source = this.#source(rec.line);
    if (rec.fields.length !== header.columns.length) {
      const column = Math.min(rec.fields.length, header.columns.length) + 1;
      this.#session.addIssue({
        code: 'feed.csv-ragged-row',
        pointer: source.pointer,
        expression: `Row[${source.index}]`,
        params: { expected: header.columns.length, found: rec.fields.length },
        position: { line: rec.line, column },
      });
      this.#session.addUnreadable(source);
      return;
    }
    const at = this.#session.reporter(source);
    const record = coerceCsvRow(rec.fields, header.columns, this.#session.notes, at);
    this.#session.addRecord(record, source, at);
  }
}
