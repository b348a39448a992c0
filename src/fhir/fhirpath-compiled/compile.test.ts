import { describe, expect, it } from 'vitest';
import { StructureModel } from '../definitions/compiled/structure-model.js';
import { FhirPathEngine } from '../fhirpath.js';
import { loadBaseRegistry } from '../../node/create-node-validator.js';
import { compileInvariant } from './compile.js';
import { FhirPathSyntaxError, parse } from './parse.js';

const model = new StructureModel(loadBaseRegistry());
const fp = new FhirPathEngine();

/** Compiled verdict, and fhirpath.js's verdict for comparison. */
function both(
  base: string,
  expression: string,
  node: Record<string, unknown>,
): [boolean | undefined, boolean | string] {
  const fn = compileInvariant(model, base, expression);
  if (!fn) throw new Error(`not compiled: ${expression}`);
  const r = fp.evaluateInvariant(base, expression, node, node, node);
  return [fn(node), r.ok ? r.passed : `error: ${r.error}`];
}

function agrees(
  base: string,
  expression: string,
  node: Record<string, unknown>,
  expected: boolean,
): void {
  const [compiled, reference] = both(base, expression, node);
  expect(compiled).toBe(expected);
  expect(reference).toBe(expected);
}

describe('parse', () => {
  it('follows FHIRPath precedence', () => {
    expect(parse("a = 'x' implies b.exists() or c")).toEqual({
      k: 'bin',
      op: 'implies',
      l: {
        k: 'bin',
        op: '=',
        l: { k: 'member', name: 'a', src: undefined },
        r: { k: 'lit', t: 'string', v: 'x' },
      },
      r: {
        k: 'bin',
        op: 'or',
        l: { k: 'call', name: 'exists', src: { k: 'member', name: 'b', src: undefined }, args: [] },
        r: { k: 'member', name: 'c', src: undefined },
      },
    });
    expect(parse('(a.count() + b.count()) > 0')).toMatchObject({
      k: 'bin',
      op: '>',
      l: { k: 'bin', op: '+' },
    });
    expect(parse("'it\\'s'")).toEqual({ k: 'lit', t: 'string', v: "it's" });
    expect(parse('resource.is(Composition)')).toMatchObject({
      k: 'call',
      name: 'is',
      args: [{ k: 'member', name: 'Composition' }],
    });
    expect(parse('text.`div`.exists()')).toMatchObject({
      k: 'call',
      name: 'exists',
      src: { k: 'member', name: 'div' },
    });
  });

  it('rejects what is outside the subset', () => {
    for (const e of [
      '%resource.id',
      'a[0]',
      '@2020-01-01',
      "5 'mg'",
      'a // c',
      "'open",
      'a.b(',
      'a b',
    ])
      expect(() => parse(e), e).toThrow(FhirPathSyntaxError);
  });
});

describe('compile: what is left to fhirpath.js', () => {
  it('does not compile unknown functions, variables, untyped or unknown paths', () => {
    for (const [base, e] of [
      ['Patient', "name.matches('x')"],
      ['Patient', "gender.matches('(')"],
      ['Patient', "gender.matches('x', 'i')"],
      ['Patient', '%resource.id.exists()'],
      ['Patient', 'contained.meta.exists()'],
      ['Patient', 'foo.exists()'],
      ['Patient', 'birthDate > 2000'],
      ['Patient', "birthDate = '2000'"],
      ['Timing.repeat', 'period = 1.5'],
      ['Patient', 'name.given = name.family'],
      ['Patient', 'name.where(given).exists()'],
      ['Bundle', 'entry.resource.is(DomainResource)'],
      ['Observation.value[x]', 'exists()'],
    ])
      expect(compileInvariant(model, base!, e!), e).toBeUndefined();
  });

  it('returns undefined for run-time cases it cannot decide', () => {
    const cmp = compileInvariant(model, 'Timing.repeat', 'period.exists() implies period >= 0')!;
    expect(cmp({ period: [1, 2] })).toBeUndefined(); // fhirpath.js throws on a non-singleton
    expect(cmp({ period: 1e-9 })).toBeUndefined(); // fhirpath.js rounds decimals to 1e-8
    expect(cmp({ _period: { id: 'x' } })).toBeUndefined(); // no value
    expect(cmp({ period: 'x' })).toBeUndefined(); // wrong JSON type
    const names = compileInvariant(model, 'Patient', 'name.given.count() > 1')!;
    expect(names({ name: [{ given: [null, 'a'] }] })).toBeUndefined(); // null without extension
    expect(names({ name: [null] })).toBeUndefined();
    const choice = compileInvariant(model, 'Observation', 'value.exists()')!;
    expect(choice({ valueString: 'a', valueBoolean: true })).toBeUndefined(); // two choices: fhirpath.js picks one
  });
});

