/**
 * Codes that cannot exist in their code system, decided offline from the code system's published
 * identifier syntax (no terminology server, no licensed content):
 * - SNOMED CT (`http://snomed.info/sct`): a concept id is an SCTID (6–18 digits, Verhoeff check
 *   digit) with a concept partition (`00` short format, `10` long format with a namespace). Text with
 *   compositional-grammar characters is a post-coordinated expression and is left alone.
 * - LOINC (`http://loinc.org`): a term code is digits, a hyphen and its mod-10 check digit
 *   (`8310-5`); parts, answers, groups and answer lists carry a prefix (`LP`, `LA`, `LG`, `LL`),
 *   digits, a hyphen and one digit.
 * - BCP 47 language tags (`urn:ietf:bcp:47`): well-formed per RFC 5646 §2.1 (language, extlang,
 *   script, region, variants, extensions, private use; the grandfathered irregular tags). Whether a
 *   subtag is registered is not checked.
 * - MIME types (`urn:ietf:bcp:13`): `type/subtype` of RFC 6838 restricted names, with optional
 *   `; name=value` parameters. Whether the type is registered is not checked.
 *
 * The HL7 validator reports such codes as unknown in the code system (an error, whatever the
 * binding); MDSS reports `terminology.code-invalid-syntax`.
 * See https://confluence.ihtsdotools.org/display/DOCRELFMT/6.1+SCTID+Data+Type and
 * https://loinc.org/kb/users-guide/major-parts-of-a-loinc-term/ (check digit).
 * @module
 */
import { checkSctid } from '../../rules/sctid.js';

/** Why a code cannot be a code of its system. */
export type CodeSyntaxRule =
  | 'sctid-format'
  | 'sctid-check-digit'
  | 'sctid-partition'
  | 'sctid-not-concept'
  | 'loinc-format'
  | 'loinc-check-digit'
  | 'bcp47-format'
  | 'mime-format';

const snomed = 'http://snomed.info/sct';
const loinc = 'http://loinc.org';
const bcp47 = 'urn:ietf:bcp:47';
const bcp13 = 'urn:ietf:bcp:13';

/** Characters of SNOMED CT compositional grammar: the code is an expression, not a concept id. */
const expressionSyntax = /[\s:=|{}()+,<>^]/;
const loincTerm = /^(\d{1,7})-(\d)$/;
const loincPrefixed = /^L[APGL]\d{1,8}-\d$/;
/** RFC 5646 `Language-Tag`: langtag, privateuse, or an irregular grandfathered tag (case-insensitive). */
const languageTag = new RegExp(
  '^(?:' +
    [
      // langtag: language (with up to three extlangs), script, region, variants, extensions, private use
      '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\\d{3}))?' +
        '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*(?:-[\\da-wyz](?:-[a-z\\d]{2,8})+)*(?:-x(?:-[a-z\\d]{1,8})+)?',
      'x(?:-[a-z\\d]{1,8})+',
      'en-gb-oed',
      'i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)',
      'sgn-(?:be-fr|be-nl|ch-de)',
    ].join('|') +
    ')$',
  'i',
);
const restrictedName = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
const mimeType = new RegExp(
  `^${restrictedName}/${restrictedName}(?:\\s*;\\s*[^\\s;=]+=(?:"[^"]*"|[^\\s;"]+))*$`,
);

/**
 * The syntax rule `code` breaks in `system`, or undefined when the code is possible (or the system
 * has no syntax MDSS knows).
 * @example codeSyntaxProblem('http://snomed.info/sct', '22298006') // undefined
 * @example codeSyntaxProblem('http://loinc.org', '8310-4') // 'loinc-check-digit'
 */
export function codeSyntaxProblem(system: string, code: string): CodeSyntaxRule | undefined {
  if (system === snomed) return snomedProblem(code);
  if (system === loinc) return loincProblem(code);
  if (system === bcp47) return languageTag.test(code) ? undefined : 'bcp47-format';
  if (system === bcp13) return mimeType.test(code) ? undefined : 'mime-format';
  return undefined;
}

function snomedProblem(code: string): CodeSyntaxRule | undefined {
  if (expressionSyntax.test(code)) return undefined;
  const r = checkSctid(code);
  if (r.problem === 'format') return 'sctid-format';
  if (r.problem === 'check-digit') return 'sctid-check-digit';
  if (r.problem === 'partition') return 'sctid-partition';
  return r.component === 'concept' ? undefined : 'sctid-not-concept';
}

function loincProblem(code: string): CodeSyntaxRule | undefined {
  if (loincPrefixed.test(code)) return undefined;
  const m = loincTerm.exec(code);
  if (!m) return 'loinc-format';
  return loincCheckDigit(m[1]!) === Number(m[2]) ? undefined : 'loinc-check-digit';
}

/** LOINC's mod-10 check digit of the digits before the hyphen (the Luhn algorithm). */
export function loincCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
