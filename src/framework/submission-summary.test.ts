import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import { builtinCatalogue } from './builtin-catalogue.js';
import { summarizeSubmission } from './submission-summary.js';
import type { SubmissionContext } from './submission-summary.js';

function issue(
  code: string,
  expression: string,
  pointer: string,
  extra: Partial<Issue> = {},
): Issue {
  return {
    code,
    severity: 'error',
    message: `value 9434765919 of ${expression}`,
    expression,
    pointer,
    params: { value: 'Jo Bloggs' },
    ...extra,
  };
}

function ctx(over: Partial<SubmissionContext> = {}): SubmissionContext {
  return {
    partnerId: 'northvale-council',
    feed: 'cld',
    kind: 'upload',
    catalogue: builtinCatalogue,
    validatorVersion: '0.1.0',
    packages: ['mdss.framework#0.1.0', 'hl7.fhir.r4.core#4.0.1'],
    payloadHash: 'ab'.repeat(32),
    payloadSize: 1234,
    receivedAt: '2026-11-23T01:00:00.000Z',
    durationMs: 12,
    ...over,
  };
}

const cldResult: ValidationResult = {
  valid: false,
  truncated: false,
  profiles: [],
  recordCount: 4,
  records: [0, 1, 2, 3].map((i) => ({ pointer: `/${i}`, type: 'cld-event' })),
  issues: [
    issue('england.nhs-number-check-digit', 'Row[0].NHS_Number', '/0/NHS_Number'),
    issue('england.nhs-number-check-digit', 'Row[2].NHS_Number', '/2/NHS_Number', {
      waived: { reason: 'agreed', until: '2027-01-01' },
    }),
    issue('england.nhs-number-format', 'Row[2].NHS_Number', '/2/NHS_Number'),
    issue('jsonschema.enum', 'Row[1].Ethnicity', '/1/Ethnicity', { severity: 'warning' }),
    issue('jsonschema.enum', 'Row[3].Ethnicity', '/3/Ethnicity', {
      severity: 'warning',
      waived: { reason: 'local list until Q3' },
    }),
    issue('binding.not-checked', 'Row[1].Gender', '/1/Gender', {
      severity: 'information',
      requirements: ['MDS-14'],
    }),
  ],
};

describe('summarizeSubmission', () => {
  const s = summarizeSubmission(cldResult, ctx());

  it('copies context and counts records by type', () => {
    expect(s).toMatchObject({
      partnerId: 'northvale-council',
      feed: 'cld',
      kind: 'upload',
      frameworkVersion: '0.1.0',
      validatorVersion: '0.1.0',
      payloadSize: 1234,
      recordCount: 4,
      recordTypes: { 'cld-event': 4 },
      valid: false,
      errorCount: 2,
      warningCount: 1,
    });
    expect(s.packages).toEqual(['hl7.fhir.r4.core#4.0.1', 'mdss.framework#0.1.0']);
  });

  it('counts per requirement: a non-waived issue fails the record, waived-only issues waive it, information never fails', () => {
    const byId = Object.fromEntries(s.requirements.map((r) => [r.requirementId, r]));
    expect(byId['MDS-02']).toEqual({
      requirementId: 'MDS-02',
      checked: 4,
      passed: 2,
      failed: 2,
      waived: 0,
    });
    expect(byId['MDS-12']).toEqual({
      requirementId: 'MDS-12',
      checked: 4,
      passed: 2,
      failed: 1,
      waived: 1,
    });
    expect(byId['MDS-14']).toEqual({
      requirementId: 'MDS-14',
      checked: 4,
      passed: 2,
      failed: 1,
      waived: 1,
    });
    expect(byId['MDS-01']).toEqual({
      requirementId: 'MDS-01',
      checked: 4,
      passed: 4,
      failed: 0,
      waived: 0,
    });
  });

  it('lists only requirements that apply to the feed and its record types', () => {
    const ids = s.requirements.map((r) => r.requirementId);
    expect(ids).not.toContain('MDS-15');
    expect(ids).not.toContain('MDS-16');
    expect(ids).not.toContain('MDS-20');
    expect(ids).toEqual([...ids].sort());
  });

  it('aggregates by code, index-free path and severity, with waived counts and requirement ids', () => {
    expect(s.issues).toEqual([
      {
        code: 'binding.not-checked',
        path: 'Row.Gender',
        severity: 'information',
        count: 1,
        requirements: ['MDS-14'],
        waived: 0,
      },
      {
        code: 'england.nhs-number-check-digit',
        path: 'Row.NHS_Number',
        severity: 'error',
        count: 2,
        requirements: ['MDS-02'],
        waived: 1,
      },
      {
        code: 'england.nhs-number-format',
        path: 'Row.NHS_Number',
        severity: 'error',
        count: 1,
        requirements: ['MDS-02'],
        waived: 0,
      },
      {
        code: 'jsonschema.enum',
        path: 'Row.Ethnicity',
        severity: 'warning',
        count: 2,
        requirements: ['MDS-12', 'MDS-14'],
        waived: 1,
      },
    ]);
  });

  it('never carries messages, params or payload values', () => {
    const text = JSON.stringify(s);
    expect(text).not.toContain('9434765919');
    expect(text).not.toContain('Jo Bloggs');
    expect(text).not.toContain('agreed');
  });

  it('is deterministic', () => {
    expect(summarizeSubmission(cldResult, ctx())).toEqual(s);
  });
});

