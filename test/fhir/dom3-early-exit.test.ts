import { describe, expect, it } from 'vitest';
import { nativeInvariants } from '../../src/fhir/validator/native-invariants.js';
import { baseValidator } from '../support/shared-validator.js';

/**
 * dom-3's native stops searching once every contained id is referenced, and searches the
 * container's own elements before its contained resources: these must still fail (and pass) as
 * fhirpath.js decides them, with the issue where the walk puts it.
 */
const dom3 = nativeInvariants['dom-3']!;
/** dom-3 as it was decided before the early exit (fhirpath.js cannot evaluate its R4 text): every reference first. */
function allRefs(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const x of node) allRefs(x, out);
  else if (typeof node === 'object' && node !== null)
    for (const [k, v] of Object.entries(node)) {
      if (typeof v !== 'string') allRefs(v, out);
      else if (k === 'reference' || v.startsWith('#')) out.add(v);
      else if (k === 'div')
        for (const m of v.matchAll(/\s(?:src|href)\s*=\s*["'](#[^"'\s]+)["']/g)) out.add(m[1]!);
    }
  return out;
}
function reference(node: Record<string, unknown>): boolean {
  const refs = allRefs(node, new Set());
  const list = Array.isArray(node['contained'])
    ? (node['contained'] as Record<string, unknown>[])
    : [];
  return list.every(
    (c) => typeof c['id'] !== 'string' || refs.has(`#${c['id']}`) || allRefs(c, new Set()).has('#'),
  );
}

const med = (id: unknown, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Medication',
  ...(id === undefined ? {} : { id }),
  code: { text: 'x' },
  ...extra,
});
const request = (over: Record<string, unknown>) => ({
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p' },
  ...over,
});

const cases: [name: string, node: Record<string, unknown>, holds: boolean][] = [
  [
    'referenced early',
    request({ contained: [med('m1')], medicationReference: { reference: '#m1' } }),
    true,
  ],
  [
    'one of two referenced',
    request({ contained: [med('m1'), med('m2')], medicationReference: { reference: '#m1' } }),
    false,
  ],
  [
    'the second referenced only from the first contained resource',
    request({
      contained: [med('m1', { ingredient: [{ itemReference: { reference: '#m2' } }] }), med('m2')],
      medicationReference: { reference: '#m1' },
    }),
    true,
  ],
  [
    'referenced only from inside itself (the container descendants include it)',
    request({ contained: [med('m1', { ingredient: [{ itemReference: { reference: '#m1' } }] })] }),
    true,
  ],
  [
    'unreferenced, but it references its container',
    request({
      contained: [med('m1', { ingredient: [{ itemReference: { reference: '#' } }] })],
    }),
    true,
  ],
  [
    'referenced from a later element only',
    request({
      contained: [med('m1')],
      medicationCodeableConcept: { text: 'x' },
      note: [{ text: 'n' }],
      dosageInstruction: [{ text: 'd', route: { text: '#m1' } }],
    }),
    true,
  ],
  [
    'referenced from the narrative',
    request({
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><img src="#m1"/></div>',
      },
      contained: [med('m1')],
      medicationCodeableConcept: { text: 'x' },
    }),
    true,
  ],
  [
    'two with one id, referenced',
    request({ contained: [med('m1'), med('m1')], medicationReference: { reference: '#m1' } }),
    true,
  ],
  ['a contained resource without id', request({ contained: [med(undefined)] }), true],
  [
    'unreferenced, another contained one referenced',
    request({
      contained: [med('m2'), med('m1')],
      medicationReference: { reference: '#m1' },
      note: [{ text: '#m3' }],
    }),
    false,
  ],
  [
    'unreferenced',
    request({ contained: [med('m1')], medicationCodeableConcept: { text: 'x' } }),
    false,
  ],
];

describe('dom-3 native (search stops once every contained id is referenced)', () => {
  it.each(cases)('%s', (_name, node, holds) => {
    expect(dom3.holds(node, { resources: [node], containers: [node] })).toBe(holds);
    expect(reference(node)).toBe(holds);
  });

  it('reports dom-3 on the container when a contained resource is left unreferenced', () => {
    const v = baseValidator();
    const failures = (node: Record<string, unknown>) =>
      v
        .validate(node)
        .issues.filter((i) => i.code === 'invariant.failed' && i.params['key'] === 'dom-3')
        .map((i) => [i.params['key'], i.severity, i.expression]);
    for (const [, node, holds] of cases)
      expect(failures(node), JSON.stringify(node)).toEqual(
        holds ? [] : [['dom-3', 'error', 'MedicationRequest']],
      );
  });
});
