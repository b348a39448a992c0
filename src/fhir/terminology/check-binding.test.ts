import { beforeAll, describe, expect, it } from 'vitest';
import { issueCodes } from '../../issues/codes/index.js';
import type { IssueParams } from '../../issues/issue.js';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { readBaseDefinitionBundles } from '../../node/load-base-definitions.js';
import type { BindingInput } from './check-binding.js';
import { checkBinding, checkBindingWithRemote } from './check-binding.js';
import type { CodeValidation, CodingInput } from './terminology.js';
import { LocalTerminology } from './terminology.js';

const registry = new CanonicalRegistry();
let tx: LocalTerminology;

beforeAll(() => {
  registry.addAll(
    readBaseDefinitionBundles(['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']),
  );
  tx = new LocalTerminology(registry);
});

interface Reported {
  code: string;
  severity: string | undefined;
  pointer: string;
  expression: string;
  params: IssueParams;
}

function run(binding: BindingInput, dataType: string, value: unknown): Reported[] {
  const out: Reported[] = [];
  checkBinding(tx, binding, dataType, value, (code, params, pointer = '', expression = '') => {
    out.push({ code, severity: issueCodes[code]?.severity, pointer, expression, params });
  });
  return out;
}

const GENDER_VS = 'http://hl7.org/fhir/ValueSet/administrative-gender';
const MARITAL_VS = 'http://hl7.org/fhir/ValueSet/marital-status';
const MARITAL = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const SCT = 'http://snomed.info/sct';
const required = (valueSet: string): BindingInput => ({ strength: 'required', valueSet });
const extensible = (valueSet: string): BindingInput => ({ strength: 'extensible', valueSet });

describe('checkBinding', () => {
  it('required code in the set: no issue', () => {
    expect(run(required(GENDER_VS), 'code', 'male')).toEqual([]);
  });

  it('required code outside the set: binding.not-in-value-set error at the element', () => {
    const got = run(required(GENDER_VS), 'code', 'M');
    expect(got).toMatchObject([
      {
        code: 'binding.not-in-value-set',
        severity: 'error',
        pointer: '',
        params: { valueSet: GENDER_VS, code: 'M' },
      },
    ]);
  });

  it('required CodeableConcept: one valid coding is enough', () => {
    const value = {
      coding: [
        { system: SCT, code: '87915002' },
        { system: MARITAL, code: 'M' },
      ],
    };
    expect(run(required(MARITAL_VS), 'CodeableConcept', value)).toEqual([]);
  });

  it('required CodeableConcept with a wrong coding: reported at the concept, as the HL7 validator does', () => {
    const value = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'NI' }],
      text: 'x',
    };
    expect(run(required(MARITAL_VS), 'CodeableConcept', value)).toMatchObject([
      {
        code: 'binding.not-in-value-set',
        severity: 'error',
        pointer: '',
        expression: '',
        params: { code: 'NI', codings: 1 },
      },
    ]);
  });

  it('required CodeableConcept with text only: binding.not-in-value-set at the concept', () => {
    expect(run(required(MARITAL_VS), 'CodeableConcept', { text: 'Married' })).toMatchObject([
      { code: 'binding.not-in-value-set', pointer: '' },
    ]);
  });

  it('extensible: a code outside the set is a warning; text only is fine', () => {
    const value = { coding: [{ system: 'http://example.org/local', code: 'wed' }] };
    expect(run(extensible(MARITAL_VS), 'CodeableConcept', value)).toMatchObject([
      { code: 'binding.not-in-value-set-extensible', severity: 'warning', pointer: '' },
    ]);
    expect(run(extensible(MARITAL_VS), 'CodeableConcept', { text: 'Civil partnership' })).toEqual(
      [],
    );
    expect(run(extensible(MARITAL_VS), 'Coding', { system: MARITAL, code: 'S' })).toEqual([]);
  });

  it('extensible with several codings none in the set: one warning at the concept', () => {
    const value = {
      coding: [
        { system: 'http://example.org/a', code: '1' },
        { system: 'http://example.org/b', code: '2' },
      ],
    };
    expect(run(extensible(MARITAL_VS), 'CodeableConcept', value)).toMatchObject([
      { code: 'binding.not-in-value-set-extensible', pointer: '', params: { codings: 2 } },
    ]);
  });

  it('preferred and example bindings are not checked', () => {
    expect(run({ strength: 'preferred', valueSet: GENDER_VS }, 'code', 'nope')).toEqual([]);
    expect(run({ strength: 'example', valueSet: GENDER_VS }, 'code', 'nope')).toEqual([]);
  });

  it('an unknown code of a complete local system: binding.unknown-code, even for extensible', () => {
    const value = { system: MARITAL, code: 'QQ' };
    expect(run(required(MARITAL_VS), 'Coding', value)).toMatchObject([
      { code: 'binding.unknown-code', severity: 'error', params: { system: MARITAL, code: 'QQ' } },
    ]);
    expect(run(extensible(MARITAL_VS), 'Coding', value)).toMatchObject([
      { code: 'binding.unknown-code', severity: 'error' },
    ]);
  });

  it('display mismatch: a warning on a valid coding, with the expected display and not the sent one', () => {
    const got = run(required(MARITAL_VS), 'CodeableConcept', {
      coding: [{ system: MARITAL, code: 'M', display: 'Hitched' }],
    });
    expect(got).toMatchObject([
      {
        code: 'binding.display-mismatch',
        severity: 'warning',
        pointer: '/coding/0',
        params: { expected: 'Married' },
      },
    ]);
    expect(Object.values(got[0]!.params)).not.toContain('Hitched');
  });

  it('SNOMED CT value set: binding.not-checked information, never an error', () => {
    const got = run(required('http://hl7.org/fhir/ValueSet/clinical-findings'), 'CodeableConcept', {
      coding: [{ system: SCT, code: '22298006' }],
    });
    expect(got).toMatchObject([
      {
        code: 'binding.not-checked',
        severity: 'information',
        pointer: '/coding/0',
        params: { reason: 'system-not-available' },
      },
    ]);
  });

  it('a bound value set that is not loaded: binding.value-set-not-found', () => {
    expect(run(required('http://example.org/ValueSet/missing'), 'code', 'a')).toMatchObject([
      { code: 'binding.value-set-not-found', severity: 'warning' },
    ]);
  });

  it('an unknown version of a local system: binding.unknown-system-version warning', () => {
    expect(
      run(required(GENDER_VS), 'Coding', {
        system: 'http://hl7.org/fhir/administrative-gender',
        version: '0.0.1',
        code: 'male',
      }),
    ).toEqual([]);
    const got = run(required(GENDER_VS), 'Coding', {
      system: 'http://hl7.org/fhir/administrative-gender',
      version: '0.0.1',
      code: 'xyz',
    });
    expect(got).toMatchObject([
      { code: 'binding.unknown-system-version', severity: 'warning', params: { version: '0.0.1' } },
    ]);
  });

  it('Quantity: the unit code is checked against the system of the value set', () => {
    const vs = 'http://hl7.org/fhir/ValueSet/age-units';
    expect(
      run(required(vs), 'Quantity', {
        value: 3,
        unit: 'years',
        system: 'http://unitsofmeasure.org',
        code: 'a',
      }),
    ).toEqual([]);
    expect(
      run(required(vs), 'Quantity', { value: 3, system: 'http://unitsofmeasure.org', code: 'kg' }),
    ).toMatchObject([{ code: 'binding.not-in-value-set' }]);
    expect(run(required(vs), 'Quantity', { value: 3, unit: 'years' })).toEqual([]);
  });

  it('string and uri values are checked like codes; other types are ignored', () => {
    expect(run(required(GENDER_VS), 'string', 'other')).toEqual([]);
    expect(run(required(GENDER_VS), 'uri', 'x')).toMatchObject([
      { code: 'binding.not-in-value-set' },
    ]);
    expect(run(required(GENDER_VS), 'Reference', { reference: 'Patient/1' })).toEqual([]);
    expect(run({ strength: 'required' }, 'code', 'x')).toEqual([]);
  });

  it('every code it reports is in the registry', () => {
    const all = [
      ...run(required(GENDER_VS), 'code', 'M'),
      ...run(extensible(MARITAL_VS), 'Coding', { system: 'http://example.org', code: 'x' }),
      ...run(required('http://example.org/ValueSet/missing'), 'code', 'a'),
    ];
    for (const r of all) expect(r.severity).toBeDefined();
  });
});

