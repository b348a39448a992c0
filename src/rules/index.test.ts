import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { englandCodes } from '../issues/codes/england.js';
import { issueCodes } from '../issues/codes/index.js';
import { IssueCollector } from '../issues/collector.js';
import { applyEnglandRule, englandRuleCodes, englandRuleIds, isEnglandRuleId } from './index.js';
import type { EnglandRuleId, RuleFinding } from './index.js';

const codesOf = (findings: RuleFinding[]) => findings.map((f) => f.code);

describe('England rule registry', () => {
  it('lists every rule id and recognises only those', () => {
    expect(englandRuleIds).toEqual([
      'nhs-number',
      'ods-code',
      'ods-gp-practice',
      'cqc-location-id',
      'sctid',
      'uk-postcode',
      'la-gss-upper-tier',
    ]);
    for (const id of englandRuleIds) expect(isEnglandRuleId(id)).toBe(true);
    for (const id of ['', 'nhs', 'NHS-NUMBER', 'toString', 'constructor'])
      expect(isEnglandRuleId(id)).toBe(false);
  });

  it('throws ConfigError for an unknown rule id (broken setup, not data)', () => {
    expect(() => applyEnglandRule('nhs' as EnglandRuleId, '9434765919')).toThrow(ConfigError);
  });

  it('every code a rule can report is in the issue registry with the england family', () => {
    for (const id of englandRuleIds) {
      for (const code of englandRuleCodes[id]) {
        expect(issueCodes[code], code).toBeDefined();
        expect(code.startsWith('england.')).toBe(true);
      }
    }
  });

  it('exercises every england.* code and renders each without unfilled placeholders', () => {
    const triggers: [EnglandRuleId, string][] = [
      ['nhs-number', '94347659'],
      ['nhs-number', '9434765918'],
      ['nhs-number', '1111111111'],
      ['nhs-number', '9990000018'],
      ['ods-code', 'RR8 '],
      ['ods-gp-practice', 'RR8'],
      ['ods-gp-practice', 'V81998'],
      ['cqc-location-id', '1-123'],
      ['sctid', '12345'],
      ['sctid', '12345256'],
      ['sctid', '22298007'],
      ['sctid', '1234011'],
      ['uk-postcode', 'SW1A 1CA'],
      ['uk-postcode', 'ZZ99 1WZ'],
      ['la-gss-upper-tier', 'E05000001'],
      ['la-gss-upper-tier', 'E07000026'],
    ];
    const collector = new IssueCollector();
    triggers.forEach(([id, value], i) => {
      for (const f of applyEnglandRule(id, value))
        collector.add({ code: f.code, expression: `X.v${i}`, pointer: `/v${i}`, params: f.params });
    });
    const issues = collector.issues();
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(Object.keys(englandCodes)));
    for (const issue of issues) expect(issue.message, issue.code).not.toMatch(/\{[A-Za-z0-9_]+\}/);
    const notErrors = Object.fromEntries(
      issues.filter((i) => i.severity !== 'error').map((i) => [i.code, i.severity]),
    );
    expect(notErrors).toEqual({
      'england.ods-code-unexpected-kind': 'warning',
      'england.cqc-id-format': 'warning',
      'england.ods-code-pseudo': 'information',
      'england.postcode-pseudo': 'information',
    });
    for (const [code, def] of Object.entries(englandCodes)) {
      expect(code, code).toMatch(/^england\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(def.since).toBe('0.1.0');
      expect(def.spec, code).toMatch(/^https:\/\//);
    }
  });

  it('returns [] for good values of each rule', () => {
    const good: [EnglandRuleId, string][] = [
      ['nhs-number', '9434765919'],
      ['ods-code', 'RR8'],
      ['ods-gp-practice', 'H85037'],
      ['cqc-location-id', '1-545611283'],
      ['sctid', '22298006'],
      ['sctid', '9298001000001101'],
      ['uk-postcode', 'SW1A 1AA'],
      ['uk-postcode', 'sw1a1aa'],
      ['la-gss-upper-tier', 'E09000001'],
    ];
    for (const [id, value] of good)
      expect(applyEnglandRule(id, value), `${id} ${value}`).toEqual([]);
  });

  it('nhs-number: format, same-digits and check-digit findings; test range unless allowed', () => {
    expect(applyEnglandRule('nhs-number', '943 476 5919')).toEqual([
      { code: 'england.nhs-number-format', params: { length: 12 } },
    ]);
    expect(codesOf(applyEnglandRule('nhs-number', '9912003890'))).toEqual([
      'england.nhs-number-check-digit',
    ]);
    expect(codesOf(applyEnglandRule('nhs-number', '4444444444'))).toEqual([
      'england.nhs-number-same-digits',
    ]);
    expect(codesOf(applyEnglandRule('nhs-number', '9990000018'))).toEqual([
      'england.nhs-number-test-range',
    ]);
    expect(applyEnglandRule('nhs-number', '9990000018', { allowTestNumbers: true })).toEqual([]);
    expect(codesOf(applyEnglandRule('nhs-number', '9990000019'))).toEqual([
      'england.nhs-number-check-digit',
      'england.nhs-number-test-range',
    ]);
    expect(
      codesOf(applyEnglandRule('nhs-number', '9999999999', { allowTestNumbers: true })),
    ).toEqual(['england.nhs-number-same-digits']);
  });

  it('ods rules: format, unexpected kind (heuristic) and pseudo codes', () => {
    expect(codesOf(applyEnglandRule('ods-code', 'rr8'))).toEqual(['england.ods-code-format']);
    expect(applyEnglandRule('ods-gp-practice', 'RR8')).toEqual([
      {
        code: 'england.ods-code-unexpected-kind',
        params: { kind: 'gp-practice', expected: 'a letter and 5 digits' },
      },
    ]);
    expect(applyEnglandRule('ods-gp-practice', 'V81999')).toEqual([
      { code: 'england.ods-code-pseudo', params: { meaning: 'gp-practice-unknown' } },
    ]);
    expect(applyEnglandRule('ods-code', '89997')).toEqual([
      { code: 'england.ods-code-pseudo', params: { meaning: 'non-uk-provider' } },
    ]);
  });

  it('cqc-location-id: format finding', () => {
    expect(codesOf(applyEnglandRule('cqc-location-id', '545611283'))).toEqual([
      'england.cqc-id-format',
    ]);
  });

  it('sctid: format, check digit, partition and not-concept findings', () => {
    expect(codesOf(applyEnglandRule('sctid', '022298006'))).toEqual(['england.sctid-format']);
    expect(codesOf(applyEnglandRule('sctid', '22298007'))).toEqual(['england.sctid-check-digit']);
    expect(applyEnglandRule('sctid', '12345256')).toEqual([
      { code: 'england.sctid-partition', params: { partition: '25' } },
    ]);
    // 1234011: a description id (partition 01) with a valid check digit.
    expect(applyEnglandRule('sctid', '1234011')).toEqual([
      { code: 'england.sctid-not-concept', params: { component: 'description' } },
    ]);
  });

  it('uk-postcode: format and pseudo findings', () => {
    expect(codesOf(applyEnglandRule('uk-postcode', 'QA1 1AA'))).toEqual([
      'england.postcode-format',
    ]);
    expect(applyEnglandRule('uk-postcode', 'ZZ99 3VZ')).toEqual([
      { code: 'england.postcode-pseudo', params: { meaning: 'no-fixed-abode' } },
    ]);
  });

  it('la-gss-upper-tier: format and not-upper-tier findings', () => {
    expect(codesOf(applyEnglandRule('la-gss-upper-tier', '202'))).toEqual([
      'england.la-code-format',
    ]);
    expect(applyEnglandRule('la-gss-upper-tier', 'E07000026')).toEqual([
      { code: 'england.la-code-not-upper-tier', params: { prefix: 'E07' } },
    ]);
  });

  it("property: findings use only the rule's declared codes, render fully and never echo the value", () => {
    const value = fc.oneof(
      fc.string({ minLength: 4, maxLength: 20 }),
      fc.stringMatching(/^\d{6,18}$/),
      fc.stringMatching(/^[A-Z0-9]{3,9}$/),
      fc.stringMatching(/^[A-Z]{1,2}\d{1,2} ?\d[A-Z]{2}$/),
      fc.stringMatching(/^[EWS]\d{8}$/),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...englandRuleIds),
        value,
        fc.boolean(),
        (id, v, allowTestNumbers) => {
          const collector = new IssueCollector();
          for (const finding of applyEnglandRule(id, v, { allowTestNumbers })) {
            if (!englandRuleCodes[id].includes(finding.code)) return false;
            collector.add({
              code: finding.code,
              expression: 'X.value',
              pointer: '/value',
              params: finding.params,
            });
            const shown = Object.values(finding.params).map(String);
            if (v.length >= 4 && shown.some((p) => p.includes(v))) return false;
          }
          return collector.issues().every((issue) => !/\{[A-Za-z0-9_]+\}/.test(issue.message));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
