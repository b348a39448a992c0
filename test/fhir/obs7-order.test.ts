import { describe, expect, it } from 'vitest';
import { FhirPathEngine } from '../../src/fhir/fhirpath.js';
import { nativeInvariants } from '../../src/fhir/validator/native-invariants.js';
import { baseValidator } from '../support/shared-validator.js';

/**
 * obs-7's native reads the component array before it lists the Observation's names for a value[x]:
 * it must still fail (and pass) as fhirpath.js decides, with the issue where the walk puts it.
 */
const obs7 = nativeInvariants['obs-7']!;
const fp = new FhirPathEngine();
const viaFhirPath = (node: Record<string, unknown>) => {
  const r = fp.evaluateInvariant('Observation', obs7.expression, node, node, node);
  if (!r.ok) throw new Error(r.error);
  return r.passed;
};

const loinc = (code: string) => ({ system: 'http://loinc.org', code });
const observation = (over: Record<string, unknown>) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [loinc('85354-9')] },
  ...over,
});
const quantity = { value: 1, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' };

const cases: [name: string, node: Record<string, unknown>, holds: boolean][] = [
  ['a value, no component', observation({ valueQuantity: quantity }), true],
  [
    'components, no value, one repeating the code',
    observation({ component: [{ code: { coding: [loinc('85354-9')] }, valueQuantity: quantity }] }),
    true,
  ],
  [
    'a value and a component repeating the code',
    observation({
      valueQuantity: quantity,
      component: [{ code: { coding: [loinc('85354-9')] }, valueQuantity: quantity }],
    }),
    false,
  ],
  [
    'a value string and a second component repeating the code',
    observation({
      valueString: 'x',
      component: [
        { code: { coding: [loinc('8480-6')] }, valueQuantity: quantity },
        { code: { coding: [loinc('8462-4'), loinc('85354-9')] }, valueQuantity: quantity },
      ],
    }),
    false,
  ],
  [
    'a value and components with other codes',
    observation({
      valueBoolean: true,
      component: [{ code: { coding: [loinc('8480-6')] }, valueQuantity: quantity }],
    }),
    true,
  ],
];

describe('obs-7 native (component array read before the value names)', () => {
  it.each(cases)('%s', (_name, node, holds) => {
    expect(obs7.holds(node, { resources: [node], containers: [node] })).toBe(holds);
    expect(viaFhirPath(node)).toBe(holds);
  });

  it('reports obs-7 on the Observation when a component repeats its code beside a value', () => {
    const v = baseValidator();
    const failures = (node: Record<string, unknown>) =>
      v
        .validate(node)
        .issues.filter((i) => i.code === 'invariant.failed' && i.params['key'] === 'obs-7')
        .map((i) => [i.params['key'], i.severity, i.expression]);
    for (const [, node, holds] of cases)
      expect(failures(node), JSON.stringify(node)).toEqual(
        holds ? [] : [['obs-7', 'error', 'Observation']],
      );
  });
});
