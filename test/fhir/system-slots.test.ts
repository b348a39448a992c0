import { describe, expect, it } from 'vitest';
import { systemSlot } from '../../src/fhir/terminology/system-slot.js';
import { codeSlot } from '../../src/fhir/validator/primitives.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();

/** An Observation's issues on `coding` but information, as `severity code pointer expression`. */
const issues = (coding: object[]) =>
  v
    .validate({ resourceType: 'Observation', status: 'final', code: { coding } })
    .issues.filter((i) => i.severity !== 'information')
    .map((i) => `${i.severity} ${i.code} ${i.pointer} ${i.expression}`);

/**
 * Coding checks find a system's facts and its terminology answers in the slot of the system last met
 * there (system-slot.ts) before their Maps: systems that share a slot must keep their own answers
 * however they alternate.
 */
describe('systems that share a slot', () => {
  const clinical = 'http://terminology.hl7.org/CodeSystem/condition-clinical'; // local, complete
  const unknown = 'http://terminology.hl7.org/CodeSystem/condition-clinixal'; // no CodeSystem
  const snomed = 'http://snomed.info/sct'; // identifier syntax, never checked offline
  const other = 'http://snomed.info/xct'; // no syntax
  const relative = 'snomed.info/sct-abcdet'; // not absolute

  it('share slots (or the test below proves nothing)', () => {
    expect(systemSlot(unknown)).toBe(systemSlot(clinical));
    expect(systemSlot(other)).toBe(systemSlot(snomed));
    expect(systemSlot(relative)).toBe(systemSlot(snomed));
  });

  it('keep their own answers however they alternate', () => {
    const codings = [
      { system: clinical, code: 'bogus' },
      { system: unknown, code: 'bogus' },
      { system: clinical, code: 'bogus' },
      { system: unknown, code: 'active' },
      { system: clinical, code: 'active' },
      { system: snomed, code: 'abc' },
      { system: other, code: 'abc' },
      { system: relative, code: 'abc' },
      { system: snomed, code: 'abc' },
      { system: other, code: '73211009' },
      { system: snomed, code: '73211009' },
      { system: relative, code: '73211009' },
    ];
    const expected = [
      'error binding.unknown-code /code/coding/0 Observation.code.coding[0]',
      'error binding.unknown-code /code/coding/2 Observation.code.coding[2]',
      'error binding.code-invalid-syntax /code/coding/5/code Observation.code.coding[5].code',
      'error structure.coding-system-relative /code/coding/7/system Observation.code.coding[7].system',
      'error binding.code-invalid-syntax /code/coding/8/code Observation.code.coding[8].code',
      'error structure.coding-system-relative /code/coding/11/system Observation.code.coding[11].system',
    ];
    // the reverse order meets each system of a slot first in turn
    const n = codings.length - 1;
    const reversed = expected.map((e) => e.replace(/\d+/g, (i) => String(n - Number(i)))).reverse();
    for (let round = 0; round < 3; round++) {
      expect(issues(codings)).toEqual(expected);
      expect(issues([...codings].reverse())).toEqual(reversed);
    }
  });

  it('keep an invalid system in the slot of a valid one invalid (the uri check remembers passes)', () => {
    const spaced = 'http://snomed.info/s t';
    const control = 'http://snomed.inf\u0001/sct';
    expect(systemSlot(spaced)).toBe(systemSlot(snomed));
    expect(systemSlot(control)).toBe(systemSlot(snomed));
    const coding = [snomed, spaced, snomed, control, snomed].map((system) => ({
      system,
      code: '73211009',
    }));
    for (let round = 0; round < 2; round++)
      expect(issues(coding)).toEqual([
        'error primitive.invalid-format /code/coding/1/system Observation.code.coding[1].system',
        'error primitive.invalid-format /code/coding/3/system Observation.code.coding[3].system',
      ]);
  });

  it('keep an invalid code in the slot of a valid one invalid (the code check remembers passes)', () => {
    const codes = ['final', 'f\tnal', 'final', ' inal', 'fanal'];
    expect(new Set(codes.map(codeSlot)).size).toBe(1);
    const coding = codes.map((code) => ({ system: 'http://example.org/cs', code }));
    for (let round = 0; round < 2; round++)
      expect(issues(coding)).toEqual([
        'error primitive.invalid-format /code/coding/1/code Observation.code.coding[1].code',
        'error primitive.invalid-format /code/coding/3/code Observation.code.coding[3].code',
      ]);
  });
});
