/**
 * Reads a newline-delimited JSON feed in chunks: one record object per non-blank line, pointer
 * `/<index>` (records counted from 0), positions with the file line. A line that is not JSON is
 * reported (`feed.ndjson-invalid-line`) and the next line is read. Memory: one line.
 * @module
 */
import { duplicatePropertyIssues, parseJson, scanJson } from '../input/json-text.js';
import type { Position } from '../issues/issue.js';
import type { FeedSession } from './feed-session.js';

/** Incremental NDJSON feed reader. */
export class NdjsonFeedReader {
  readonly #session: FeedSession;
  /** Text of the line being read, not yet ended. */
  #pending: string[] = [];
  #line = 0;
  #index = 0;

  constructor(session: FeedSession) {
    this.#session = session;
  }

  /**
   * Reads a chunk of text. Only the new chunk is searched for line ends (a long line arriving in
   * small chunks costs linear time). Once the session is truncated (issue cap, time budget) nothing
   * more is read.
   */
  push(chunk: string): void {
    if (this.#session.truncated) {
      this.#pending = [];
      return;
    }
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      if (chunk !== '') this.#pending.push(chunk);
      return;
    }
    const head = chunk.slice(0, nl);
    this.#readLine(this.#pending.length ? this.#pending.join('') + head : head);
    this.#pending = [];
    let start = nl + 1;
    while (!this.#session.truncated && (nl = chunk.indexOf('\n', start)) >= 0) {
      this.#readLine(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (!this.#session.truncated && start < chunk.length) this.#pending.push(chunk.slice(start));
  }

  /** Ends the input. */
  end(): void {
    if (this.#pending.length > 0 && !this.#session.truncated)
      this.#readLine(this.#pending.join(''));
    this.#pending = [];
  }

  #readLine(raw: string): void {
    const lineNo = ++this.#line;
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    const index = this.#index++;
    const pointer = `/${index}`;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      this.#session.addIssue({
        code: 'feed.ndjson-invalid-line',
        pointer,
        expression: `Row[${index}]`,
        params: { detail: parsed.error.detail },
        position: { line: lineNo, column: parsed.error.column },
      });
      this.#session.addUnreadable({ index, pointer });
      return;
    }
    if (parsed.duplicates) {
      for (const issue of duplicatePropertyIssues(
        parsed.duplicates,
        `Row[${index}]`,
        pointer,
        lineNo,
      ))
        this.#session.addIssue(issue);
    }
    let positions: Map<string, Position> | undefined;
    const locate = (rel: string): Position => {
      positions ??= scanJson(text, { positions: true }).positions ?? new Map();
      const p = positions.get(rel) ?? positions.get('');
      return { line: lineNo, column: p?.column ?? 1 };
    };
    this.#session.addRecord(parsed.value, { index, pointer, locate });
  }
}
