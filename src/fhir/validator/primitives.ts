/**
 * Checks of FHIR R4 primitive values (https://hl7.org/fhir/R4/datatypes.html#primitive).
 * The spec's regular expressions, rewritten where needed to be linear (the spec's base64Binary
 * pattern backtracks on adversarial input), plus what a regex cannot say: real calendar dates,
 * a timezone whenever a time is given, 32-bit integer ranges.
 * @module
 */
import type { IssueParams } from '../../issues/issue.js';
import { detached, systemSlot } from '../terminology/system-slot.js';
import { isWhitespace } from './whitespace.js';

/** A primitive check finding, turned into an issue by the walker. */
export interface PrimitiveFinding {
  readonly code: string;
  readonly params: IssueParams;
}

export { jsonTypeOf } from '../definitions/primitive-types.js';

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const TZ = '(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const reDate = new RegExp(`^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`);
const reDateTime = new RegExp(
  `^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T${TIME}${TZ})?)?)?$`,
);
const reDateTimeNoTz = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T${TIME}$`);
const reInstant = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T${TIME}${TZ}$`);
const reTime = new RegExp(`^${TIME}$`);
const reOid = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const reUuid = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const reNoWhitespace = /^\S*$/;
// eslint-disable-next-line no-control-regex
const reIllegalChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex
const reUriChars = /^[^\s\u0000-\u001F]*$/;
const reBase64Chars = /^[A-Za-z0-9+/]*={0,2}$/;

const maxStringLength = 1024 * 1024;

/**
 * A canonical reference is an absolute URI (it has a scheme) or a `#fragment` to a contained
 * resource: a canonical URL identifies a resource independently of any server base.
 */
const reAbsoluteOrFragment = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|#)/;

/** uri, url and canonical values. */
function checkUri(type: string, value: string): PrimitiveFinding | undefined {
  // a urn:uuid: must carry a valid, lower-case UUID (RFC 4122 as FHIR states it); a #fragment may follow
  if (value.startsWith('urn:uuid:')) {
    if (!isUuidAfterUrn(value)) return invalid(type);
    if (value.length === 45) return undefined; // the UUID alone: no other character to check
  }
  // one pass for the usual case (no whitespace, no control character), the two checks otherwise
  if (value.length <= maxStringLength && reUriChars.test(value)) return undefined;
  return reNoWhitespace.test(value) ? checkString(type, value) : invalid(type);
}

/**
 * `reUuid` on the value up to its first `#` (the value starts with `urn:uuid:`): 36 lower-case hex
 * digits and hyphens in the 8-4-4-4-12 layout, then the end or a `#`.
 */
function isUuidAfterUrn(value: string): boolean {
  const n = value.length;
  if (n < 45 || (n > 45 && value.charCodeAt(45) !== 35)) /* # */ return false;
  for (let i = 9; i < 45; i++) {
    const c = value.charCodeAt(i);
    if (i === 17 || i === 22 || i === 27 || i === 32) {
      if (c !== 45 /* - */) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** `reCode` (`^[^\s]+( [^\s]+)*$`) without the regex: no whitespace but single inner spaces. */
function isCode(value: string): boolean {
  let afterSpace = true; // at the start, as after a space: a space here fails
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (isWhitespace(c)) return false;
    else afterSpace = false;
  }
  return !afterSpace;
}

/** `reId` (`^[A-Za-z0-9\-.]{1,64}$`) without the regex. */
function isId(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > 64) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!(
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 45 /* - */ ||
      c === 46 /* . */
    ))
      return false;
  }
  return true;
}

/** Scheme://[userinfo@]host of an absolute URL: the host is group 1. */
const reUrlHost = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/;
/** The example domains of RFC 2606 (and acme.com, which the HL7 validator also treats as one), with their subdomains. */
const reExampleHost = /(?:^|\.)(?:example\.(?:org|com|net)|acme\.com)$/i;

