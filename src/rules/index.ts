/**
 * The England rule registry: named identifier and code rules that the FHIR engine attaches to
 * profile elements and the feed validators attach to fields. Each rule maps a string value to
 * registry findings (`england.*` codes with params that describe the problem, never the value);
 * the caller adds the location (expression, pointer) and requirement ids when it reports them.
 * @module
 */
import { ConfigError } from '../errors.js';
import type { IssueParams } from '../issues/issue.js';
import { checkCqcId } from './cqc-id.js';
import { checkLocalAuthorityCode } from './local-authority.js';
import { checkNhsNumber } from './nhs-number.js';
import { checkOdsCode, odsKindExpectation } from './ods-code.js';
import type { OdsKind } from './ods-code.js';
import { checkPostcode } from './postcode.js';
import { checkSctid } from './sctid.js';

/** The ids of the England rules, as profiles and feed schemas name them. */
export type EnglandRuleId =
  | 'nhs-number'
  | 'ods-code'
  | 'ods-gp-practice'
  | 'cqc-location-id'
  | 'sctid'
  | 'uk-postcode'
  | 'la-gss-upper-tier';

/** One finding of a rule: a registry code and its params (no payload values). */
export interface RuleFinding {
  readonly code: string;
  readonly params: IssueParams;
}

/** Options of {@link applyEnglandRule}. */
export interface RuleOptions {
  /** Accept NHS numbers in the 999 test range (the framework's "test data" setting). Default false. */
  readonly allowTestNumbers?: boolean;
}

/** Every rule id, in a stable order. */
export const englandRuleIds: readonly EnglandRuleId[] = Object.freeze([
  'nhs-number',
  'ods-code',
  'ods-gp-practice',
  'cqc-location-id',
  'sctid',
  'uk-postcode',
  'la-gss-upper-tier',
]);

/** The codes each rule can report, for documentation and for mapping codes to requirements. */
export const englandRuleCodes: Readonly<Record<EnglandRuleId, readonly string[]>> = Object.freeze({
  'nhs-number': Object.freeze([
    'england.nhs-number-format',
    'england.nhs-number-same-digits',
    'england.nhs-number-check-digit',
    'england.nhs-number-test-range',
  ]),
  'ods-code': Object.freeze(['england.ods-code-format', 'england.ods-code-pseudo']),
  'ods-gp-practice': Object.freeze([
    'england.ods-code-format',
    'england.ods-code-unexpected-kind',
    'england.ods-code-pseudo',
  ]),
  'cqc-location-id': Object.freeze(['england.cqc-id-format']),
  sctid: Object.freeze([
    'england.sctid-format',
    'england.sctid-check-digit',
    'england.sctid-partition',
    'england.sctid-not-concept',
  ]),
  'uk-postcode': Object.freeze(['england.postcode-format', 'england.postcode-pseudo']),
  'la-gss-upper-tier': Object.freeze(['england.la-code-format', 'england.la-code-not-upper-tier']),
});

/**
 * True when `id` names an England rule.
 * @example isEnglandRuleId('nhs-number') // true
 */
export function isEnglandRuleId(id: string): id is EnglandRuleId {
  return (englandRuleIds as readonly string[]).includes(id);
}

/**
 * Applies one England rule to a value; `[]` when the value is fine. NHS numbers must be exactly 10
 * digits here (as in FHIR and the CLD return); a number in the 999 test range gives
 * `england.nhs-number-test-range` unless `allowTestNumbers`, in addition to any other finding.
 * @throws ConfigError `unknown-england-rule` when `id` is not a rule id (a profile or schema
 *   naming a rule that does not exist is broken setup; check with {@link isEnglandRuleId}).
 * @example applyEnglandRule('nhs-number', '9434765919') // []
 * @example applyEnglandRule('la-gss-upper-tier', 'E07000026') // [{ code: 'england.la-code-not-upper-tier', params: { prefix: 'E07' } }]
 */
export function applyEnglandRule(
  id: EnglandRuleId,
  value: string,
  options: RuleOptions = {},
): RuleFinding[] {
  switch (id) {
    case 'nhs-number':
      return nhsNumberFindings(value, options);
    case 'ods-code':
      return odsFindings(value, 'any');
    case 'ods-gp-practice':
      return odsFindings(value, 'gp-practice');
    case 'cqc-location-id':
      return checkCqcId(value).ok ? [] : [{ code: 'england.cqc-id-format', params: {} }];
    case 'sctid':
      return sctidFindings(value);
    case 'uk-postcode':
      return postcodeFindings(value);
    case 'la-gss-upper-tier':
      return localAuthorityFindings(value);
    default:
      throw new ConfigError(
        'unknown-england-rule',
        `Unknown England rule id: ${String(id satisfies never)}`,
      );
  }
}

function nhsNumberFindings(value: string, options: RuleOptions): RuleFinding[] {
  const r = checkNhsNumber(value);
  const findings: RuleFinding[] = [];
  if (r.problem === 'format')
    findings.push({ code: 'england.nhs-number-format', params: { length: value.length } });
  else if (r.problem === 'same-digits')
    findings.push({ code: 'england.nhs-number-same-digits', params: {} });
  else if (r.problem === 'check-digit')
    findings.push({ code: 'england.nhs-number-check-digit', params: {} });
  if (r.testRange && !options.allowTestNumbers)
    findings.push({ code: 'england.nhs-number-test-range', params: {} });
  return findings;
}

function odsFindings(value: string, kind: OdsKind): RuleFinding[] {
  const r = checkOdsCode(value, kind);
  if (r.pseudo) return [{ code: 'england.ods-code-pseudo', params: { meaning: r.pseudo } }];
  if (r.problem === 'format') return [{ code: 'england.ods-code-format', params: {} }];
  if (r.problem === 'kind')
    return [
      {
        code: 'england.ods-code-unexpected-kind',
        params: { kind, expected: odsKindExpectation(kind) },
      },
    ];
  return [];
}

function sctidFindings(value: string): RuleFinding[] {
  const r = checkSctid(value);
  if (r.problem === 'format') return [{ code: 'england.sctid-format', params: {} }];
  if (r.problem === 'check-digit') return [{ code: 'england.sctid-check-digit', params: {} }];
  if (r.problem === 'partition')
    return [{ code: 'england.sctid-partition', params: { partition: r.partition ?? null } }];
  if (r.component !== undefined && r.component !== 'concept') {
    return [{ code: 'england.sctid-not-concept', params: { component: r.component } }];
  }
  return [];
}

function postcodeFindings(value: string): RuleFinding[] {
  const r = checkPostcode(value);
  if (!r.ok) return [{ code: 'england.postcode-format', params: {} }];
  return r.pseudo ? [{ code: 'england.postcode-pseudo', params: { meaning: r.pseudo } }] : [];
}

function localAuthorityFindings(value: string): RuleFinding[] {
  const r = checkLocalAuthorityCode(value, { upperTierOnly: true });
  if (r.problem === 'format') return [{ code: 'england.la-code-format', params: {} }];
  if (r.problem === 'not-upper-tier')
    return [{ code: 'england.la-code-not-upper-tier', params: { prefix: r.prefix ?? null } }];
  return [];
}
