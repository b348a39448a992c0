import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { readBaseDefinitionBundles } from '../../node/load-base-definitions.js';
import { checkBinding } from './check-binding.js';
import { LocalTerminology } from './terminology.js';

// UK Core (../shared/fixtures/ukcore, beside the repository): skipped when the folder is absent.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ukcore = join(repoRoot, '..', 'shared', 'fixtures', 'ukcore');
const present = existsSync(join(ukcore, 'valuesets')) && existsSync(join(ukcore, 'codesystems'));

const UKVS = 'https://fhir.hl7.org.uk/ValueSet/';
const UKCS = 'https://fhir.hl7.org.uk/CodeSystem/';
const SCT = 'http://snomed.info/sct';

function readFolder(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}

describe.skipIf(!present)('LocalTerminology on UK Core', () => {
  const registry = new CanonicalRegistry();
  let tx: LocalTerminology;

  beforeAll(() => {
    registry.addAll(
      readBaseDefinitionBundles(['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']),
    );
    registry.addAll(readFolder(join(ukcore, 'codesystems')));
    registry.addAll(readFolder(join(ukcore, 'valuesets')));
    tx = new LocalTerminology(registry);
  });

  it('UKCore-NHSNumberVerificationStatus: 01 is valid, 99 is not', () => {
    const vs = `${UKVS}UKCore-NHSNumberVerificationStatus`;
    const system = `${UKCS}UKCore-NHSNumberVerificationStatusEngland`;
    expect(tx.validateCode(vs, { system, code: '01' })).toEqual({
      outcome: 'valid',
      display: 'Number present and verified',
    });
    expect(tx.validateCode(vs, { system, code: '99' }).outcome).toBe('invalid');
    expect(
      tx.validateCode(vs, {
        system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
        code: 'NI',
      }).outcome,
    ).toBe('valid');
    expect(tx.expand(vs)?.complete).toBe(true);
  });

  it('UKCore-NHSNumberVerificationStatus through checkBinding (required, CodeableConcept)', () => {
    const binding = {
      strength: 'required',
      valueSet: `${UKVS}UKCore-NHSNumberVerificationStatus`,
    } as const;
    const system = `${UKCS}UKCore-NHSNumberVerificationStatusEngland`;
    const codes: string[] = [];
    checkBinding(tx, binding, 'CodeableConcept', { coding: [{ system, code: '01' }] }, (code) =>
      codes.push(code),
    );
    expect(codes).toEqual([]);
    checkBinding(tx, binding, 'CodeableConcept', { coding: [{ system, code: '99' }] }, (code) =>
      codes.push(code),
    );
    expect(codes).toEqual(['binding.unknown-code']);
  });

  it('UKCore-EthnicCategory: England and Wales codes, case-sensitive', () => {
    const vs = `${UKVS}UKCore-EthnicCategory`;
    const england = `${UKCS}UKCore-EthnicCategoryEngland`;
    expect(
      tx.validateCode(vs, { system: england, code: 'A', display: 'White - British' }).outcome,
    ).toBe('valid');
    expect(tx.validateCode(vs, { system: england, code: 'a' }).outcome).toBe('invalid');
    expect(tx.validateCode(vs, { system: england, code: 'A', display: 'Welsh' })).toMatchObject({
      outcome: 'valid',
      displayMismatch: true,
    });
    expect(
      tx.validateCode(vs, { system: `${UKCS}UKCore-EthnicCategoryWales`, code: 'N' }).outcome,
    ).toBe('valid');
  });

  it('UKCore-PersonRelationshipType: v3 RoleCode is-a with the abstract root and v2 O excluded', () => {
    const vs = `${UKVS}UKCore-PersonRelationshipType`;
    const role = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
    expect(tx.validateCode(vs, { system: role, code: 'MTH' }).outcome).toBe('valid');
    expect(
      tx.validateCode(vs, { system: role, code: '_PersonalRelationshipRoleType' }).outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode(vs, { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'O' })
        .outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode(vs, { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' })
        .outcome,
    ).toBe('valid');
  });

  it('a SNOMED CT refset-based value set (memberOf) is not checked', () => {
    const vs = `${UKVS}UKCore-ReligiousAffiliation`;
    expect(tx.validateCode(vs, { system: SCT, code: '160538000' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
    // a non-SNOMED code cannot be in it
    expect(tx.validateCode(vs, { system: 'http://example.org/religion', code: 'x' }).outcome).toBe(
      'invalid',
    );
  });

  it('a SNOMED CT ECL value set with a stored expansion: listed codes pass, others are not checked', () => {
    const vs = `${UKVS}UKCore-BMI`;
    expect(tx.validateCode(vs, { system: SCT, code: '60621009' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: SCT, code: '22298006' })).toEqual({
      outcome: 'not-checked',
      reason: 'system-not-available',
    });
  });

  it('value set imports across UK Core (ObservationVitalSignsType imports the vital-sign value sets)', () => {
    const vs = `${UKVS}UKCore-ObservationVitalSignsType`;
    expect(tx.validateCode(vs, { system: SCT, code: '60621009' }).outcome).toBe('valid');
    expect(tx.validateCode(vs, { system: 'http://loinc.org', code: '39156-5' }).outcome).toBe(
      'invalid',
    );
  });

  it('every UK Core value set expands without throwing', () => {
    const urls = readFolder(join(ukcore, 'valuesets')).map((r) => (r as { url: string }).url);
    expect(urls.length).toBeGreaterThan(100);
    for (const url of urls) expect(tx.expand(url)).toBeDefined();
  });
});
