/**
 * Recognises a social-care feed without flags: a CSV whose header carries CLD field names
 * (`NHS_Number`, `Event_Type`, `Event_Start_Date`, …) is a CLD feed; JSON or NDJSON whose records carry
 * `LAchildID` is a children-in-need feed, and CLD field names in JSON make a CLD feed. Only the start
 * of the text is read. The caller's `feed`/`format` options override detection.
 * @module
 */
import type { FeedKind } from './feed-definition.js';
import { columnKey } from './map-csv-header.js';

/** Input formats of a feed. */
export type FeedFormat = 'csv' | 'json' | 'ndjson';

/** What detection found; `feed` is absent when the text is not recognised. */
export interface DetectedFeed {
  readonly feed?: FeedKind;
  readonly format: FeedFormat;
  /** Set when a CSV header only makes sense split on another delimiter (`;` or tab), which MDSS does not read. */
  readonly otherDelimiter?: string;
}

/** Column or key names that mark a CLD record (two are needed). */
const cldMarkers = [
  'nhsnumber',
  'eventtype',
  'eventstartdate',
  'lapersonuniqueidentifier',
  'clienttype',
  'reportingperiodstartdate',
];
const cinMarkers = ['lachildid', 'cindetails'];
const sniffChars = 65_536;

function formatOf(head: string, filename: string | undefined): FeedFormat {
  const name = filename?.toLowerCase() ?? '';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  const first = head.trimStart()[0];
  if (first === '[') return 'json';
  if (first !== '{') return 'csv';
  const lines = head.split('\n').filter((l) => l.trim() !== '');
  const second = lines[1]?.trimStart()[0];
  return lines.length > 1 && second === '{' && isWholeJson(lines[0]!) ? 'ndjson' : 'json';
}

function isWholeJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function count(keys: ReadonlySet<string>, markers: readonly string[]): number {
  return markers.filter((m) => keys.has(m)).length;
}

function kindOf(keys: ReadonlySet<string>): FeedKind | undefined {
  if (count(keys, cinMarkers) >= 1) return 'cin';
  if (count(keys, cldMarkers) >= 2) return 'cld';
  return undefined;
}

function csvHeaderKeys(head: string, delimiter = ','): Set<string> {
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  return new Set(line.split(delimiter).map((c) => columnKey(c.replace(/"/g, ''))));
}

function otherDelimiter(head: string): string | undefined {
  return [';', '\t'].find((d) => kindOf(csvHeaderKeys(head, d)) !== undefined);
}

/** Characters a key may carry between the letters of a marker (columnKey drops them). */
const separators = '[_ ():-]*';

/**
 * The JSON property names `"name":` whose {@link columnKey} is a marker: exactly the marker keys of
 * all names matching `"([A-Za-z_][A-Za-z0-9_ ():-]*)"\s*:` (a name starts with a letter or `_`, and
 * drops to a marker only when its letters, in any case, are the marker's and the rest separators),
 * found without building every name of a FHIR head (thousands per file).
 */
const markerKey = `"(?:_${separators})?(?:${[...cinMarkers, ...cldMarkers]
  .map((m) => [...m].map((c) => `[${c}${c.toUpperCase()}]`).join(separators))
  .join('|')})${separators}"\\s*:`;

function jsonKeys(head: string): Set<string> {
  const keys = new Set<string>();
  for (const m of head.matchAll(new RegExp(markerKey, 'g')))
    keys.add(columnKey(m[0].slice(1, m[0].lastIndexOf('"'))));
  return keys;
}

/**
 * Detects the feed kind and format from the start of `text` (and the file name's extension).
 * @example detectFeed('NHS_Number,Event_Type,Event_Start_Date\n…') // { feed: 'cld', format: 'csv' }
 */
export function detectFeed(text: string, filename?: string): DetectedFeed {
  const head = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).slice(0, sniffChars);
  const format = formatOf(head, filename);
  const feed = kindOf(format === 'csv' ? csvHeaderKeys(head) : jsonKeys(head));
  if (feed) return { feed, format };
  const other = format === 'csv' ? otherDelimiter(head) : undefined;
  return other ? { format, otherDelimiter: other } : { format };
}
