import { describe, expect, it } from 'vitest';
import { FhirPathEngine } from '../fhirpath.js';
import { nativeByExpression, nativeInvariants } from './native-invariants.js';
import { compileInvariantGuard, compileSimpleInvariant } from './simple-invariant.js';

const fp = new FhirPathEngine();
const viaFhirPath = (base: string, expr: string, node: unknown, root: unknown = node) => {
  const r = fp.evaluateInvariant(base, expr, node, root, root);
  if (!r.ok) throw new Error(r.error);
  return r.passed;
};

describe('native invariants agree with fhirpath.js', () => {
  const cases: [key: string, base: string, nodes: Record<string, unknown>[]][] = [
    [
      'ext-1',
      'Extension',
      [
        { url: 'u', valueString: 'a' },
        { url: 'u', extension: [{ url: 'v', valueString: 'b' }] },
        { url: 'u', valueString: 'a', extension: [{ url: 'v', valueString: 'b' }] },
        { url: 'u' },
      ],
    ],
    [
      'bdl-1',
      'Bundle',
      [
        { resourceType: 'Bundle', type: 'searchset', total: 1 },
        { resourceType: 'Bundle', type: 'collection', total: 1 },
        { resourceType: 'Bundle', type: 'collection' },
      ],
    ],
    [
      'bdl-3',
      'Bundle',
      [
        {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [{ request: { method: 'POST', url: 'Patient' } }],
        },
        { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:1' }] },
        {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [{ request: { method: 'POST', url: 'Patient' } }],
        },
      ],
    ],
    [
      'bdl-8',
      'Bundle.entry',
      [{ fullUrl: 'http://a/Patient/1' }, { fullUrl: 'http://a/Patient/1/_history/2' }, {}],
    ],
    ['ref-1', 'Reference', [{ reference: 'Patient/1' }, { display: 'x' }]],
    [
      // (its two conditions in either order: with and without a value, with and without components)
      'obs-7',
      'Observation',
      [
        { resourceType: 'Observation', code: { coding: [{ system: 's', code: 'a' }] } },
        {
          resourceType: 'Observation',
          code: { coding: [{ system: 's', code: 'a' }] },
          valueString: 'v',
        },
        {
          resourceType: 'Observation',
          code: { coding: [{ system: 's', code: 'a' }] },
          component: [{ code: { coding: [{ system: 's', code: 'a' }] } }],
        },
        {
          resourceType: 'Observation',
          code: { coding: [{ system: 's', code: 'a' }] },
          valueString: 'v',
          component: [{ code: { coding: [{ system: 's', code: 'a' }] } }],
        },
        {
          resourceType: 'Observation',
          code: { coding: [{ system: 's', code: 'a' }] },
          valueString: 'v',
          component: [{ code: { coding: [{ system: 's', code: 'b' }] } }],
        },
      ],
    ],
    [
      'dom-2',
      'Patient',
      [
        {
          resourceType: 'Patient',
          contained: [{ resourceType: 'Patient', contained: [{ resourceType: 'Patient' }] }],
        },
        { resourceType: 'Patient' },
      ],
    ],
    [
      'dom-6',
      'Patient',
      [
        {
          resourceType: 'Patient',
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
        },
        { resourceType: 'Patient' },
      ],
    ],
  ];
  for (const [key, base, nodes] of cases) {
    it(`${key} gives the same verdicts`, () => {
      const n = nativeInvariants[key]!;
      for (const node of nodes)
        expect(n.holds(node, { resources: [node], containers: [node] })).toBe(
          viaFhirPath(base, n.expression, node),
        );
    });
  }

  const obs = (extra: Record<string, unknown>) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'x' },
    ...extra,
  });
  const cond = (extra: Record<string, unknown>) => ({
    resourceType: 'Condition',
    subject: { reference: 'Patient/p' },
    ...extra,
  });
  const verStatus = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
  const shapes: [key: string, base: string, decided: unknown[], any: unknown[]][] = [
    [
      'vs-2',
      'Observation',
      [
        obs({}),
        obs({ valueQuantity: { value: 1 } }),
        obs({ valueString: 'a' }),
        obs({ valueBoolean: false }),
        obs({ valueInteger: 0 }),
        obs({ valueDateTime: '2020' }),
        obs({ dataAbsentReason: { text: 'x' } }),
        obs({ component: [{ code: { text: 'c' } }] }),
        obs({ hasMember: [{ reference: 'Observation/o' }] }),
        obs({ component: [{ code: { text: 'c' } }], valueQuantity: { value: 1 } }),
        obs({ valueCodeableConcept: { text: 'x' }, dataAbsentReason: { text: 'x' } }),
      ],
      [
        obs({ _valueString: { extension: [{ url: 'u', valueString: 'x' }] } }),
        obs({ valueString: 'a', valueBoolean: true }),
        obs({ valueFoo: 'a' }),
        obs({ valueQuantity: 'a' }),
        obs({ valueString: null }),
        obs({ component: [] }),
        obs({ component: [null] }),
        obs({ dataAbsentReason: 'x' }),
        obs({ _dataAbsentReason: { id: 'a' } }),
        { resourceType: 'Patient' },
      ],
    ],
    [
      'con-5',
      'Condition',
      [
        cond({}),
        cond({ clinicalStatus: { text: 'active' } }),
        cond({ verificationStatus: { coding: [{ system: verStatus, code: 'entered-in-error' }] } }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: { coding: [{ system: verStatus, code: 'entered-in-error' }] },
        }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: { coding: [{ system: verStatus, code: 'confirmed' }] },
        }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: { coding: [{ system: 'x', code: 'entered-in-error' }] },
        }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: { coding: [{ code: 'entered-in-error' }, { system: verStatus }] },
        }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: {
            coding: [
              { system: verStatus, code: 'confirmed' },
              { system: verStatus, code: 'entered-in-error' },
            ],
          },
        }),
        cond({ clinicalStatus: { text: 'active' }, verificationStatus: { text: 'x' } }),
      ],
      [
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: {
            coding: [{ system: verStatus, code: 'entered-in-error', _code: { id: 'a' } }],
          },
        }),
        cond({
          clinicalStatus: { text: 'active' },
          verificationStatus: { coding: { system: verStatus, code: 'entered-in-error' } },
        }),
        cond({ clinicalStatus: 'active', verificationStatus: { text: 'x' } }),
        cond({ clinicalStatus: [], verificationStatus: { coding: [null] } }),
        { resourceType: 'Patient' },
      ],
    ],
  ];
  for (const [key, base, decided, any] of shapes) {
    it(`${key} gives the same verdicts, and leaves unusual shapes to fhirpath.js`, () => {
      const n = nativeInvariants[key]!;
      for (const node of decided as Record<string, unknown>[]) {
        const verdict = n.holds(node, { resources: [node], containers: [node] });
        expect(verdict, JSON.stringify(node)).toBe(viaFhirPath(base, n.expression, node));
      }
      for (const node of any as Record<string, unknown>[]) {
        const verdict = n.holds(node, { resources: [node], containers: [node] });
        if (verdict !== undefined)
          expect(verdict, JSON.stringify(node)).toBe(viaFhirPath(base, n.expression, node));
      }
    });
  }

  it('holds whenever the property it names in holdsWithout is absent (the gate may skip it)', () => {
    const gated = Object.entries(nativeInvariants).filter(([, n]) => n.holdsWithout !== undefined);
    expect(gated.map(([k]) => k).sort()).toEqual(['dom-2', 'dom-3', 'dom-4', 'dom-5', 'per-1']);
    const others = [
      { resourceType: 'Patient' },
      { resourceType: 'Patient', text: { div: '<div><a href="#x">x</a></div>' } },
      { end: '2020-01-01', meta: { versionId: '1', security: [{ code: 'x' }] } },
      { reference: '#', contained: undefined, _start: undefined },
    ];
    for (const [key, n] of gated)
      for (const node of others) {
        const without = { ...node } as Record<string, unknown>;
        delete without[n.holdsWithout!];
        delete without[`_${n.holdsWithout!}`];
        expect(n.holds(without, { resources: [without], containers: [without] }), key).toBe(true);
      }
  });

  it('ref-1 resolves #id against the container', () => {
    const ref1 = nativeInvariants['ref-1']!;
    const root = {
      resourceType: 'Patient',
      contained: [{ resourceType: 'Practitioner', id: 'p1' }],
    };
    expect(ref1.holds({ reference: '#p1' }, { resources: [root], containers: [root] })).toBe(true);
    expect(ref1.holds({ reference: '#p2' }, { resources: [root], containers: [root] })).toBe(false);
  });
});

