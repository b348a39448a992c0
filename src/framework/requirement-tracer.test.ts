import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import { builtinCatalogue } from './builtin-catalogue.js';
import { loadCatalogue } from './catalogue.js';
import { createRequirementTracer, traceResult } from './requirement-tracer.js';

function issue(code: string, expression: string, pointer = '', extra: Partial<Issue> = {}): Issue {
  return { code, severity: 'error', message: '', expression, pointer, params: {}, ...extra };
}

const trace = createRequirementTracer(builtinCatalogue);

describe('createRequirementTracer (built-in catalogue)', () => {
  it('maps NHS number rule codes whatever the path', () => {
    expect(
      trace(issue('england.nhs-number-check-digit', 'Patient.identifier[0].value'), 'fhir'),
    ).toEqual(['MDS-02']);
    expect(trace(issue('england.nhs-number-test-range', 'Row[4].NHS_Number'), 'cld')).toEqual([
      'MDS-03',
    ]);
  });

  it('uses path prefixes: cardinality.too-few on Patient.name is MDS-06 (and MDS-15 for FHIR)', () => {
    expect(trace(issue('cardinality.too-few', 'Patient.name'), 'fhir')).toEqual([
      'MDS-06',
      'MDS-15',
    ]);
    expect(trace(issue('cardinality.too-few', 'AllergyIntolerance.code'), 'fhir')).toEqual([
      'MDS-15',
      'MDS-16',
    ]);
    expect(trace(issue('cardinality.too-few', 'Observation.status'), 'fhir')).toEqual(['MDS-15']);
  });

  it('matches feed field names without the row root, and honours the trace feed', () => {
    expect(
      trace(issue('jsonschema.required', 'Row[7].NHS_Number', '/7/NHS_Number'), 'cld'),
    ).toEqual(['MDS-01']);
    expect(trace(issue('jsonschema.required', 'Row[7].Date_of_Birth'), 'cld')).toEqual(['MDS-06']);
    expect(trace(issue('jsonschema.enum', 'Row[2].Ethnicity'), 'cld')).toEqual([
      'MDS-12',
      'MDS-14',
    ]);
    expect(trace(issue('jsonschema.enum', 'Row[2].Event_Type'), 'cld')).toEqual(['MDS-14']);
  });

  it('matches family wildcards (structure.*, capability.*) within the requirement feeds', () => {
    expect(trace(issue('structure.unknown-property', 'Patient.foo'), 'fhir')).toEqual(['MDS-15']);
    expect(trace(issue('structure.unknown-property', 'Row.foo'), 'cld')).toEqual([]);
    expect(
      trace(issue('capability.resource-type-missing', 'CapabilityStatement.rest[0]'), 'fhir'),
    ).toEqual(['MDS-20']);
  });

  it('matches the rule profile (without version) and invariant keys', () => {
    const eth = issue(
      'binding.not-in-value-set',
      'Patient.extension[0].value.ofType(CodeableConcept)',
      '/extension/0',
      {
        rule: {
          profile:
            'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory|2.0.0',
        },
      },
    );
    expect(trace(eth, 'fhir')).toEqual(['MDS-12', 'MDS-14']);
    const inv = issue('invariant.failed', 'EpisodeOfCare', '', {
      rule: { constraintKey: 'mds-17' },
    });
    expect(trace(inv, 'fhir')).toEqual(['MDS-15', 'MDS-17']);
  });

  it('respects the record type scope when the context gives it', () => {
    expect(
      trace(issue('england.postcode-format', 'Patient.address[0].postalCode'), 'fhir', {
        recordType: 'Patient',
      }),
    ).toEqual(['MDS-10']);
    expect(
      trace(issue('england.postcode-format', 'Practitioner.address[0].postalCode'), 'fhir', {
        recordType: 'Practitioner',
      }),
    ).toEqual([]);
  });

  it('returns nothing for codes no requirement traces', () => {
    expect(trace(issue('engine.limit-reached', ''), 'fhir')).toEqual([]);
  });

  it('is driven by the catalogue data only', () => {
    const custom = loadCatalogue({
      framework: { ...builtinCatalogue.framework },
      requirements: [
        {
          id: 'MDS-90',
          title: 't',
          rationale: 'r',
          level: 'MUST',
          since: '0.1.0',
          sources: ['s'],
          appliesTo: { feeds: ['fhir'] },
          checkedBy: [{ kind: 'england-rule', ref: 'x' }],
          traces: [{ code: 'england.ods-code-format', path: 'Organization.identifier' }],
        },
      ],
    });
    const t = createRequirementTracer(custom);
    expect(t(issue('england.ods-code-format', 'Organization.identifier[1].value'), 'fhir')).toEqual(
      ['MDS-90'],
    );
    expect(
      t(
        issue('england.ods-code-format', 'Patient.generalPractitioner[0].identifier.value'),
        'fhir',
      ),
    ).toEqual([]);
  });
});

describe('traceResult', () => {
  it('traces Bundle entries in the context of their record and merges existing ids', () => {
    const result: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 3,
      records: [
        { pointer: '', type: 'Bundle' },
        { pointer: '/entry/0/resource', type: 'Patient' },
        { pointer: '/entry/1/resource', type: 'AllergyIntolerance' },
      ],
      issues: [
        issue('cardinality.too-few', 'Bundle.entry[0].resource.birthDate', '/entry/0/resource'),
        issue('cardinality.too-few', 'Bundle.entry[1].resource.code', '/entry/1/resource', {
          requirements: ['MDS-99'],
        }),
        issue('engine.limit-reached', '', ''),
      ],
    };
    const traced = traceResult(result, trace, 'fhir');
    expect(traced.issues.map((i) => i.requirements)).toEqual([
      ['MDS-06', 'MDS-15'],
      ['MDS-15', 'MDS-16', 'MDS-99'],
      undefined,
    ]);
    expect(result.issues[0]?.requirements).toBeUndefined();
  });
});
