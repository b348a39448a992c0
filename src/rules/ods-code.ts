/**
 * ODS (Organisation Data Service) organisation and site codes, as carried by FHIR identifiers with
 * system `https://fhir.nhs.uk/Id/ods-organization-code` and by social-care returns.
 *
 * What is certain: ODS codes are upper-case letters and digits, 3 to 9 positions (NHS Data
 * Dictionary "coding frames": organisation-type id + organisation id + site id), and the national
 * default codes below stand in for an organisation that is unknown or not applicable.
 *
 * What is heuristic: the shape per kind of organisation. ODS publishes no grammar per frame; the
 * shapes come from the coding frames and observed codes, and real validation needs the ODS
 * reference files (TRUD) or the ODS API. A value with the general shape but not the kind's shape is
 * reported as `kind`, which callers should treat as a warning.
 * @module
 */

/** The kind of organisation a code is expected to identify. */
export type OdsKind =
  | 'any'
  | 'gp-practice'
  | 'nhs-trust'
  | 'nhs-trust-site'
  | 'commissioner'
  | 'independent-provider'
  | 'local-authority';

/** The meaning of a national default (pseudo) ODS code. */
export type OdsPseudo =
  | 'gp-practice-unknown'
  | 'gp-practice-not-applicable'
  | 'gp-not-known'
  | 'organisation-not-applicable'
  | 'organisation-not-known'
  | 'non-nhs-uk-provider'
  | 'non-uk-provider';

/** Why an ODS code is not acceptable: not an ODS code at all, or not the shape of the expected kind (heuristic). */
export type OdsCodeProblem = 'format' | 'kind';

/** The outcome of {@link checkOdsCode}. */
export interface OdsCodeCheck {
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly problem?: OdsCodeProblem;
  /** Set when the value is a national default code (then `ok` is true: they are valid data). */
  readonly pseudo?: OdsPseudo;
}

/**
 * National default codes (NHS Data Dictionary "Organisation Data Service default codes"). They are
 * recognised whatever the kind asked for: whether a default code is acceptable for a given element
 * is a framework decision, reported separately.
 */
const pseudoCodes: Readonly<Record<string, OdsPseudo>> = {
  V81999: 'gp-practice-unknown',
  V81998: 'gp-practice-not-applicable',
  G9999998: 'gp-not-known',
  X99998: 'organisation-not-applicable',
  X99999: 'organisation-not-known',
  89999: 'non-nhs-uk-provider',
  89997: 'non-uk-provider',
};

interface KindShape {
  readonly pattern: RegExp;
  /** A description of the shape, without any value, for issue params. */
  readonly expected: string;
}

/** Shapes per kind (heuristic; see the module notes and src/rules/README.md). */
const kindShapes: Readonly<Record<Exclude<OdsKind, 'any'>, KindShape>> = {
  // Prescribing cost centres: one letter (the region of first issue) and five digits, e.g. H85037.
  'gp-practice': { pattern: /^[A-Z]\d{5}$/, expected: 'a letter and 5 digits' },
  // NHS trusts and foundation trusts (R...), care trusts (T...): 3 positions, e.g. RR8, TAD.
  'nhs-trust': { pattern: /^[RT][A-Z0-9]{2}$/, expected: 'R or T and 2 letters or digits' },
  // Trust sites: the trust code and 2 positions, e.g. RR813, RR8G5.
  'nhs-trust-site': { pattern: /^[RT][A-Z0-9]{4}$/, expected: 'R or T and 4 letters or digits' },
  // Sub-ICB locations (ex-CCG, e.g. 08R), ICBs and regions (Q..., Y...): 3 positions; sub-ICB
  // locations created by mergers since 2022 have 5 (letter-digit-letter-digit-letter, e.g. X2C4Y).
  commissioner: {
    pattern: /^(?:[A-Z0-9]{3}|[A-Z]\d[A-Z]\d[A-Z])$/,
    expected: '3 letters or digits, or a 5-position sub-ICB location code',
  },
  // Independent-sector healthcare providers (N...): 3 positions, sites 5, e.g. NV7, NV701.
  'independent-provider': {
    pattern: /^N[A-Z0-9]{2}(?:[A-Z0-9]{2})?$/,
    expected: 'N and 2 or 4 letters or digits',
  },
  // Local authorities: 3 or 4 positions (the least certain shape here).
  'local-authority': { pattern: /^[A-Z0-9]{3,4}$/, expected: '3 or 4 letters or digits' },
};

const general = /^[A-Z0-9]{3,9}$/;

/**
 * The expected shape of a kind, as a description without any value (for issue params).
 * @example odsKindExpectation('gp-practice') // 'a letter and 5 digits'
 */
export function odsKindExpectation(kind: OdsKind): string {
  return kind === 'any' ? '3 to 9 upper-case letters or digits' : kindShapes[kind].expected;
}

/**
 * Checks an ODS code: national default codes first (`pseudo`), then the general shape (3–9
 * upper-case letters or digits, `format`), then the shape of the expected kind (`kind`, heuristic).
 * @example checkOdsCode('H85037', 'gp-practice') // { ok: true }
 * @example checkOdsCode('V81999', 'gp-practice') // { ok: true, pseudo: 'gp-practice-unknown' }
 * @example checkOdsCode('RR8', 'gp-practice') // { ok: false, problem: 'kind' }
 */
export function checkOdsCode(value: string, kind: OdsKind = 'any'): OdsCodeCheck {
  const pseudo = Object.prototype.hasOwnProperty.call(pseudoCodes, value)
    ? pseudoCodes[value]
    : undefined;
  if (pseudo !== undefined) return { ok: true, pseudo };
  if (!general.test(value)) return { ok: false, problem: 'format' };
  if (kind !== 'any' && !kindShapes[kind].pattern.test(value))
    return { ok: false, problem: 'kind' };
  return { ok: true };
}