describe('summarizeSubmission: records, ownership and scopes', () => {
  it('counts a result without records as one record of the context type', () => {
    const r: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 1,
      issues: [issue('cardinality.too-few', 'Patient.birthDate', '')],
    };
    const s = summarizeSubmission(r, ctx({ feed: 'fhir', recordType: 'Patient' }));
    expect(s.recordCount).toBe(1);
    expect(s.recordTypes).toEqual({ Patient: 1 });
    const byId = Object.fromEntries(s.requirements.map((x) => [x.requirementId, x]));
    expect(byId['MDS-06']).toMatchObject({ checked: 1, failed: 1, passed: 0 });
    expect(byId['MDS-15']).toMatchObject({ checked: 1, failed: 1 });
    expect(byId['MDS-16']).toBeUndefined();
  });

  it('gives Bundle entry issues to their entry and re-roots paths', () => {
    const r: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 4,
      records: [
        { pointer: '', type: 'Bundle' },
        { pointer: '/entry/0/resource', type: 'Patient' },
        { pointer: '/entry/1/resource', type: 'Patient' },
        { pointer: '/entry/2/resource', type: 'AllergyIntolerance' },
      ],
      issues: [
        issue('cardinality.too-few', 'Bundle.entry[1].resource.name', '/entry/1/resource'),
        issue('cardinality.too-few', 'Bundle.entry[2].resource.code', '/entry/2/resource'),
      ],
    };
    const s = summarizeSubmission(r, ctx({ feed: 'fhir' }));
    const byId = Object.fromEntries(s.requirements.map((x) => [x.requirementId, x]));
    expect(byId['MDS-06']).toEqual({
      requirementId: 'MDS-06',
      checked: 2,
      passed: 1,
      failed: 1,
      waived: 0,
    });
    expect(byId['MDS-16']).toEqual({
      requirementId: 'MDS-16',
      checked: 1,
      passed: 0,
      failed: 1,
      waived: 0,
    });
    expect(byId['MDS-15']).toEqual({
      requirementId: 'MDS-15',
      checked: 4,
      passed: 2,
      failed: 2,
      waived: 0,
    });
    expect(s.issues.map((i) => i.path)).toEqual(['AllergyIntolerance.code', 'Patient.name']);
    expect(s.recordTypes).toEqual({ AllergyIntolerance: 1, Bundle: 1, Patient: 2 });
  });

  it('applies an issue no record owns to every applicable record', () => {
    const r: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 3,
      records: [0, 1, 2].map((i) => ({ pointer: `/${i}`, type: 'cld-event' })),
      issues: [issue('jsonschema.required', 'NHS_Number', '')],
    };
    const mds01 = summarizeSubmission(r, ctx()).requirements.find(
      (x) => x.requirementId === 'MDS-01',
    );
    expect(mds01).toEqual({ requirementId: 'MDS-01', checked: 3, passed: 0, failed: 3, waived: 0 });
  });

  it('checks capability requirements once per pull, and not for uploads', () => {
    const r: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 1,
      records: [{ pointer: '', type: 'CapabilityStatement' }],
      issues: [
        issue(
          'capability.interaction-missing',
          'CapabilityStatement.rest[0].resource[2]',
          '/rest/0/resource/2',
          { severity: 'warning' },
        ),
      ],
    };
    const pull = summarizeSubmission(r, ctx({ feed: 'fhir', kind: 'pull' })).requirements.find(
      (x) => x.requirementId === 'MDS-20',
    );
    expect(pull).toEqual({ requirementId: 'MDS-20', checked: 1, passed: 0, failed: 1, waived: 0 });
    const upload = summarizeSubmission(r, ctx({ feed: 'fhir', kind: 'upload' })).requirements.find(
      (x) => x.requirementId === 'MDS-20',
    );
    expect(upload).toBeUndefined();
    const clean = summarizeSubmission(
      { ...r, issues: [] },
      ctx({ feed: 'fhir', kind: 'pull' }),
    ).requirements.find((x) => x.requirementId === 'MDS-20');
    expect(clean).toEqual({ requirementId: 'MDS-20', checked: 1, passed: 1, failed: 0, waived: 0 });
  });

  it('counts failures of policy-waived requirements as waived, per requirement', () => {
    const r: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 2,
      records: [
        { pointer: '/0', type: 'cld-event' },
        { pointer: '/1', type: 'cld-event' },
      ],
      issues: [
        issue('jsonschema.enum', 'Row[0].Ethnicity', '/0/Ethnicity'),
        issue('england.postcode-format', 'Row[1].Postcode', '/1/Postcode'),
      ],
    };
    const s = summarizeSubmission(r, ctx({ waivedRequirements: ['MDS-12'] }));
    const byId = Object.fromEntries(s.requirements.map((x) => [x.requirementId, x]));
    expect(byId['MDS-12']).toEqual({
      requirementId: 'MDS-12',
      checked: 2,
      passed: 1,
      failed: 0,
      waived: 1,
    });
    expect(byId['MDS-14']).toEqual({
      requirementId: 'MDS-14',
      checked: 2,
      passed: 1,
      failed: 1,
      waived: 0,
    });
    expect(byId['MDS-10']).toEqual({
      requirementId: 'MDS-10',
      checked: 2,
      passed: 1,
      failed: 1,
      waived: 0,
    });
  });
});

describe('summarizeSubmission: hostile record types', () => {
  it('counts a record type named __proto__ as data, not as a prototype', () => {
    const r: ValidationResult = {
      valid: true,
      truncated: false,
      profiles: [],
      recordCount: 1,
      issues: [],
      records: [{ pointer: '', type: '__proto__' }],
    };
    const s = summarizeSubmission(r, ctx({ feed: 'fhir' }));
    expect(Object.getOwnPropertyNames(s.recordTypes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(s.recordTypes)).toBe(Object.prototype);
  });
});