/**
 * Some example domain anywhere in the text: a host {@link reExampleHost} accepts ends with one, so a
 * value without any cannot name one (one test, no match array, for the usual URL).
 */
const reAnyExampleDomain = /example\.(?:org|com|net)|acme\.com/i;

/** True when a uri/url names a host on an example domain (`http://repository.example.org/…`). */
export function isExampleUrl(value: string): boolean {
  if (!reAnyExampleDomain.test(value)) return false;
  const m = reUrlHost.exec(value);
  return m !== null && reExampleHost.test(m[1]!);
}

function invalid(type: string): PrimitiveFinding {
  return { code: 'primitive.invalid-format', params: { type } };
}

/** Days in a month of a (proleptic Gregorian) year. */
function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;
}

/** The decimal digit at `i` (the value's format is already checked). */
function digit(value: string, i: number): number {
  return value.charCodeAt(i) - 48;
}

/** True when the YYYY-MM-DD part (if any) names a real day (the format is already checked). */
function isRealDate(value: string): boolean {
  if (value.length < 10) return true;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const m = digit(value, 5) * 10 + digit(value, 6);
  const d = digit(value, 8) * 10 + digit(value, 9);
  return d <= daysInMonth(y, m);
}

function checkDateLike(
  type: 'date' | 'dateTime' | 'instant',
  value: string,
): PrimitiveFinding | undefined {
  // the usual value passes the hand-written scan; anything else is decided (and explained) below
  if (isValidDateLike(type, value)) return undefined;
  const re = type === 'date' ? reDate : type === 'dateTime' ? reDateTime : reInstant;
  if (!re.test(value)) {
    if (type !== 'date' && reDateTimeNoTz.test(value))
      return { code: 'primitive.timezone-required', params: { type } };
    return invalid(type);
  }
  if (!isRealDate(value)) return { code: 'primitive.invalid-date', params: { type } };
  return undefined;
}

/** Whether the character at `i` is a decimal digit. */
function isDigitAt(value: string, i: number): boolean {
  const c = value.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * A fast path of {@link checkDateLike}: true only for a value its type's pattern accepts that names a
 * real day (false means "not shown valid here", and the patterns decide). The pattern's parts: a
 * year of four digits but `0000`; `-MM` 01–12; `-DD` 01–31; `Thh:mm:ss` (hours 00–23, minutes
 * 00–59, seconds 00–60) with an optional `.fraction`; a zone `Z` or `±hh:mm` (00:00–13:59, 14:00).
 * A date has no time; an instant has every part; a dateTime stops after any of the date's parts or
 * has them all.
 */
function isValidDateLike(type: 'date' | 'dateTime' | 'instant', v: string): boolean {
  const n = v.length;
  if (n < 4) return false;
  if (!isDigitAt(v, 0) || !isDigitAt(v, 1) || !isDigitAt(v, 2) || !isDigitAt(v, 3)) return false;
  const year = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  if (year === 0) return false;
  if (n === 4) return type !== 'instant';
  if (n < 7 || v.charCodeAt(4) !== 45 /* - */ || !isDigitAt(v, 5) || !isDigitAt(v, 6)) return false;
  const month = digit(v, 5) * 10 + digit(v, 6);
  if (month < 1 || month > 12) return false;
  if (n === 7) return type !== 'instant';
  if (n < 10 || v.charCodeAt(7) !== 45 /* - */ || !isDigitAt(v, 8) || !isDigitAt(v, 9))
    return false;
  const day = digit(v, 8) * 10 + digit(v, 9);
  if (day < 1 || day > daysInMonth(year, month)) return false;
  if (n === 10) return type !== 'instant';
  if (type === 'date' || n < 20 || v.charCodeAt(10) !== 84 /* T */) return false;
  if (!isDigitAt(v, 11) || !isDigitAt(v, 12) || digit(v, 11) * 10 + digit(v, 12) > 23) return false;
  if (v.charCodeAt(13) !== 58 /* : */ || !isDigitAt(v, 14) || !isDigitAt(v, 15)) return false;
  if (digit(v, 14) > 5) return false;
  if (v.charCodeAt(16) !== 58 /* : */ || !isDigitAt(v, 17) || !isDigitAt(v, 18)) return false;
  const seconds = digit(v, 17) * 10 + digit(v, 18);
  if (seconds > 60) return false;
  let i = 19;
  if (v.charCodeAt(i) === 46 /* . */) {
    i++;
    if (i >= n || !isDigitAt(v, i)) return false;
    while (i < n && isDigitAt(v, i)) i++;
  }
  const z = v.charCodeAt(i);
  if (z === 90 /* Z */) return i + 1 === n;
  if (z !== 43 /* + */ && z !== 45 /* - */) return false;
  if (i + 6 !== n || v.charCodeAt(i + 3) !== 58 /* : */) return false;
  if (!isDigitAt(v, i + 1) || !isDigitAt(v, i + 2) || !isDigitAt(v, i + 4) || !isDigitAt(v, i + 5))
    return false;
  const hours = digit(v, i + 1) * 10 + digit(v, i + 2);
  if (hours === 14) return digit(v, i + 4) === 0 && digit(v, i + 5) === 0;
  return hours <= 13 && digit(v, i + 4) <= 5;
}

function checkString(type: string, value: string): PrimitiveFinding | undefined {
  if (value.length > maxStringLength)
    return {
      code: 'primitive.too-long',
      params: { length: value.length, maxLength: maxStringLength },
    };
  if (reIllegalChars.test(value)) return invalid(type);
  return undefined;
}

/** base64Binary: whitespace allowed, then groups of four from the base64 alphabet, padding only at the end. */
function checkBase64(value: string): PrimitiveFinding | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !reBase64Chars.test(compact))
    return { code: 'primitive.invalid-base64', params: {} };
  return undefined;
}

