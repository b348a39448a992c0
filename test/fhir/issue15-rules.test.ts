/**
 * R4 rules of issue 15, each on small inputs written for one behaviour (codes, locations and
 * severities; never message text).
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const notInfo = (issues: readonly Issue[]) => issues.filter((i) => i.severity !== 'information').map((i) => `${i.severity} ${i.code} @ ${i.expression}`);

describe('ElementDefinition invariants with PCRE-style regexes (eld-16, eld-19, eld-20)', () => {
  const sd = (elements: unknown[]) => ({
    resourceType: 'StructureDefinition',
    url: 'https://mdss.example.org/fhir/StructureDefinition/eld',
    name: 'Eld',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: { element: [{ id: 'Patient', path: 'Patient' }, ...elements] },
  });

  it('are evaluated: a good StructureDefinition has no evaluation warnings', () => {
    expect(notInfo(v.validate(sd([{ id: 'Patient.name:official', path: 'Patient.name', sliceName: 'official' }])).issues)).toEqual([]);
  });

  it('eld-16: a sliceName that is not a token is an error on its element', () => {
    expect(notInfo(v.validate(sd([{ id: 'Patient.name:a b', path: 'Patient.name', sliceName: 'a b' }])).issues)).toEqual(['error invariant.failed @ StructureDefinition.differential.element[1]']);
  });
});
