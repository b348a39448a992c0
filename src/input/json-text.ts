/**
 * JSON text handling with source positions, kept off the hot path: payloads are parsed with the
 * native `JSON.parse`; the hand-written scanner (json-scan.ts) runs only when a parse fails (to say
 * where) or when issues need line/column (to map JSON pointers to positions).
 * @module
 */
import type { IssueInput } from '../issues/collector.js';
import type { Position } from '../issues/issue.js';
import { findTooDeep } from './find-too-deep.js';
import {
  countNamesInText,
  countProperties,
  namesBeforeColons,
  tallyValue,
  type ValueTally,
} from './json-shape.js';
import { escapePointer, scanJson } from './json-scan.js';

export { escapePointer, scanJson, type JsonScan } from './json-scan.js';

/** A JSON syntax error with its 1-based position. */
export interface JsonSyntaxError {
  readonly detail: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A property name repeated in one object: `pointer` is the repeated property's (RFC 6901). */
export interface DuplicateProperty {
  readonly pointer: string;
  readonly name: string;
  /** Position of the repeated name (line/column are 1-based, of the text without a BOM). */
  readonly position: Position;
}

/** The outcome of {@link parseJson}. */
export type ParsedJson =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly duplicates?: readonly DuplicateProperty[];
    }
  | { readonly ok: false; readonly error: JsonSyntaxError };

/** {@link parseJson} with a depth limit: the text nests deeper than the limit. */
export interface TooDeepJson {
  readonly ok: false;
  /** The first bracket past the limit (1-based; a BOM counts as a column). */
  readonly tooDeep: Position;
}

/**
 * JSON text with its {@link parseJson} outcome: a validator takes it in place of the text, so a door
 * that parsed the text (for its depth limit) does not parse it again.
 */
export class ParsedJsonText {
  constructor(
    readonly text: string,
    readonly parsed: ParsedJson,
  ) {}
}

/**
 * A value `JSON.parse` made (plain objects and arrays whose only prototype is `Object.prototype`),
 * given to a validator in place of the value by a door that parsed the JSON itself (the `$validate`
 * body, whose resource may sit inside `Parameters`). The walk then reads its names as it reads
 * parsed text's: own names without a test per name (unless `Object.prototype` holds enumerable
 * ones), `_name` companions only in objects that have a name starting with `_`.
 */
export class ParsedJsonValue {
  constructor(readonly value: unknown) {}
}

/** Containers the value walk follows before handing over to the iterative counts. */
const walkCap = 1_000;

/**
 * Parses JSON text; never throws. A leading UTF-8 BOM is ignored. Property names repeated within an
 * object (which `JSON.parse` silently resolves to the last) are returned as `duplicates`: the names
 * in the text are counted against the properties of the value (see json-shape.ts), and only when
 * they differ the scanner says where. With `maxDepth`, a text nesting deeper than that (as
 * `findTooDeep` reads it, malformed or not) gives `tooDeep` instead; the depth is read from the
 * parsed value, and the text is read for it only when the limit is passed or names repeat.
 */
export function parseJson(text: string): ParsedJson;
export function parseJson(text: string, maxDepth: number): ParsedJson | TooDeepJson;
export function parseJson(text: string, maxDepth?: number): ParsedJson | TooDeepJson {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const limit = maxDepth ?? Infinity;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    const deep = limit < Infinity ? findTooDeep(text, limit) : undefined;
    if (deep) return { ok: false, tooDeep: deep };
    return { ok: false, error: syntaxError(src) };
  }
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  if (limit === Infinity) return withDuplicates(value, duplicatesIn(src, value));
  const cap = Math.min(limit, walkCap);
  const tally = tallyValue(value, cap);
  if (tally.deep && cap === limit) {
    // the value nests deeper than the limit, so the text does: it says where
    const deep = findTooDeep(text, limit);
    if (deep) return { ok: false, tooDeep: deep };
  }
  const faithful = faithfulTally(src, value, tally);
  // a repeated name may have dropped deeper nesting than the value shows; past the cap the
  // value's depth is not known
  if (!faithful || tally.deep) {
    const deep = findTooDeep(text, limit);
    if (deep) return { ok: false, tooDeep: deep };
  }
  return faithful ? { ok: true, value } : withDuplicates(value, scannedDuplicates(src));
}

