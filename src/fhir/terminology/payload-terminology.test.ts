import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseRegistry } from '../../node/create-node-validator.js';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { createValidator, type Validator } from '../validator/create-validator.js';
import { LocalTerminology } from './terminology.js';

type J = Record<string, unknown>;
let base: CanonicalRegistry;
let validator: Validator;
beforeAll(() => {
  base = loadBaseRegistry();
  validator = createValidator({ registry: base });
});

const system = 'http://example.com/CodeSystem/colours';
const colours = (extra: J = {}): J => ({
  resourceType: 'CodeSystem',
  id: 'cs',
  url: system,
  status: 'active',
  content: 'complete',
  concept: [{ code: 'red', display: 'Red' }],
  ...extra,
});
const observation = (coding: J, extra: J = {}): J => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [coding] },
  ...extra,
});

function codes(resource: J, v: Validator = validator) {
  return v
    .validate(resource)
    .issues.filter((i) => i.code.startsWith('binding.'))
    .map(({ code, severity, expression }) => ({ code, severity, expression }));
}

describe('codes against CodeSystems carried in the payload', () => {
  it('an unknown code of a complete contained CodeSystem is an error, a wrong display a warning', () => {
    expect(codes(observation({ system, code: 'blue' }, { contained: [colours()] }))).toEqual([
      { code: 'binding.unknown-code', severity: 'error', expression: 'Observation.code.coding[0]' },
    ]);
    expect(
      codes(observation({ system, code: 'red', display: 'Rouge' }, { contained: [colours()] })),
    ).toEqual([
      {
        code: 'binding.display-mismatch',
        severity: 'warning',
        expression: 'Observation.code.coding[0]',
      },
    ]);
    expect(
      codes(observation({ system, code: 'red', display: 'red' }, { contained: [colours()] })),
    ).toEqual([]);
  });

  it('reads CodeSystems from the Bundle, and only for that payload', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:0b6f7b9e-0000-4000-8000-000000000001', resource: colours() },
        {
          fullUrl: 'urn:uuid:0b6f7b9e-0000-4000-8000-000000000002',
          resource: observation({ system, code: 'blue' }),
        },
      ],
    };
    expect(codes(bundle)).toEqual([
      {
        code: 'binding.unknown-code',
        severity: 'error',
        expression: 'Bundle.entry[1].resource.code.coding[0]',
      },
    ]);
    // the next payload does not carry the CodeSystem: nothing is known about the code
    expect(codes(observation({ system, code: 'blue' }))).toEqual([]);
  });

  it('a fragment CodeSystem proves nothing about codes it does not list', () => {
    expect(
      codes(
        observation({ system, code: 'blue' }, { contained: [colours({ content: 'fragment' })] }),
      ),
    ).toEqual([]);
  });

  it('a CodeSystem supplement is never a Coding.system', () => {
    const supplement = colours({ supplements: 'http://loinc.org' });
    expect(codes(observation({ system, code: 'red' }, { contained: [supplement] }))).toEqual([
      {
        code: 'binding.system-is-supplement',
        severity: 'error',
        expression: 'Observation.code.coding[0].system',
      },
    ]);
  });

  it('checks codes of loaded CodeSystems whatever the binding (supporting files and packages)', () => {
    const registry = new CanonicalRegistry();
    registry.addAll(base.allResources());
    registry.add(colours());
    const v = createValidator({ registry });
    expect(codes(observation({ system, code: 'blue' }), v)).toEqual([
      { code: 'binding.unknown-code', severity: 'error', expression: 'Observation.code.coding[0]' },
    ]);
  });
});

describe('version-specific value sets', () => {
  it('url|version picks that version of a ValueSet', () => {
    const registry = new CanonicalRegistry();
    registry.add(colours({ concept: [{ code: 'red' }, { code: 'green' }] }));
    const vs = (version: string, code: string): J => ({
      resourceType: 'ValueSet',
      url: 'http://example.com/ValueSet/v',
      version,
      status: 'active',
      compose: { include: [{ system, concept: [{ code }] }] },
    });
    registry.add(vs('1.0.0', 'red'));
    registry.add(vs('2.0.0', 'green'));
    const tx = new LocalTerminology(registry);
    expect(
      tx.validateCode('http://example.com/ValueSet/v|1.0.0', { system, code: 'red' }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode('http://example.com/ValueSet/v|1.0.0', { system, code: 'green' }).outcome,
    ).toBe('invalid');
    expect(
      tx.validateCode('http://example.com/ValueSet/v|2.0.0', { system, code: 'green' }).outcome,
    ).toBe('valid');
    expect(
      tx.validateCode('http://example.com/ValueSet/v|3.0.0', { system, code: 'green' }),
    ).toEqual({ outcome: 'not-checked', reason: 'value-set-not-found' });
  });
});
