/**
 * Splits CSV text, arriving in chunks, into whole records without parsing their fields, so that one
 * broken record can never swallow the rest of the file and memory stays bounded by the longest
 * record. RFC 4180 quoting: a `"` at the start of a field opens a quoted field, `""` inside it is an
 * escaped quote, and a line break inside quotes belongs to the field. The fields themselves are read
 * by csv-parse (see `parseCsvRecords`).
 *
 * Recovery: a quoted field still open at the end of the input, or longer than `maxRecordChars`, is an
 * unterminated quote: the record's first physical line is reported and skipped, and splitting starts
 * again on the next line. A line longer than `maxRecordChars` without quotes is reported and skipped.
 * @module
 */

/** One whole record: its text without the line ending, and the file line it starts on (1-based). */
export interface CsvRawRecord {
  readonly kind: 'record';
  readonly text: string;
  readonly line: number;
}

/** A record the splitter had to give up on. `column` is the 1-based field index. */
export interface CsvSplitProblem {
  readonly kind: 'malformed';
  readonly line: number;
  readonly column: number;
  readonly reason: 'quote-not-closed' | 'record-too-long';
}

/** What the splitter hands on, in file order. */
export type CsvSplitItem = CsvRawRecord | CsvSplitProblem;

/** Default limit of one record: 1 MiB of text. */
export const defaultMaxRecordChars = 1 << 20;

/** Incremental record splitter; feed it with `push`, finish with `end`. Holds one partial record at most. */
export class CsvRecordSplitter {
  readonly #max: number;
  #buf = '';
  #pos = 0;
  #started = false;
  #inQuotes = false;
  #fieldStart = true;
  #field = 1;
  #quoteField = 1;
  #line = 1;
  #recordLine = 1;
  #skipLine = false;

  constructor(maxRecordChars: number = defaultMaxRecordChars) {
    this.#max = maxRecordChars;
  }

  /** Adds text; returns the records completed by it. */
  push(chunk: string): CsvSplitItem[] {
    let text = chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#buf += text;
    const out: CsvSplitItem[] = [];
    this.#scan(false, out);
    return out;
  }

  /** Ends the input; returns the last records and any unterminated quote. */
  end(): CsvSplitItem[] {
    const out: CsvSplitItem[] = [];
    this.#scan(true, out);
    if (this.#buf.length > 0 && !this.#skipLine)
      out.push({ kind: 'record', text: stripCr(this.#buf), line: this.#recordLine });
    this.#buf = '';
    this.#pos = 0;
    return out;
  }

  #scan(final: boolean, out: CsvSplitItem[]): void {
    for (;;) {
      const stopped = this.#scanOnce(final, out);
      if (stopped === 'done') break;
      // 'restart': an unterminated quote was dropped; scan again from the next line.
    }
  }

  #scanOnce(final: boolean, out: CsvSplitItem[]): 'done' | 'restart' {
    const buf = this.#buf;
    let i = this.#pos;
    let start = 0;
    while (i < buf.length) {
      const c = buf.charCodeAt(i);
      if (this.#skipLine) {
        if (c === 10) {
          this.#skipLine = false;
          this.#line++;
          start = i + 1;
          this.#startRecord();
        }
        i++;
        continue;
      }
      if (this.#inQuotes) {
        if (c === 34) {
          if (i + 1 >= buf.length && !final) break;
          if (buf.charCodeAt(i + 1) === 34) {
            i += 2;
            continue;
          }
          this.#inQuotes = false;
        } else if (c === 10) {
          this.#line++;
        }
        i++;
        continue;
      }
      if (c === 34 && this.#fieldStart) {
        this.#inQuotes = true;
        this.#quoteField = this.#field;
      } else if (c === 44) {
        this.#field++;
        this.#fieldStart = true;
        i++;
        continue;
      } else if (c === 10) {
        out.push(
          i - start > this.#max
            ? { kind: 'malformed', line: this.#recordLine, column: 1, reason: 'record-too-long' }
            : { kind: 'record', text: stripCr(buf.slice(start, i)), line: this.#recordLine },
        );
        this.#line++;
        start = i + 1;
        this.#startRecord();
        i++;
        continue;
      }
      if (c !== 13) this.#fieldStart = false;
      i++;
    }
    this.#buf = buf.slice(start);
    this.#pos = i - start;
    if (this.#inQuotes && (final || this.#buf.length > this.#max))
      return this.#dropUnterminated(out);
    if (!this.#inQuotes && !this.#skipLine && this.#buf.length > this.#max) {
      out.push({ kind: 'malformed', line: this.#recordLine, column: 1, reason: 'record-too-long' });
      this.#buf = '';
      this.#pos = 0;
      this.#skipLine = true;
    }
    return 'done';
  }

  /** Reports the open quote, drops the record's first physical line and rewinds to the next one. */
  #dropUnterminated(out: CsvSplitItem[]): 'restart' | 'done' {
    out.push({
      kind: 'malformed',
      line: this.#recordLine,
      column: this.#quoteField,
      reason: 'quote-not-closed',
    });
    const nl = this.#buf.indexOf('\n');
    const restartLine = this.#recordLine + 1;
    this.#inQuotes = false;
    if (nl < 0) {
      this.#buf = '';
      this.#pos = 0;
      this.#line = restartLine;
      this.#startRecord();
      return 'done';
    }
    this.#buf = this.#buf.slice(nl + 1);
    this.#pos = 0;
    this.#line = restartLine;
    this.#startRecord();
    return 'restart';
  }

  #startRecord(): void {
    this.#recordLine = this.#line;
    this.#fieldStart = true;
    this.#field = 1;
    this.#inQuotes = false;
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