/**
 * JSON text parsed by {@link parseJsonUnchecked}, whose repeated names are not looked for yet: a
 * caller that walks the whole value anyway counts its properties on the way and passes the count
 * to {@link duplicatesOf}, which then spares a walk of its own.
 */
export interface UncheckedJson {
  readonly ok: true;
  readonly value: object;
  /** The text without its BOM. */
  readonly src: string;
}

/**
 * {@link parseJson} without a depth limit, leaving the duplicate check to {@link duplicatesOf} when
 * the value is an object or an array (a primitive holds no names: its outcome is final).
 */
export function parseJsonUnchecked(text: string): ParsedJson | UncheckedJson {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return { ok: false, error: syntaxError(src) };
  }
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  return { ok: true, value, src };
}

/**
 * The repeated names of an {@link UncheckedJson} (undefined: none), as {@link parseJson} finds them.
 * `counted`: a count of the value's properties that counts no property twice (objects left out are
 * fine): when it equals the text's colon count, no name repeats and the value is not walked again.
 */
export function duplicatesOf(
  parsed: UncheckedJson,
  counted?: number,
): readonly DuplicateProperty[] | undefined {
  // the colon count is at least the names in the text, which are at least the properties, which
  // are at least `counted`: equal ends, so no name repeats
  if (counted !== undefined && counted > 0 && namesBeforeColons(parsed.src) === counted)
    return undefined;
  const found = duplicatesIn(parsed.src, parsed.value);
  return found.length > 0 ? found : undefined;
}

/** The repeated names of a parsed object or array (none: an empty list), by counts first. */
function duplicatesIn(src: string, value: object): DuplicateProperty[] {
  return faithfulTally(src, value, tallyValue(value, walkCap)) ? [] : scannedDuplicates(src);
}

/** Whether the text names no property twice, by the value's tally (exact counts when deep). */
function faithfulTally(src: string, value: object, tally: ValueTally): boolean {
  if (tally.deep) return countNamesInText(src) === countProperties(value);
  // the colon count vouches when equal; else the exact count decides
  return namesBeforeColons(src) === tally.properties || countNamesInText(src) === tally.properties;
}

/** The repeated names the scanner finds (text known to parse). */
function scannedDuplicates(src: string): DuplicateProperty[] {
  return (scanJson(src).duplicates ?? []).map((d) => ({
    pointer: `${d.pointer}/${escapePointer(d.name)}`,
    name: d.name,
    position: d.position,
  }));
}

function withDuplicates(value: unknown, duplicates: readonly DuplicateProperty[]): ParsedJson {
  return duplicates.length ? { ok: true, value, duplicates } : { ok: true, value };
}

/** The syntax error of text `JSON.parse` refused, as the scanner says it. */
function syntaxError(src: string): JsonSyntaxError {
  return scanJson(src).error ?? { detail: 'Invalid JSON', offset: 0, line: 1, column: 1 };
}

/**
 * `input.duplicate-property` issues for repeated names, located at the repeated name. `prefix`
 * starts the expression (a resource type, `Row[3]`); `pointerPrefix` goes before each pointer.
 */
export function duplicatePropertyIssues(
  duplicates: readonly DuplicateProperty[],
  prefix: string,
  pointerPrefix = '',
  line?: number,
): IssueInput[] {
  return duplicates.map((d) => ({
    code: 'input.duplicate-property',
    pointer: `${pointerPrefix}${d.pointer}`,
    expression: `${prefix}${pointerExpression(d.pointer)}`,
    params: { name: d.name },
    position: line === undefined ? d.position : { line, column: d.position.column },
  }));
}

/** `/entry/0/resource/id` → `.entry[0].resource.id`. */
function pointerExpression(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const t = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^(0|[1-9]\d*)$/.test(t)
      ? `[${t}]`
      : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(t)
        ? `.${t}`
        : `[${JSON.stringify(t)}]`;
  }
  return out;
}