describe('checkBindingWithRemote', () => {
  /** A fake server: answers by code, and records what it was asked. */
  function fakeRemote(answers: Record<string, CodeValidation>): {
    asked: string[];
    validateCode(vs: string, c: CodingInput): Promise<CodeValidation>;
  } {
    const asked: string[] = [];
    return {
      asked,
      validateCode(_vs, c) {
        asked.push(c.code ?? '');
        return Promise.resolve(
          answers[c.code ?? ''] ?? { outcome: 'not-checked', reason: 'system-not-available' },
        );
      },
    };
  }

  async function runRemote(
    remote: ReturnType<typeof fakeRemote>,
    binding: BindingInput,
    dataType: string,
    value: unknown,
  ): Promise<Reported[]> {
    const out: Reported[] = [];
    await checkBindingWithRemote(
      tx,
      remote,
      binding,
      dataType,
      value,
      (code, params, pointer = '', expression = '') => {
        out.push({ code, severity: issueCodes[code]?.severity, pointer, expression, params });
      },
    );
    return out;
  }

  const findings = required('http://hl7.org/fhir/ValueSet/clinical-findings');

  it('asks the server only about codes the local terminology could not check', async () => {
    const remote = fakeRemote({
      '22298006': { outcome: 'valid' },
      '1': { outcome: 'invalid', reason: 'not-in-value-set' },
    });
    expect(
      await runRemote(remote, findings, 'CodeableConcept', {
        coding: [{ system: SCT, code: '22298006' }],
      }),
    ).toEqual([]);
    expect(
      await runRemote(remote, findings, 'CodeableConcept', {
        coding: [{ system: SCT, code: '1' }],
      }),
    ).toMatchObject([{ code: 'binding.not-in-value-set', severity: 'error' }]);
    expect(await runRemote(remote, required(GENDER_VS), 'code', 'male')).toEqual([]);
    expect(await runRemote(remote, required(GENDER_VS), 'code', 'M')).toMatchObject([
      { code: 'binding.not-in-value-set' },
    ]);
    expect(remote.asked).toEqual(['22298006', '1']);
  });

  it('a server that cannot answer leaves binding.not-checked', async () => {
    const remote = fakeRemote({});
    expect(
      await runRemote(remote, findings, 'Coding', { system: SCT, code: '404684003' }),
    ).toMatchObject([{ code: 'binding.not-checked', severity: 'information' }]);
  });

  it('a value set missing locally is looked up remotely; missing there too gives value-set-not-found', async () => {
    const missing = required('http://example.org/ValueSet/remote-only');
    expect(await runRemote(fakeRemote({ a: { outcome: 'valid' } }), missing, 'code', 'a')).toEqual(
      [],
    );
    expect(
      await runRemote(
        fakeRemote({ a: { outcome: 'not-checked', reason: 'value-set-not-found' } }),
        missing,
        'code',
        'a',
      ),
    ).toMatchObject([{ code: 'binding.value-set-not-found' }]);
  });
});
