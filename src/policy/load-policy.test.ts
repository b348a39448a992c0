import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadPolicy } from './load-policy.js';
import { activeWaivers, isExpired, policyValidateOptions } from './partner-policy.js';

const example = {
  $schema: '../schemas/partner-policy.schema.json',
  partner: 'northvale-council',
  profiles: ['https://example.org/fhir/StructureDefinition/SocialCareReferral|1.2.0'],
  severity: { 'binding.not-in-value-set': 'warning' },
  suppress: [
    {
      code: 'extension.unknown',
      expression: 'Patient.extension',
      reason: 'Local ethnicity extension agreed in DSA v3',
      until: '2026-06-30',
    },
  ],
  waivers: [{ requirement: 'MDS-04', reason: 'PDS tracing goes live in Q2', until: '2027-03-31' }],
  limits: { maxIssues: 500 },
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('loadPolicy', () => {
  it('loads a valid policy, drops $schema and freezes it', () => {
    const p = loadPolicy(example);
    expect(p.partner).toBe('northvale-council');
    expect('$schema' in p).toBe(false);
    expect(Object.isFrozen(p.suppress?.[0])).toBe(true);
  });

  it.each([
    [
      'a suppression without a reason',
      { partner: 'p', suppress: [{ code: 'a.b', expression: 'Patient' }] },
    ],
    [
      'a waiver without an expiry',
      { partner: 'p', waivers: [{ requirement: 'MDS-01', reason: 'because' }] },
    ],
    [
      'an impossible date',
      {
        partner: 'p',
        waivers: [{ requirement: 'MDS-01', reason: 'because', until: '2026-02-30' }],
      },
    ],
    ['an unknown severity', { partner: 'p', severity: { 'a.b': 'critical' } }],
    ['a code that is not family.condition', { partner: 'p', severity: { Foo: 'error' } }],
    ['an unknown property', { partner: 'p', ignore: ['x'] }],
    ['no partner', {}],
    ['not an object', 'policy'],
  ])('throws ConfigError policy.invalid for %s', (_name, json) => {
    expect(codeOf(() => loadPolicy(json))).toBe('policy.invalid');
  });
});

describe('policyValidateOptions / isExpired', () => {
  it('merges profiles and limits over the base options', () => {
    const p = loadPolicy(example);
    expect(policyValidateOptions(p, { profiles: ['https://a.example/x'], maxDepth: 50 })).toEqual({
      profiles: [
        'https://a.example/x',
        'https://example.org/fhir/StructureDefinition/SocialCareReferral|1.2.0',
      ],
      maxDepth: 50,
      maxIssues: 500,
    });
    expect(policyValidateOptions(loadPolicy({ partner: 'p' }))).toEqual({});
  });

  it('treats the until date as inclusive (UTC)', () => {
    expect(isExpired('2026-06-30', new Date('2026-06-30T23:59:59Z'))).toBe(false);
    expect(isExpired('2026-06-30', new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(isExpired(undefined, new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });

  it('lists the requirements waived at an instant', () => {
    const p = loadPolicy({
      partner: 'p',
      waivers: [
        { requirement: 'MDS-12', reason: 'census labels from Q3', until: '2026-09-30' },
        { requirement: 'MDS-04', reason: 'PDS tracing from Q2', until: '2026-06-30' },
      ],
    });
    expect(activeWaivers(p, new Date('2026-06-30T10:00:00Z'))).toEqual(['MDS-04', 'MDS-12']);
    expect(activeWaivers(p, new Date('2026-07-01T00:00:00Z'))).toEqual(['MDS-12']);
    expect(activeWaivers(loadPolicy({ partner: 'p' }), new Date(0))).toEqual([]);
  });
});