describe('compiled invariants decide exactly as fhirpath.js', () => {
  it('con-5 on Condition', () => {
    const e =
      "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()";
    const eie = {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: 'entered-in-error',
        },
      ],
    };
    agrees(
      'Condition',
      e,
      { resourceType: 'Condition', verificationStatus: eie, clinicalStatus: { text: 'active' } },
      false,
    );
    agrees('Condition', e, { resourceType: 'Condition', verificationStatus: eie }, true);
    agrees('Condition', e, { resourceType: 'Condition', clinicalStatus: { text: 'active' } }, true);
    agrees(
      'Condition',
      e,
      {
        resourceType: 'Condition',
        verificationStatus: { coding: [{ code: 'entered-in-error' }] },
        clinicalStatus: { text: 'a' },
      },
      true,
    );
  });

  it('three-valued logic', () => {
    // {} = 'x' is empty; empty and false is false; empty or true is true; false implies X is true
    agrees('Patient', "gender = 'male'", { resourceType: 'Patient' }, true);
    agrees('Patient', "gender = 'male' and false", { resourceType: 'Patient' }, false);
    agrees(
      'Patient',
      "(gender = 'male' or true) and active",
      { resourceType: 'Patient', active: false },
      false,
    );
    agrees(
      'Patient',
      "gender = 'male' implies active",
      { resourceType: 'Patient', gender: 'female', active: false },
      true,
    );
    agrees(
      'Patient',
      "gender = 'male' implies active",
      { resourceType: 'Patient', active: false },
      true,
    ); // empty implies false: empty
    agrees(
      'Patient',
      "gender = 'male' implies active",
      { resourceType: 'Patient', gender: 'male', active: false },
      false,
    );
    agrees(
      'Patient',
      "gender = 'male' xor active",
      { resourceType: 'Patient', gender: 'male', active: true },
      false,
    );
    agrees('Patient', 'active.not()', { resourceType: 'Patient', active: true }, false);
  });

  it('primitives with only an extension exist but have no value', () => {
    const node = {
      resourceType: 'Patient',
      _birthDate: { extension: [{ url: 'http://x', valueString: 'y' }] },
    };
    agrees('Patient', 'birthDate.exists()', node, true);
    agrees('Patient', 'birthDate.count() = 1', node, true);
    agrees('Patient', 'birthDate.hasValue()', node, false);
    agrees(
      'Patient',
      'name.given.count() = 2',
      { resourceType: 'Patient', name: [{ given: ['a', null], _given: [null, { id: 'g' }] }] },
      true,
    );
  });

  it('choice types expand to their JSON names', () => {
    agrees(
      'Observation',
      'value.exists()',
      { resourceType: 'Observation', valueQuantity: { value: 1 } },
      true,
    );
    agrees(
      'Observation',
      'value.empty()',
      { resourceType: 'Observation', valueQuantity: { value: 1 } },
      false,
    );
    agrees(
      'Observation',
      'value.empty()',
      { resourceType: 'Observation', _valueString: { id: 'x' } },
      false,
    );
  });

  it('resource types, counts, first, all, where on a backbone base', () => {
    const doc = {
      resourceType: 'Bundle',
      type: 'document',
      entry: [{ resource: { resourceType: 'Patient' } }],
    };
    agrees(
      'Bundle',
      "type = 'document' implies entry.first().resource.is(Composition)",
      doc,
      false,
    );
    agrees(
      'Bundle',
      "type = 'document' implies entry.first().resource.is(Composition)",
      { ...doc, type: 'collection' },
      true,
    );
    agrees('Bundle', 'entry.resource.ofType(Patient).count() = 1', doc, true);
    agrees(
      'Organization',
      '(identifier.count() + name.count()) > 0',
      { resourceType: 'Organization' },
      false,
    );
    agrees('Organization.telecom', "where(use = 'home').empty()", { use: 'home' }, false);
    agrees(
      'Patient',
      "name.all(given.exists() and family.startsWith('S'))",
      { resourceType: 'Patient', name: [{ given: ['a'], family: 'Smith' }, { family: 'Jones' }] },
      false,
    );
  });
});

describe('matches', () => {
  it('agrees with fhirpath.js on patterns unicode mode accepts', () => {
    agrees(
      'Patient',
      "gender.matches('^(male|female)$')",
      { resourceType: 'Patient', gender: 'male' },
      true,
    );
    agrees(
      'Patient',
      "gender.matches('^(male|female)$')",
      { resourceType: 'Patient', gender: 'other' },
      false,
    );
  });

  it("reads PCRE-style literals unicode mode rejects (\\' and a lone ]), as eld-16/19/20 need", () => {
    const eld16 =
      "sliceName.empty() or sliceName.matches('^[a-zA-Z0-9\\\\/\\\\-_\\\\[\\\\]\\\\@]+$')";
    const fn = compileInvariant(model, 'ElementDefinition', eld16)!;
    expect(fn({ path: 'Patient.name', sliceName: 'official/a-b_c[x]@1' })).toBe(true);
    expect(fn({ path: 'Patient.name', sliceName: 'not a token' })).toBe(false);
    const eld20 = "path.matches('^[A-Za-z][A-Za-z0-9]*(\\\\.[a-z][A-Za-z0-9]*(\\\\[x])?)*$')";
    const fn20 = compileInvariant(model, 'ElementDefinition', eld20)!;
    expect(fn20({ path: 'Observation.value[x]' })).toBe(true);
    expect(fn20({ path: 'Observation.Value' })).toBe(false);
  });
});
