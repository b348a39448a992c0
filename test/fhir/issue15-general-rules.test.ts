/**
 * General rules found on held-out HL7 validator cases (issue 15, second pass), each on small inputs
 * written for one behaviour: codes, FHIRPath locations and severities (never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const located = (issues: readonly Issue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => `${i.severity} @ ${i.expression}`);
const errors = (issues: readonly Issue[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => `${i.code} @ ${i.expression}`);

describe('SearchParameter types agree with the R4 SearchParameters they name', () => {
  const sp = (type: string, derivedFrom?: string) => ({
    resourceType: 'SearchParameter',
    url: 'https://mdss.example.org/fhir/SearchParameter/org-name',
    name: 'OrgName',
    status: 'active',
    description: 'Organization name',
    code: 'name',
    base: ['Organization'],
    type,
    expression: 'Organization.name',
    ...(derivedFrom ? { derivedFrom } : {}),
  });

  it('a type other than the derivedFrom parameter (R4 Organization-name is string) is an error at type', () => {
    const r = v.validate(sp('token', 'http://hl7.org/fhir/SearchParameter/Organization-name'));
    expect(located(r.issues, 'searchparameter.derived-type-mismatch')).toEqual([
      'error @ SearchParameter.type',
    ]);
  });

  it('the same type, no derivedFrom, or a derivedFrom that is not loaded is fine', () => {
    for (const r of [
      v.validate(sp('string', 'http://hl7.org/fhir/SearchParameter/Organization-name')),
      v.validate(sp('token')),
      v.validate(sp('token', 'https://mdss.example.org/fhir/SearchParameter/unknown')),
    ])
      expect(located(r.issues, 'searchparameter.derived-type-mismatch')).toEqual([]);
  });

  const capability = (type: string, definition: string) => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-01-01',
    kind: 'instance',
    implementation: { description: 'test' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'AllergyIntolerance',
            searchParam: [
              {
                name: 'patient',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
                type: 'reference',
              },
              { name: 'clinical-status', definition, type },
            ],
          },
        ],
      },
    ],
  });

  it('a CapabilityStatement searchParam whose type differs from its definition (token) is an error at its type', () => {
    const r = v.validate(
      capability('date', 'http://hl7.org/fhir/SearchParameter/AllergyIntolerance-clinical-status'),
    );
    expect(located(r.issues, 'searchparameter.capability-type-mismatch')).toEqual([
      'error @ CapabilityStatement.rest[0].resource[0].searchParam[1].type',
    ]);
  });

  it('matching types and definitions that are not loaded are fine', () => {
    for (const r of [
      v.validate(
        capability(
          'token',
          'http://hl7.org/fhir/SearchParameter/AllergyIntolerance-clinical-status',
        ),
      ),
      v.validate(capability('date', 'https://mdss.example.org/fhir/SearchParameter/x')),
    ])
      expect(errors(r.issues)).toEqual([]);
  });
});
