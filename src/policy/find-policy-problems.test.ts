import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { findPolicyProblems } from './find-policy-problems.js';
import { loadPolicy } from './load-policy.js';

describe('findPolicyProblems', () => {
  it('reports unknown codes, unknown requirement ids and expired entries with pointers', () => {
    const policy = loadPolicy({
      partner: 'p',
      severity: { 'jsonschema.enum': 'warning', 'jsonschema.emun': 'warning' },
      suppress: [
        {
          code: 'jsonschema.pattern',
          expression: 'NHS_Number',
          requirement: 'MDS-99',
          reason: 'typo',
          until: '2026-01-31',
        },
        { code: 'jsonschema.format', expression: 'Date_of_Birth', reason: 'fine' },
      ],
      waivers: [
        { requirement: 'MDS-04', reason: 'PDS tracing from Q2', until: '2027-01-01' },
        { requirement: 'MDS-42', reason: 'typo', until: '2027-01-01' },
      ],
    });
    expect(findPolicyProblems(policy, builtinCatalogue, new Date('2026-06-01T00:00:00Z'))).toEqual([
      { pointer: '/severity/jsonschema.emun', problem: 'unknown-code', subject: 'jsonschema.emun' },
      { pointer: '/suppress/0/requirement', problem: 'unknown-requirement', subject: 'MDS-99' },
      { pointer: '/suppress/0/until', problem: 'expired', subject: '2026-01-31' },
      { pointer: '/waivers/1/requirement', problem: 'unknown-requirement', subject: 'MDS-42' },
    ]);
  });

  it('finds nothing in a clean policy', () => {
    expect(
      findPolicyProblems(
        loadPolicy({ partner: 'p', severity: { 'policy.waiver-expired': 'information' } }),
        builtinCatalogue,
        new Date(0),
      ),
    ).toEqual([]);
  });
});
