import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import { applyPolicy } from './apply-policy.js';
import { loadPolicy } from './load-policy.js';

function issue(
  code: string,
  expression: string,
  pointer: string,
  extra: Partial<Issue> = {},
): Issue {
  return { code, severity: 'error', message: '', expression, pointer, params: {}, ...extra };
}

function result(issues: Issue[], records?: ValidationResult['records']): ValidationResult {
  return {
    valid: false,
    truncated: false,
    profiles: [],
    recordCount: records?.length ?? 1,
    issues,
    ...(records ? { records } : {}),
  };
}

const june = new Date('2026-06-15T12:00:00Z');
const august = new Date('2026-08-01T00:00:00Z');

const policy = loadPolicy({
  partner: 'northvale-council',
  severity: { 'binding.not-in-value-set': 'warning' },
  suppress: [
    {
      code: 'extension.unknown',
      expression: 'Patient.extension',
      reason: 'Local extension agreed in DSA v3',
      until: '2026-06-30',
    },
    {
      code: 'jsonschema.pattern',
      expression: 'NHS_Number',
      requirement: 'MDS-02',
      reason: 'Legacy rows being cleaned',
    },
  ],
  waivers: [{ requirement: 'MDS-04', reason: 'PDS tracing goes live in Q3', until: '2026-07-31' }],
});

describe('applyPolicy', () => {
  it('overrides severity by code and recomputes validity', () => {
    const out = applyPolicy(
      result([issue('binding.not-in-value-set', 'Patient.maritalStatus', '/maritalStatus')]),
      policy,
      june,
    );
    expect(out.issues.map((i) => [i.code, i.severity, i.waived])).toEqual([
      ['binding.not-in-value-set', 'warning', undefined],
    ]);
    expect(out.valid).toBe(true);
  });

  it('marks suppressed issues waived with reason and expiry, keeps them, and they no longer invalidate', () => {
    const input = result([issue('extension.unknown', 'Patient.extension[2]', '/extension/2')]);
    const out = applyPolicy(input, policy, june);
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]?.waived).toEqual({
      reason: 'Local extension agreed in DSA v3',
      until: '2026-06-30',
    });
    expect(out.valid).toBe(true);
    expect(input.issues[0]?.waived).toBeUndefined();
  });

  it('matches suppressions on the element path of Bundle entries and on whole segments only', () => {
    const records = [
      { pointer: '', type: 'Bundle' },
      { pointer: '/entry/0/resource', type: 'Patient' },
    ];
    const out = applyPolicy(
      result(
        [
          issue(
            'extension.unknown',
            'Bundle.entry[0].resource.extension[0]',
            '/entry/0/resource/extension/0',
          ),
          issue('extension.unknown', 'Patient.modifierExtension[0]', '/modifierExtension/0'),
          issue('extension.unknown', 'Observation.extension[0]', '/extension/0'),
        ],
        records,
      ),
      policy,
      june,
    );
    const waived = Object.fromEntries(out.issues.map((i) => [i.expression, Boolean(i.waived)]));
    expect(waived).toEqual({
      'Bundle.entry[0].resource.extension[0]': true,
      'Patient.modifierExtension[0]': false,
      'Observation.extension[0]': false,
    });
  });

  it('restricts a suppression to the requirement it names', () => {
    const out = applyPolicy(
      result([
        issue('jsonschema.pattern', 'Row[3].NHS_Number', '/3/NHS_Number', {
          requirements: ['MDS-02'],
        }),
        issue('jsonschema.pattern', 'Row[4].NHS_Number', '/4/NHS_Number'),
      ]),
      policy,
      june,
    );
    expect(out.issues.map((i) => [i.pointer, i.waived])).toEqual([
      ['/3/NHS_Number', { reason: 'Legacy rows being cleaned' }],
      ['/4/NHS_Number', undefined],
    ]);
    expect(out.valid).toBe(false);
  });

  it('waives issues whose requirements are all waived, not those bearing on another requirement too', () => {
    const out = applyPolicy(
      result([
        issue('cardinality.too-few', 'Patient.identifier[0].extension', '/identifier/0', {
          severity: 'warning',
          requirements: ['MDS-04'],
        }),
        issue(
          'binding.not-in-value-set',
          'Patient.identifier[0].extension[0].value',
          '/identifier/0/extension/0',
          { requirements: ['MDS-04', 'MDS-14'] },
        ),
      ]),
      policy,
      june,
    );
    expect(out.issues.map((i) => [i.code, i.waived])).toEqual([
      ['cardinality.too-few', { reason: 'PDS tracing goes live in Q3', until: '2026-07-31' }],
      ['binding.not-in-value-set', undefined],
    ]);
  });

  it('stops applying expired suppressions and waivers, and reports each expired one that matched', () => {
    const out = applyPolicy(
      result([
        issue('extension.unknown', 'Patient.extension[0]', '/extension/0'),
        issue('extension.unknown', 'Patient.extension[1]', '/extension/1'),
        issue('cardinality.too-few', 'Patient.identifier[0].extension', '/identifier/0', {
          requirements: ['MDS-04'],
        }),
      ]),
      policy,
      august,
    );
    expect(out.issues.every((i) => i.waived === undefined)).toBe(true);
    expect(out.valid).toBe(false);
    const notes = out.issues.filter((i) => i.code.startsWith('policy.'));
    expect(notes.map((i) => [i.code, i.severity, i.pointer, i.params])).toEqual([
      [
        'policy.suppression-expired',
        'warning',
        '',
        {
          code: 'extension.unknown',
          expression: 'Patient.extension',
          until: '2026-06-30',
          count: 2,
        },
      ],
      [
        'policy.waiver-expired',
        'warning',
        '',
        { requirement: 'MDS-04', until: '2026-07-31', count: 1 },
      ],
    ]);
  });

  it('does not report expired entries that matched nothing', () => {
    const out = applyPolicy(result([]), policy, august);
    expect(out.issues).toEqual([]);
    expect(out.valid).toBe(true);
  });

  it('is deterministic and leaves already-waived issues alone', () => {
    const pre = issue('extension.unknown', 'Patient.extension[0]', '/extension/0', {
      waived: { reason: 'earlier' },
    });
    const a = applyPolicy(result([pre]), policy, june);
    expect(a).toEqual(applyPolicy(result([pre]), policy, june));
    expect(a.issues[0]?.waived).toEqual({ reason: 'earlier' });
  });

  it("a '*' suppression covers the code anywhere", () => {
    const p = loadPolicy({
      partner: 'p',
      suppress: [
        { code: 'england.nhs-number-test-range', expression: '*', reason: 'synthetic test feed' },
      ],
    });
    const out = applyPolicy(
      result([issue('england.nhs-number-test-range', 'Row[1].NHS_Number', '/1/NHS_Number')]),
      p,
      june,
    );
    expect(out.issues[0]?.waived).toEqual({ reason: 'synthetic test feed' });
    expect(out.valid).toBe(true);
  });
});