describe('natives matched by expression agree with fhirpath.js', () => {
  const local = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const month = local(now).slice(0, 7);
  const nextYear = String(now.getFullYear() + 1);
  const patient = (extra: Record<string, unknown>) => ({ resourceType: 'Patient', ...extra });
  const nhs = 'https://fhir.nhs.uk/Id/nhs-number';
  const status = (system: string, code: string, key = 'valueCodeableConcept') => ({
    url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
    [key]:
      key === 'valueCodeableConcept'
        ? { coding: [{ system, code }] }
        : key === 'valueCoding'
          ? { system, code }
          : code,
  });
  const england = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
  const cases: [
    expression: string,
    decided: Record<string, unknown>[],
    any: Record<string, unknown>[],
  ][] = [
    [
      'birthDate.exists() implies birthDate <= today()',
      [
        patient({ birthDate: '1980-05-12' }),
        patient({ birthDate: '1980' }),
        patient({ birthDate: '1980-05' }),
        patient({ birthDate: String(now.getFullYear()) }),
        patient({ birthDate: month }),
        patient({ birthDate: local(now) }),
        patient({ birthDate: local(yesterday) }),
        patient({ birthDate: local(tomorrow) }),
        patient({ birthDate: nextYear }),
        patient({ birthDate: `${nextYear}-01` }),
        patient({
          birthDate: '1980-05-12',
          _birthDate: { extension: [{ url: 'x', valueDateTime: '1980-05-12T10:00:00Z' }] },
        }),
        patient({}),
      ],
      [
        patient({ _birthDate: { id: 'a' } }),
        patient({ birthDate: '1980-02-30' }),
        patient({ birthDate: 1980 }),
      ],
    ],
    [
      `identifier.where(system = '${nhs}').all(extension('https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus').value.coding.where(system = '${england}' and code = '01').exists())`,
      [
        patient({}),
        patient({ identifier: [{ system: nhs, value: '9000000009' }] }),
        patient({
          identifier: [{ system: nhs, value: '9000000009', extension: [status(england, '01')] }],
        }),
        patient({
          identifier: [{ system: nhs, value: '9000000009', extension: [status(england, '02')] }],
        }),
        patient({
          identifier: [{ system: nhs, value: '9000000009', extension: [status('x', '01')] }],
        }),
        patient({ identifier: [{ system: 'other', value: '1' }] }),
        patient({
          identifier: [
            { system: nhs, value: '9000000009', extension: [status(england, '01')] },
            { system: nhs, value: '9000000017' },
          ],
        }),
        patient({
          identifier: [{ system: nhs, extension: [status(england, '01', 'valueCoding')] }],
        }),
        patient({ identifier: [{ system: nhs, extension: [status(england, '01', 'valueCode')] }] }),
        patient({ identifier: [{ value: '1', extension: [status(england, '02')] }] }),
      ],
      [patient({ identifier: [{ _system: { id: 'a' }, value: '1' }] })],
    ],
  ];
  for (const [expression, decided, any] of cases) {
    it(`${expression.slice(0, 40)}… gives the same verdicts`, () => {
      const n = nativeByExpression.get(expression)!;
      expect(n).toBeDefined();
      for (const node of decided) {
        const verdict = n.holds(node, { resources: [node], containers: [node] });
        expect(verdict, JSON.stringify(node)).toBe(viaFhirPath('Patient', expression, node));
      }
      // values it may leave to fhirpath.js: when it decides, it agrees
      for (const node of any) {
        const verdict = n.holds(node, { resources: [node], containers: [node] });
        if (verdict !== undefined) expect(verdict).toBe(viaFhirPath('Patient', expression, node));
      }
    });
  }
});

