/**
 * The library's doors: `createNodeValidator()` and `createNodeChecker()` apply the framework by
 * default, as the CLI and the service do; `framework: 'none'` opts out. Codes only.
 */
import { describe, expect, it } from 'vitest';
import { createNodeChecker } from '../../src/node/create-node-checker.js';
import { createNodeValidator } from '../../src/node/create-node-validator.js';

/** A synthetic Patient whose NHS number fails Modulus 11. */
const patient = JSON.stringify({
  resourceType: 'Patient',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }],
  name: [{ family: 'Testpatient' }],
  gender: 'female',
  birthDate: '1970-01-01',
});
const england = (codes: readonly { code: string }[]) =>
  codes.map((i) => i.code).filter((c) => c.startsWith('england.'));

describe('library doors: framework on by default', () => {
  it('createNodeValidator() applies the framework profiles and England rules; framework none does not', () => {
    expect(england(createNodeValidator().validate(patient).issues)).toContain(
      'england.nhs-number-check-digit',
    );
    expect(
      england(createNodeValidator([], { framework: 'none' }).validate(patient).issues),
    ).toEqual([]);
  });

  it('createNodeChecker() traces requirement ids unless the call says framework none', () => {
    const checker = createNodeChecker();
    const on = checker.check(patient, { filename: 'p.json' }).result;
    const off = checker.check(patient, { filename: 'p.json', framework: 'none' }).result;
    expect(on.frameworkVersion).toBeDefined();
    expect(
      on.issues.find((i) => i.code === 'england.nhs-number-check-digit')?.requirements?.length,
    ).toBeGreaterThan(0);
    expect(off.frameworkVersion).toBeUndefined();
    expect(england(off.issues)).toEqual([]);
  });
});
