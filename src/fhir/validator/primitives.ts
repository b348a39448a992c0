/**
 * Checks of FHIR R4 primitive values (https://hl7.org/fhir/R4/datatypes.html#primitive).
 * The spec's regular expressions, rewritten where needed to be linear (the spec's base64Binary
 * pattern backtracks on adversarial input), plus what a regex cannot say: real calendar dates,
 * a timezone whenever a time is given, 32-bit integer ranges.
 * @module
 */
import type { IssueParams } from '../../issues/issue.js';

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
const reCode = /^[^\s]+( [^\s]+)*$/;
const reId = /^[A-Za-z0-9\-.]{1,64}$/;
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
  if (value.startsWith('urn:uuid:') && !reUuid.test(withoutFragment(value))) return invalid(type);
  // one pass for the usual case (no whitespace, no control character), the two checks otherwise
  if (value.length <= maxStringLength && reUriChars.test(value)) return undefined;
  return reNoWhitespace.test(value) ? checkString(type, value) : invalid(type);
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

/** A uri without its `#fragment`. */
function withoutFragment(value: string): string {
  const hash = value.indexOf('#');
  return hash < 0 ? value : value.slice(0, hash);
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
  const re = type === 'date' ? reDate : type === 'dateTime' ? reDateTime : reInstant;
  if (!re.test(value)) {
    if (type !== 'date' && reDateTimeNoTz.test(value))
      return { code: 'primitive.timezone-required', params: { type } };
    return invalid(type);
  }
  if (!isRealDate(value)) return { code: 'primitive.invalid-date', params: { type } };
  return undefined;
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
    typeof value === 'number'
      ? checkNumber(type, value)
      : typeof value === 'boolean'
        ? undefined
        : strings(value);
}

/** The check of a string value of `type`, made once (the cases of {@link checkStringValue}). */
function stringCheckerOf(type: string): (value: string) => PrimitiveFinding | undefined {
  switch (type) {
    case 'code':
      return (value) => (reCode.test(value) ? undefined : invalid(type));
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
      return (value) => (reId.test(value) ? undefined : invalid(type));
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
      return reCode.test(value) ? undefined : invalid(type);
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
      return reId.test(value) ? undefined : invalid(type);
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
