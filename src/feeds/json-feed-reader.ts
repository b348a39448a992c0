/**
 * Reads a feed given as one JSON document: an array of record objects (pointer `/<index>`) or a
 * single record object (pointer `''`). Positions come from the JSON text scanner, run once and only
 * when the first issue needs one.
 * @module
 */
import { duplicatePropertyIssues, parseJson, scanJson } from '../input/json-text.js';
import type { Position } from '../issues/issue.js';
import type { FeedSession } from './feed-session.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Validates every record of a JSON feed document into `session`. */
export function readJsonFeed(text: string, session: FeedSession): void {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { detail, line, column } = parsed.error;
    session.addIssue({
      code: 'input.invalid-json',
      pointer: '',
      expression: '',
      params: { detail, line, column },
      position: { line, column },
    });
    return;
  }
  let positions: Map<string, Position> | undefined;
  const positionOf = (pointer: string): Position | undefined => {
    positions ??=
      scanJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { positions: true })
        .positions ?? new Map();
    return positions.get(pointer);
  };
  const locateIn = (base: string) => (rel: string) => positionOf(base + rel) ?? positionOf(base);
  const value = parsed.value;
  if (parsed.duplicates) {
    for (const issue of duplicatePropertyIssues(
      parsed.duplicates,
      Array.isArray(value) ? 'Row' : 'Row[0]',
    ))
      session.addIssue(issue);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && !session.truncated; i++) {
      const pointer = `/${i}`;
      session.addRecord(value[i], { index: i, pointer, locate: locateIn(pointer) });
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    session.addRecord(value, { index: 0, pointer: '', locate: locateIn('') });
    return;
  }
  session.addIssue({
    code: 'feed.json-not-records',
    pointer: '',
    expression: '',
    params: { found: describe(value) },
    position: { line: 1, column: 1 },
  });
}
