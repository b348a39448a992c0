import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementPath, issueElementPath, pathMatches, stripExpression } from './element-path.js';
import { createRecordIndex } from './record-index.js';

describe('stripExpression', () => {
  it.each([
    ['Patient.name[0].given[1]', 'Patient.name.given'],
    ['Observation.value.ofType(Quantity)', 'Observation.value.ofType(Quantity)'],
    [
      "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value",
      'Patient.identifier.value',
    ],
    [
      "Patient.extension('https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory').value",
      'Patient.extension.value',
    ],
    [
      'Bundle.entry[2].resource/*Patient/p1*/.identifier[0].value',
      'Bundle.entry.resource.identifier.value',
    ],
    ['Row[17].NHS_Number', 'Row.NHS_Number'],
    ['["odd key"][0].x', 'x'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(stripExpression(input)).toBe(expected);
  });

  it('never keeps digits of an index or any quoted literal (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('name', 'identifier', 'value', 'given'), fc.nat(999)), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.string(),
        (parts, literal) => {
          const safe = literal.replace(/['\\]/g, '');
          const expr =
            'Patient' + parts.map(([n, i]) => `.${n}[${i}]`).join('') + `.where(system='${safe}')`;
          const out = stripExpression(expr);
          expect(out).toBe('Patient' + parts.map(([n]) => `.${n}`).join(''));
        },
      ),
    );
  });
});

describe('elementPath', () => {
  it('re-roots Bundle entries and contained resources on the owning record', () => {
    expect(
      elementPath('Bundle.entry[2].resource.identifier[0].value', {
        pointer: '/entry/2/resource',
        type: 'Patient',
      }),
    ).toBe('Patient.identifier.value');
    expect(
      elementPath('Bundle.entry[0].resource.ofType(Patient).name[0]', {
        pointer: '/entry/0/resource',
        type: 'Patient',
      }),
    ).toBe('Patient.name');
    expect(
      elementPath('Bundle.entry[0].resource.contained[1].code', {
        pointer: '/entry/0/resource/contained/1',
        type: 'Medication',
      }),
    ).toBe('Medication.code');
    expect(
      elementPath('Bundle.entry[0].resource', { pointer: '/entry/0/resource', type: 'Patient' }),
    ).toBe('Patient');
  });

  it('keeps the expression root for root records and feed rows', () => {
    expect(elementPath('Patient.name[0].family', { pointer: '', type: 'Patient' })).toBe(
      'Patient.name.family',
    );
    expect(elementPath('Row[3].NHS_Number', { pointer: '/3', type: 'cld-event' })).toBe(
      'Row.NHS_Number',
    );
    expect(elementPath('Patient.name[0]')).toBe('Patient.name');
  });
});

describe('pathMatches', () => {
  it('matches on whole segments, choice types, and without the root', () => {
    expect(pathMatches('Patient.identifier.value', 'Patient.identifier')).toBe(true);
    expect(pathMatches('Patient.identifier', 'Patient.identifier')).toBe(true);
    expect(pathMatches('Patient.identifierX', 'Patient.identifier')).toBe(true);
    expect(pathMatches('Patient.identifiers', 'Patient.identifier')).toBe(false);
    expect(pathMatches('Observation.valueQuantity', 'Observation.value')).toBe(true);
    expect(pathMatches('Row.NHS_Number', 'NHS_Number')).toBe(true);
    expect(pathMatches('Row.NHS_Number_Extra', 'NHS_Number')).toBe(false);
    expect(pathMatches('Condition.meta.source', 'meta.source')).toBe(true);
    expect(pathMatches('Patient.name', 'Patient.identifier')).toBe(false);
  });
});

describe('createRecordIndex', () => {
  const owner = createRecordIndex([
    { pointer: '', type: 'Bundle' },
    { pointer: '/entry/1/resource', type: 'Patient' },
    { pointer: '/entry/1/resource/contained/0', type: 'Organization' },
    { pointer: '/entry/10/resource', type: 'Observation' },
  ]);

  it('picks the record with the longest prefix on whole tokens', () => {
    expect(owner('/entry/1/resource/name/0')?.type).toBe('Patient');
    expect(owner('/entry/1/resource/contained/0/identifier')?.type).toBe('Organization');
    expect(owner('/entry/10/resource/code')?.type).toBe('Observation');
    expect(owner('/entry/1')?.type).toBe('Bundle');
    expect(owner('')?.type).toBe('Bundle');
  });

  it('returns undefined when no record owns the pointer', () => {
    const rows = createRecordIndex([{ pointer: '/0', type: 'cld-event' }]);
    expect(rows('/0/NHS_Number')?.type).toBe('cld-event');
    expect(rows('/01/NHS_Number')).toBeUndefined();
    expect(rows('')).toBeUndefined();
  });
});

describe('issueElementPath', () => {
  it('uses the element named by a cardinality issue, not the parent it sits on', () => {
    expect(
      issueElementPath({
        code: 'cardinality.too-few',
        expression: 'Patient',
        params: { path: 'Patient.name' },
      }),
    ).toBe('Patient.name');
    expect(
      issueElementPath(
        {
          code: 'cardinality.too-few',
          expression: 'Bundle.entry[6].resource',
          params: { path: 'Patient.identifier:nhsNumber' },
        },
        { pointer: '/entry/6/resource', type: 'Patient' },
      ),
    ).toBe('Patient.identifier');
    expect(
      issueElementPath({
        code: 'cardinality.too-few',
        expression: 'Patient.extension[0]',
        params: { path: 'Extension.url' },
      }),
    ).toBe('Patient.extension.url');
    expect(
      issueElementPath({
        code: 'structure.unknown-property',
        expression: 'Patient',
        params: { path: 'Patient.name' },
      }),
    ).toBe('Patient');
  });
});