function checkNumber(type: string, value: number): PrimitiveFinding | undefined {
  if (!Number.isFinite(value)) return invalid(type);
  if (type === 'decimal') return undefined;
  if (!Number.isInteger(value)) return invalid(type);
  const [min, range] =
    type === 'positiveInt'
      ? [1, '1..2147483647']
      : type === 'unsignedInt'
        ? [0, '0..2147483647']
        : [-2147483648, '-2147483648..2147483647'];
  if (value < min || value > 2147483647)
    return { code: 'primitive.out-of-range', params: { type, range } };
  return undefined;
}

/** A check of one primitive value whose JSON type is already right (see {@link checkPrimitive}). */
export type PrimitiveChecker = (value: string | number | boolean) => PrimitiveFinding | undefined;

/**
 * Checks one primitive value whose JSON type is already right. Empty strings are reported by the
 * walker (`structure.empty-string`) before this is called.
 */
export function checkPrimitive(
  type: string,
  value: string | number | boolean,
): PrimitiveFinding | undefined {
  if (typeof value === 'number') return checkNumber(type, value);
  if (typeof value === 'boolean') return undefined;
  return checkStringValue(type, value);
}

/**
 * {@link checkPrimitive} for one type, chosen once (a walker keeps it per element): the same
 * answers without choosing the type's check on every value.
 */
export function primitiveCheckerOf(type: string): PrimitiveChecker {
  const strings = stringCheckerOf(type);
  return (value) =>
    typeof value === 'string'
      ? strings(value)
      : typeof value === 'number'
        ? checkNumber(type, value)
        : undefined;
}

/**
 * {@link primitiveCheckerOf} for the values of one element (a walker keeps it per child entry), with
 * the values that passed remembered in slots where the same few values recur in every resource, so
 * a value met again passes by one string comparison instead of its scan or regular expression:
 * - a `code` (statuses, units, Coding.code …): 64 slots by {@link codeSlot}; codes are what the
 *   binding memos keep per element too;
 * - a `uri` named `system` (Coding.system, Quantity.system, Identifier.system, a ValueSet's
 *   include.system …), the URL of a code system or namespace: 64 slots by `systemSlot` (see
 *   system-slot.ts; the Coding checks remember systems per validator too).
 * Neither is patient data; a value that fails is never remembered, and one that passes is kept as a
 * copy of its own (see `detached`: never a slice of the payload's text).
 */
