import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOdsCode, odsKindExpectation } from './ods-code.js';
import type { OdsKind } from './ods-code.js';

describe('checkOdsCode', () => {
  it('accepts the UK Core example codes under the general shape', () => {
    for (const code of [
      'RR8',
      'RR813',
      'RR8G5',
      'RR8D7',
      'RY6',
      'RD8',
      'GP5',
      'GP8D7',
      'C4B2A',
      'H85037',
      '08R',
      'NV701',
    ]) {
      expect(checkOdsCode(code), code).toEqual({ ok: true });
    }
  });

  it('reports format for lower case, lengths outside 3 to 9, punctuation and whitespace', () => {
    for (const code of ['', 'R8', 'rr8', 'RR8 ', ' RR8', 'RR8-13', 'ABCDEFGHIJ', 'RR8\n', 'RR8.']) {
      expect(checkOdsCode(code), code).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('recognises the national default codes for any kind', () => {
    const expected: [string, string][] = [
      ['V81999', 'gp-practice-unknown'],
      ['V81998', 'gp-practice-not-applicable'],
      ['G9999998', 'gp-not-known'],
      ['X99998', 'organisation-not-applicable'],
      ['X99999', 'organisation-not-known'],
      ['89999', 'non-nhs-uk-provider'],
      ['89997', 'non-uk-provider'],
    ];
    for (const kind of ['any', 'gp-practice', 'nhs-trust', 'commissioner'] as const) {
      for (const [code, pseudo] of expected)
        expect(checkOdsCode(code, kind)).toEqual({ ok: true, pseudo });
    }
    expect(checkOdsCode('v81999', 'gp-practice')).toEqual({ ok: false, problem: 'format' });
    expect(checkOdsCode('constructor')).toEqual({ ok: false, problem: 'format' });
  });

  it('checks the shape of each kind (heuristic) and reports kind when it differs', () => {
    const cases: [OdsKind, string[], string[]][] = [
      [
        'gp-practice',
        ['H85037', 'B82005', 'Y02345'],
        ['RR8', 'H8503', 'H850377', '185037', 'HH5037'],
      ],
      ['nhs-trust', ['RR8', 'RY6', 'TAD'], ['RR813', 'GP5', '08R']],
      ['nhs-trust-site', ['RR813', 'RR8G5', 'TAD01'], ['RR8', 'GP8D7', 'RR8130']],
      ['commissioner', ['08R', 'QWE', 'Y56', 'X2C4Y'], ['H85037', '08R01', 'XX2C4']],
      ['independent-provider', ['NV7', 'NV701'], ['NV70', 'RR8', 'NV7011']],
      ['local-authority', ['202', 'E09A'], ['E09000001', 'AB']],
    ];
    for (const [kind, good, bad] of cases) {
      for (const code of good)
        expect(checkOdsCode(code, kind), `${kind} ${code}`).toEqual({ ok: true });
      for (const code of bad) expect(checkOdsCode(code, kind).ok, `${kind} ${code}`).toBe(false);
    }
    expect(checkOdsCode('RR8', 'gp-practice')).toEqual({ ok: false, problem: 'kind' });
  });

  it('describes each kind without values', () => {
    expect(odsKindExpectation('gp-practice')).toBe('a letter and 5 digits');
    expect(odsKindExpectation('any')).toMatch(/3 to 9/);
  });

  it('property: generated practice codes pass as gp-practice and as any', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]\d{5}$/), (code) => {
        const asPractice = checkOdsCode(code, 'gp-practice');
        return asPractice.ok && checkOdsCode(code).ok;
      }),
    );
  });

  it('property: anything accepted without pseudo has the general shape', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const r = checkOdsCode(s);
        return !r.ok || r.pseudo !== undefined || /^[A-Z0-9]{3,9}$/.test(s);
      }),
    );
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    expect(checkOdsCode('A'.repeat(100_000))).toEqual({ ok: false, problem: 'format' });
    expect(checkOdsCode(`H${'8'.repeat(100_000)}`, 'gp-practice')).toEqual({
      ok: false,
      problem: 'format',
    });
  });
});
