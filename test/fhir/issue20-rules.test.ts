/**
 * Engine rules added for the HL7 validator's XML cases (issue 20), shared with JSON: each on small
 * JSON inputs written for one behaviour (codes, locations and severities; never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { SnapshotGenerator } from '../../src/fhir/definitions/snapshot/index.js';
import type { StructureDefinition } from '../../src/fhir/definitions/conformance-resource.js';
import type { createValidator } from '../../src/fhir/validator/create-validator.js';
import {
  constraintProfile as profile,
  registryWith,
  testProfileBase as t,
  validatorWith,
} from '../support/profile-fixtures.js';
import { baseValidator } from '../support/shared-validator.js';

const notInfo = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.severity !== 'information')
    .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

describe('a type profile naming one of its elements (elementdefinition-profile-element)', () => {
  const coding = (code: string) => ({
    coding: [{ system: 'https://mdss.example.org/cs', code }],
  });
  const library = profile(
    'section-library',
    'Composition',
    [
      { id: 'Composition.section', path: 'Composition.section', slicing: { rules: 'open' } },
      { id: 'Composition.section:a', path: 'Composition.section', sliceName: 'a' },
      {
        id: 'Composition.section:a.code',
        path: 'Composition.section.code',
        min: 1,
        patternCodeableConcept: coding('a'),
      },
      { id: 'Composition.section:b', path: 'Composition.section', sliceName: 'b' },
      {
        id: 'Composition.section:b.code',
        path: 'Composition.section.code',
        min: 1,
        patternCodeableConcept: coding('b'),
      },
      { id: 'Composition.section:b.title', path: 'Composition.section.title', min: 1 },
    ],
    { abstract: true },
  );
  const typed = (element: string) => ({
    code: 'BackboneElement',
    profile: [library.url],
    _profile: [
      {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/elementdefinition-profile-element',
            valueString: element,
          },
        ],
      },
    ],
  });
  const doc = profile('document', 'Composition', [
    {
      id: 'Composition.section',
      path: 'Composition.section',
      slicing: { discriminator: [{ type: 'pattern', path: 'code' }], rules: 'closed' },
    },
    {
      id: 'Composition.section:sa',
      path: 'Composition.section',
      sliceName: 'sa',
      min: 1,
      type: [typed('Composition.section:a')],
    },
    {
      id: 'Composition.section:sb',
      path: 'Composition.section',
      sliceName: 'sb',
      min: 1,
      type: [typed('Composition.section:b')],
    },
  ]);

  it('the slice takes its children from that element in the snapshot', () => {
    const sd = new SnapshotGenerator(registryWith(library, doc)).generate(
      doc as unknown as StructureDefinition,
    ).structureDefinition;
    const byId = new Map((sd.snapshot?.element ?? []).map((e) => [e.id, e]));
    expect(byId.get('Composition.section:sa.code')?.patternCodeableConcept).toEqual(coding('a'));
    expect(byId.get('Composition.section:sb.code')?.patternCodeableConcept).toEqual(coding('b'));
    expect(byId.get('Composition.section:sb.title')?.min).toBe(1);
  });

  it('sections match their slices by the pattern from the library, and its rules apply', () => {
    const v = validatorWith([library, doc]);
    const composition = (sections: unknown[]) => ({
      resourceType: 'Composition',
      status: 'final',
      type: { text: 't' },
      date: '2024-01-01',
      author: [{ display: 'a' }],
      title: 't',
      section: sections,
    });
    const good = v.validate(
      composition([
        {
          code: coding('a'),
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">a</div>' },
        },
        {
          code: coding('b'),
          title: 'B',
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">b</div>' },
        },
      ]),
      { profiles: [doc.url] },
    );
    expect(notInfo(good.issues).filter((i) => i.startsWith('error'))).toEqual([]);
    const bad = v.validate(
      composition([
        {
          code: coding('a'),
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">a</div>' },
        },
        {
          code: coding('b'),
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">b</div>' },
        },
      ]),
      { profiles: [doc.url] },
    );
    expect(notInfo(bad.issues)).toContain('error cardinality.too-few @ Composition.section[1]');
  });
});

describe('slicing by an extension value fixed in re-slices of an inherited extension slice', () => {
  const extUrl = `${t}action-type`;
  const ext = {
    resourceType: 'StructureDefinition',
    url: extUrl,
    name: 'ActionType',
    status: 'draft',
    kind: 'complex-type',
    abstract: false,
    context: [{ type: 'element', expression: 'PlanDefinition.action' }],
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Extension', path: 'Extension' },
        { id: 'Extension.url', path: 'Extension.url', fixedUri: extUrl },
        { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'code' }] },
      ],
    },
  };
  const typed = [{ code: 'Extension', profile: [extUrl] }];
  const slice = (name: string, value: string, extra: Record<string, unknown>[] = []) => [
    { id: `PlanDefinition.action:${name}`, path: 'PlanDefinition.action', sliceName: name, min: 1 },
    {
      id: `PlanDefinition.action:${name}.extension:type/${value}`,
      path: 'PlanDefinition.action.extension',
      sliceName: `type/${value}`,
      min: 1,
      max: '1',
      type: typed,
    },
    {
      id: `PlanDefinition.action:${name}.extension:type/${value}.valueCode`,
      path: 'PlanDefinition.action.extension.valueCode',
      fixedCode: value,
    },
    ...extra,
  ];
  const plan = profile('plan', 'PlanDefinition', [
    {
      id: 'PlanDefinition.action',
      path: 'PlanDefinition.action',
      slicing: {
        discriminator: [{ type: 'value', path: `extension('${extUrl}').value` }],
        rules: 'open',
      },
    },
    {
      id: 'PlanDefinition.action.extension:type',
      path: 'PlanDefinition.action.extension',
      sliceName: 'type',
      type: typed,
    },
    ...slice('single', 'Single', [
      { id: 'PlanDefinition.action:single.title', path: 'PlanDefinition.action.title', min: 1 },
    ]),
    ...slice('alternate', 'Alternate'),
  ]);
  const action = (code: string, extra: Record<string, unknown> = {}) => ({
    extension: [{ url: extUrl, valueCode: code }],
    ...extra,
  });

  it('each action matches the one slice whose re-slice fixes its value', () => {
    const v = validatorWith([ext, plan]);
    const r = v.validate(
      {
        resourceType: 'PlanDefinition',
        status: 'active',
        action: [action('Single', { title: 'T' }), action('Alternate')],
      },
      { profiles: [plan.url] },
    );
    expect(notInfo(r.issues).filter((i) => i.startsWith('error'))).toEqual([]);
    const missing = v.validate(
      {
        resourceType: 'PlanDefinition',
        status: 'active',
        action: [action('Single'), action('Alternate')],
      },
      { profiles: [plan.url] },
    );
    expect(notInfo(missing.issues)).toContain(
      'error cardinality.too-few @ PlanDefinition.action[0]',
    );
  });
});

describe('a type discriminator through resolve()', () => {
  const list = profile('typed-list', 'List', [
    {
      id: 'List.entry',
      path: 'List.entry',
      slicing: { discriminator: [{ type: 'type', path: 'item.resolve()' }], rules: 'closed' },
    },
    { id: 'List.entry:c', path: 'List.entry', sliceName: 'c', min: 1, max: '1' },
    {
      id: 'List.entry:c.item',
      path: 'List.entry.item',
      type: [
        {
          code: 'Reference',
          targetProfile: ['http://hl7.org/fhir/StructureDefinition/Condition'],
        },
      ],
    },
  ]);

  it('expects the type of the target profile', () => {
    const v = validatorWith([list]);
    const make = (type: string, extra: Record<string, unknown>) => ({
      resourceType: 'List',
      status: 'current',
      mode: 'working',
      contained: [{ resourceType: type, id: 'x', ...extra }],
      entry: [{ item: { reference: '#x' } }],
    });
    const good = v.validate(make('Condition', { subject: { reference: 'Patient/p' } }), {
      profiles: [list.url],
    });
    expect(notInfo(good.issues).filter((i) => i.includes('slice.'))).toEqual([]);
    const bad = v.validate(make('Observation', { status: 'final', code: { text: 'c' } }), {
      profiles: [list.url],
    });
    expect(notInfo(bad.issues)).toContain('error slice.no-match-in-closed-slicing @ List.entry[0]');
  });
});

describe('the target type of an unresolved reference (assumeValidRestReferences)', () => {
  const observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'c' },
    subject: { reference: 'Medication/1' },
  };

  it('is a warning by default: the reference resolves nowhere, only its URL names a type', () => {
    expect(notInfo(baseValidator().validate(observation).issues)).toEqual([
      'warning reference.wrong-target-type @ Observation.subject',
    ]);
  });

  it('is an error when REST references are assumed valid', () => {
    const v = validatorWith([], { assumeValidRestReferences: true });
    expect(notInfo(v.validate(observation).issues)).toEqual([
      'error reference.wrong-target-type @ Observation.subject',
    ]);
  });

  it('is an error when the reference resolves (contained)', () => {
    const r = baseValidator().validate({
      ...observation,
      contained: [{ resourceType: 'Medication', id: 'm' }],
      subject: { reference: '#m' },
    });
    expect(notInfo(r.issues)).toContain('error reference.wrong-target-type @ Observation.subject');
  });
});

describe('extension contexts', () => {
  const ext = (id: string, context: unknown[], extra: Record<string, unknown> = {}) => ({
    resourceType: 'StructureDefinition',
    url: t + id,
    name: id.replace(/-/g, ''),
    status: 'draft',
    kind: 'complex-type',
    abstract: false,
    context,
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Extension', path: 'Extension' },
        { id: 'Extension.extension', path: 'Extension.extension', max: '0' },
        { id: 'Extension.url', path: 'Extension.url', fixedUri: t + id },
        { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'boolean' }] },
      ],
    },
    ...extra,
  });
  const on = (id: string) => ({ url: t + id, valueBoolean: true });
  const contextErrors = (v: ReturnType<typeof createValidator>, resource: unknown) =>
    notInfo(v.validate(resource).issues).filter((i) => i.includes('extension.'));

  it('a fhirpath context allows only the elements its expression selects', () => {
    const v = validatorWith([
      ext('home', [{ type: 'fhirpath', expression: "Patient.address.where(use = 'home')" }]),
    ]);
    const patient = (use: string) => ({
      resourceType: 'Patient',
      address: [{ extension: [on('home')], use }],
    });
    expect(contextErrors(v, patient('home'))).toEqual([]);
    expect(contextErrors(v, patient('work'))).toEqual([
      'error extension.context-not-allowed @ Patient.address[0].extension[0]',
    ]);
    expect(
      contextErrors(v, {
        resourceType: 'Patient',
        active: true,
        _active: { extension: [on('home')] },
      }),
    ).toEqual(['error extension.context-not-allowed @ Patient.active.extension[0]']);
  });

  it('an extension context allows the extension only inside that extension', () => {
    const inner = 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired';
    const v = validatorWith([ext('nested', [{ type: 'extension', expression: inner }])]);
    const patient = (outer: string) => ({
      resourceType: 'Patient',
      extension: [{ url: outer, valueBoolean: true, _valueBoolean: { extension: [on('nested')] } }],
    });
    expect(contextErrors(v, patient(inner))).toEqual([]);
    expect(
      contextErrors(v, patient('http://hl7.org/fhir/StructureDefinition/patient-cadavericDonor')),
    ).toEqual([
      'error extension.context-not-allowed @ Patient.extension[0].value.ofType(boolean).extension[0]',
    ]);
  });

  it('BackboneElement, DomainResource and DomainResource.text contexts mean those elements only', () => {
    const v = validatorWith([
      ext('abstract', [
        { type: 'element', expression: 'DomainResource' },
        { type: 'element', expression: 'DomainResource.text' },
        { type: 'element', expression: 'BackboneElement' },
      ]),
    ]);
    expect(
      contextErrors(v, {
        resourceType: 'Patient',
        extension: [on('abstract')],
        text: {
          status: 'generated',
          div: '<div xmlns="http://www.w3.org/1999/xhtml">p</div>',
          extension: [on('abstract')],
        },
        contact: [{ extension: [on('abstract')], name: { text: 'c' } }],
      }),
    ).toEqual([]);
    expect(
      contextErrors(v, {
        resourceType: 'Patient',
        name: [{ extension: [on('abstract')], text: 'n' }],
      }),
    ).toEqual(['error extension.context-not-allowed @ Patient.name[0].extension[0]']);
  });

  it('a context invariant is checked on the element holding the extension', () => {
    const v = validatorWith([
      ext('inactive', [{ type: 'element', expression: 'Patient' }], {
        contextInvariant: ['Patient.active.not()'],
      }),
    ]);
    expect(
      contextErrors(v, { resourceType: 'Patient', active: false, extension: [on('inactive')] }),
    ).toEqual([]);
    expect(
      contextErrors(v, { resourceType: 'Patient', active: true, extension: [on('inactive')] }),
    ).toEqual(['error extension.context-invariant-failed @ Patient.extension[0]']);
  });

  it('an extension url that is not absolute is an error', () => {
    expect(
      contextErrors(baseValidator(), {
        resourceType: 'Patient',
        extension: [{ url: 'something', valueBoolean: true }],
      }),
    ).toEqual(['error extension.url-not-absolute @ Patient.extension[0]']);
  });
});

describe('Bundle entries without a fullUrl', () => {
  const bundle = (type: string) => ({
    resourceType: 'Bundle',
    type,
    entry: [
      { resource: { resourceType: 'Basic', code: { text: 'a' } } },
      {
        fullUrl: 'urn:uuid:7d8c2f0e-2b7a-4a3e-9d55-1b2c3d4e5f60',
        resource: { resourceType: 'Basic', code: { text: 'b' } },
      },
    ],
  });
  const fullUrlIssues = (type: string) =>
    notInfo(baseValidator().validate(bundle(type)).issues).filter((i) => i.includes('fullurl'));

  it('is an error on an entry with a resource, except in transactions and batches', () => {
    expect(fullUrlIssues('collection')).toEqual(['error bundle.fullurl-missing @ Bundle.entry[0]']);
    expect(fullUrlIssues('transaction')).toEqual([]);
    expect(fullUrlIssues('batch')).toEqual([]);
  });
});

describe('txt-2: the narrative has some non-whitespace content', () => {
  const basic = (div: string) => ({
    resourceType: 'Basic',
    code: { text: 'c' },
    text: { status: 'generated', div },
  });
  const txt2 = (div: string) =>
    baseValidator()
      .validate(basic(div))
      .issues.filter((i) => i.params?.['key'] === 'txt-2')
      .map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

  it('fails on an empty or whitespace-only div, holds with text or an image', () => {
    expect(txt2('<div xmlns="http://www.w3.org/1999/xhtml">\n  <!-- nothing -->\n</div>')).toEqual([
      'error invariant.failed @ Basic.text.div',
    ]);
    expect(txt2('<div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div>')).toEqual([]);
    expect(txt2('<div xmlns="http://www.w3.org/1999/xhtml"><img src="#a" alt=""/></div>')).toEqual(
      [],
    );
  });
});