export function primitiveCheckerFor(type: string, name: string): PrimitiveChecker {
  const check = primitiveCheckerOf(type);
  // two closures, each calling its slot function directly: one shared closure taking the slot
  // function as a parameter measured +0.6 % instructions per warm pass (a polymorphic call per value)
  if (type === 'code') {
    const passed: (string | undefined)[] = [];
    return (value) => {
      if (typeof value !== 'string') return check(value);
      const slot = codeSlot(value);
      if (passed[slot] === value) return undefined;
      const finding = check(value);
      if (finding === undefined) passed[slot] = detached(value);
      return finding;
    };
  }
  if (type !== 'uri' || name !== 'system') return check;
  const passed: (string | undefined)[] = [];
  return (value) => {
    if (typeof value !== 'string') return check(value);
    const slot = systemSlot(value);
    if (passed[slot] === value) return undefined;
    const finding = check(value);
    if (finding === undefined) passed[slot] = detached(value);
    return finding;
  };
}

/**
 * The slot of a code among 64, by its length, last and middle characters (codes of one length that
 * end alike, such as SNOMED CT's check digits, mostly differ in the middle).
 */
export function codeSlot(code: string): number {
  const n = code.length;
  return ((n * 7 + code.charCodeAt(n - 1)) * 31 + code.charCodeAt(n >> 1)) & 63;
}

/** The check of a string value of `type`, made once (the cases of {@link checkStringValue}). */
function stringCheckerOf(type: string): (value: string) => PrimitiveFinding | undefined {
  switch (type) {
    case 'code':
      return (value) => (isCode(value) ? undefined : invalid(type));
    case 'uri':
    case 'url':
      return (value) => checkUri(type, value);
    case 'date':
    case 'dateTime':
    case 'instant':
      return (value) => checkDateLike(type, value);
    case 'time':
      return (value) => (reTime.test(value) ? undefined : invalid(type));
    case 'id':
      return (value) => (isId(value) ? undefined : invalid(type));
    case 'oid':
      return (value) => (reOid.test(value) ? undefined : invalid(type));
    case 'uuid':
      return (value) => (reUuid.test(value) ? undefined : invalid(type));
    case 'canonical':
      return (value) =>
        reAbsoluteOrFragment.test(value)
          ? checkUri(type, value)
          : { code: 'primitive.canonical-not-absolute', params: {} };
    case 'base64Binary':
      return checkBase64;
    case 'xhtml':
      return () => undefined;
    default:
      return (value) => checkString(type, value);
  }
}

/** A string value of `type` (the usual types first: a switch tries its cases in order). */
function checkStringValue(type: string, value: string): PrimitiveFinding | undefined {
  switch (type) {
    case 'string':
      return checkString(type, value);
    case 'code':
      return isCode(value) ? undefined : invalid(type);
    case 'uri':
    case 'url':
      return checkUri(type, value);
    case 'date':
    case 'dateTime':
    case 'instant':
      return checkDateLike(type, value);
    case 'time':
      return reTime.test(value) ? undefined : invalid(type);
    case 'id':
      return isId(value) ? undefined : invalid(type);
    case 'oid':
      return reOid.test(value) ? undefined : invalid(type);
    case 'uuid':
      return reUuid.test(value) ? undefined : invalid(type);
    case 'canonical':
      return reAbsoluteOrFragment.test(value)
        ? checkUri(type, value)
        : { code: 'primitive.canonical-not-absolute', params: {} };
    case 'base64Binary':
      return checkBase64(value);
    case 'xhtml':
      return undefined;
    default:
      return checkString(type, value);
  }
}

/** The set of FHIR primitive type names in R4. */
export { primitiveTypes } from '../definitions/primitive-types.js';
