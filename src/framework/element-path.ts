/**
 * Element paths: the FHIRPath `expression` of an issue with indexes, filters, comments and literal
 * values removed, and re-rooted on the record the issue belongs to, so that
 * `Bundle.entry[2].resource/*Patient/1*\/.identifier[0].value` inside a Patient record becomes
 * `Patient.identifier.value`. Reports aggregate on these paths and requirement traces match them.
 * They never carry payload values.
 * @module
 */
import type { RecordRef } from '../validation-result.js';

/** Removes `/* … *\/` comments, `[n]` indexes, `.where(…)` filters and call arguments (keeps `ofType(T)`). */
export function stripExpression(expression: string): string {
  let out = '';
  let i = 0;
  const s = expression;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
    } else if (c === '[') {
      i = skipGroup(s, i, '[', ']');
    } else if (c === '(') {
      const end = skipGroup(s, i, '(', ')');
      const name = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(out)?.[1];
      if (name === 'ofType') out += s.slice(i, end).replace(/[^A-Za-z0-9_.()]/g, '');
      else if (name === 'where' || name === 'resolve' || name === 'select')
        out = out.slice(0, out.length - name.length).replace(/\.$/, '');
      i = end;
    } else if (c === "'" || c === '"') {
      i = skipQuoted(s, i);
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
}

function skipQuoted(s: string, start: number): number {
  const q = s[start];
  let i = start + 1;
  while (i < s.length && s[i] !== q) i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipGroup(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(s, i);
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
    i++;
  }
  return s.length;
}

/** Splits a stripped path on dots that are not inside `ofType(…)`. */
function segments(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/** True when `s` holds `token` as a whole piece between `sep`s at `start` (up to `end`). */
function pieceIs(s: string, start: number, end: number, token: string): boolean {
  return end - start === token.length && s.startsWith(token, start);
}

/** How many resource boundaries (`resource`, `contained`) a record pointer crosses. */
function boundaries(pointer: string): number {
  let n = 0;
  for (let start = 0; start <= pointer.length;) {
    let end = pointer.indexOf('/', start);
    if (end < 0) end = pointer.length;
    if (pieceIs(pointer, start, end, 'resource') || pieceIs(pointer, start, end, 'contained')) n++;
    start = end + 1;
  }
  return n;
}

/**
 * The element path of an issue: stripped expression, re-rooted on the owning record when the record
 * is nested (a Bundle entry or a contained resource). Feed rows keep their own root (`Row.NHS_Number`).
 */
export function elementPath(expression: string, record?: RecordRef): string {
  const stripped = stripExpression(expression);
  if (!record || record.pointer === '') return stripped;
  const k = boundaries(record.pointer);
  if (k === 0) return stripped;
  // the segments after the k-th boundary segment, read in place (no arrays)
  let seen = 0;
  for (let start = 0; start < stripped.length;) {
    let end = stripped.indexOf('.', start);
    if (end < 0) end = stripped.length;
    if (
      (pieceIs(stripped, start, end, 'resource') || pieceIs(stripped, start, end, 'contained')) &&
      ++seen === k
    ) {
      let rest = end + 1;
      // a leading `ofType(…)` segment names the record's own type
      if (stripped.startsWith('ofType(', rest)) {
        const next = stripped.indexOf('.', rest);
        rest = next < 0 ? stripped.length : next + 1;
      }
      return rest >= stripped.length ? record.type : `${record.type}.${stripped.slice(rest)}`;
    }
    start = end + 1;
  }
  return stripped;
}

function boundaryOk(path: string, prefix: string): boolean {
  if (path === prefix) return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length]!;
  // `.` child, `(` function, or an upper-case letter for a choice type (`value` → `valueQuantity`).
  return next === '.' || next === '(' || (next >= 'A' && next <= 'Z');
}

/**
 * True when an element path lies on or under `prefix`. The path's root (resource type or `Row`) may
 * be left out of the prefix: `NHS_Number` matches `Row.NHS_Number`, `meta.source` matches
 * `Condition.meta.source`.
 */
export function pathMatches(path: string, prefix: string): boolean {
  if (boundaryOk(path, prefix)) return true;
  const dot = path.indexOf('.');
  return dot > 0 && boundaryOk(path.slice(dot + 1), prefix);
}

/**
 * The element an issue is about. Most issues sit on their element; a cardinality issue sits on the
 * parent (as the HL7 validator reports it: `Patient` for a missing `Patient.name`) and names the
 * element in `params.path` (an ElementDefinition path or slice id). For those, the path of the
 * missing or excess element is used (`Patient.name`, `Patient.identifier` for
 * `Patient.identifier:nhsNumber`), so requirement traces and report gaps point at the element itself.
 */
export function issueElementPath(
  issue: {
    readonly code: string;
    readonly expression: string;
    readonly params?: Readonly<Record<string, unknown>>;
  },
  record?: RecordRef,
): string {
  const at = elementPath(issue.expression, record);
  const named = issue.params?.['path'];
  if (!issue.code.startsWith('cardinality.') || typeof named !== 'string' || named === '')
    return at;
  const element = named
    .split('.')
    .map((seg) => seg.replace(/:.*$/, '').replace(/\[x\]$/, ''))
    .join('.');
  const root = (at.split('.')[0] ?? '').replace(/\(.*$/, '');
  if (element.split('.')[0] === root) return element;
  const last = element.slice(element.lastIndexOf('.') + 1);
  return at ? `${at}.${last}` : last;
}

/** The path segment stored in place of a property name chosen by the payload. */
export const unknownSegment = '[unknown]';

/**
 * Codes whose last path segment is a property name the payload chose (an unknown or repeated
 * property): the name belongs in the response, never in what is stored or reported over time.
 * (`structure.unknown-property` sits on the parent element and names the property in its params.)
 */
const payloadNamedCodes: ReadonlySet<string> = new Set([
  'jsonschema.additional-properties',
  'jsonschema.unevaluated-properties',
  'input.duplicate-property',
]);

/** A path of element or field names only (each a {@link modelSegment}). */
const plainPath = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A segment of a model path: an element or field name, `ofType(T)`, or a known function. */
const modelSegment = /^[A-Za-z_][A-Za-z0-9_]*(?:\([A-Za-z0-9_.]*\))?$/;

/**
 * The element path as it may be stored and shown in reports: names come from the FHIR model and the
 * feed definitions only. The name an unknown or repeated property issue is about becomes
 * `[unknown]`, as does any segment that is not a model name (and what follows it).
 * @example storedElementPath('jsonschema.additional-properties', 'Row.JohnSmith_9434765918') // 'Row.[unknown]'
 */
export function storedElementPath(code: string, path: string): string {
  // the usual case: plain model names only, nothing to replace
  if (!payloadNamedCodes.has(code) && plainPath.test(path)) return path;
  const segs = segments(path);
  if (payloadNamedCodes.has(code) && segs.length > 1) segs[segs.length - 1] = unknownSegment;
  const bad = segs.findIndex((seg) => seg !== unknownSegment && !modelSegment.test(seg));
  if (bad >= 0) segs.splice(bad, segs.length - bad, unknownSegment);
  return segs.join('.');
}