describe('simple invariants and guards agree with fhirpath.js', () => {
  const exprs: [base: string, expr: string, nodes: Record<string, unknown>[]][] = [
    [
      'Quantity',
      'code.empty() or system.exists()',
      [
        { code: 'kg' },
        { code: 'kg', system: 'http://unitsofmeasure.org' },
        { value: 1 },
        { _code: { id: 'x' } },
      ],
    ],
    [
      'ContactPoint',
      'value.empty() or system.exists()',
      [{ value: '0123' }, { value: '0123', system: 'phone' }, {}],
    ],
    [
      'Observation',
      'dataAbsentReason.empty() or value.empty()',
      [
        { resourceType: 'Observation', valueString: 'a' },
        { resourceType: 'Observation', valueString: 'a', dataAbsentReason: { text: 'x' } },
        { resourceType: 'Observation', dataAbsentReason: { text: 'x' } },
      ],
    ],
    [
      'Timing.repeat',
      'timeOfDay.empty() or when.empty()',
      [{ timeOfDay: ['10:00:00'] }, { timeOfDay: ['10:00:00'], when: ['MORN'] }, {}],
    ],
  ];
  for (const [base, expr, nodes] of exprs) {
    it(`${expr} on ${base}`, () => {
      const simple = compileSimpleInvariant(expr)!;
      expect(simple).toBeDefined();
      for (const node of nodes) expect(simple(node, undefined)).toBe(viaFhirPath(base, expr, node));
    });
  }

  it('refuses shapes it cannot decide exactly', () => {
    expect(compileSimpleInvariant("code = 'x' or system.exists()")).toBeUndefined();
    expect(compileSimpleInvariant('a.b.exists()')).toBeUndefined();
  });

  it('guards only claim a pass that FHIRPath also gives', () => {
    const expr =
      "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()";
    const guard = compileInvariantGuard(expr)!;
    const absent = { resourceType: 'Condition', subject: { reference: 'Patient/1' } };
    expect(guard(absent, undefined)).toBe(true);
    expect(viaFhirPath('Condition', expr, absent)).toBe(true);
    const present = { ...absent, abatementDateTime: '2020-01-01' };
    expect(guard(present, undefined)).toBe(false);
    const implies = compileInvariantGuard(
      "cancelationReason.exists() implies (status='noshow' or status='cancelled')",
    )!;
    expect(implies({ status: 'booked' }, undefined)).toBe(true);
    expect(implies({ status: 'booked', cancelationReason: { text: 'x' } }, undefined)).toBe(false);
  });
});
