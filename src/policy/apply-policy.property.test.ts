import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { summarizeSubmission } from '../framework/submission-summary.js';
import type { Issue, Severity } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import { applyPolicy } from './apply-policy.js';
import { loadPolicy } from './load-policy.js';

const fields = ['NHS_Number', 'Ethnicity', 'Postcode', 'Event_Type', 'Date_of_Birth'] as const;
const codes = [
  'jsonschema.enum',
  'jsonschema.required',
  'england.postcode-format',
  'england.nhs-number-check-digit',
  'feed.event-end-before-start',
] as const;
const severities: Severity[] = ['information', 'warning', 'error', 'fatal'];

const arbIssue = fc
  .record({
    row: fc.nat(9),
    field: fc.constantFrom(...fields),
    code: fc.constantFrom(...codes),
    severity: fc.constantFrom(...severities),
  })
  .map(({ row, field, code, severity }): Issue => ({
    code,
    severity,
    message: '',
    expression: `Row[${row}].${field}`,
    pointer: `/${row}/${field}`,
    params: {},
  }));

const arbPolicy = fc
  .record({
    severity: fc.dictionary(fc.constantFrom(...codes), fc.constantFrom(...severities), {
      maxKeys: 2,
    }),
    suppress: fc.array(
      fc.record({
        code: fc.constantFrom(...codes),
        expression: fc.constantFrom(...fields, '*'),
        until: fc.constantFrom('2026-01-31', '2026-12-31'),
      }),
      { maxLength: 3 },
    ),
    waivers: fc.array(
      fc.record({
        requirement: fc.constantFrom('MDS-02', 'MDS-10', 'MDS-12', 'MDS-14'),
        until: fc.constantFrom('2026-01-31', '2026-12-31'),
      }),
      { maxLength: 2 },
    ),
  })
  .map((p) =>
    loadPolicy({
      partner: 'p',
      severity: p.severity,
      suppress: p.suppress.map((s) => ({ ...s, reason: 'agreed locally' })),
      waivers: p.waivers.map((w) => ({ ...w, reason: 'agreed locally' })),
    }),
  );

function resultOf(issues: Issue[]): ValidationResult {
  const records = Array.from({ length: 10 }, (_, i) => ({ pointer: `/${i}`, type: 'cld-event' }));
  return {
    valid: !issues.some((i) => i.severity === 'error' || i.severity === 'fatal'),
    truncated: false,
    profiles: [],
    recordCount: 10,
    records,
    issues,
  };
}

describe('applyPolicy properties', () => {
  it('keeps every issue, adds only policy notes, and is valid exactly when no unwaived error remains', () => {
    fc.assert(
      fc.property(fc.array(arbIssue, { maxLength: 20 }), arbPolicy, (issues, policy) => {
        const input = resultOf(issues);
        const out = applyPolicy(input, policy, new Date('2026-06-01T00:00:00Z'));
        const data = out.issues.filter((i) => !i.code.startsWith('policy.'));
        expect(data).toHaveLength(issues.length);
        expect(out.valid).toBe(
          !out.issues.some((i) => !i.waived && (i.severity === 'error' || i.severity === 'fatal')),
        );
        for (const i of out.issues) if (i.waived) expect(i.waived.reason.length).toBeGreaterThan(0);
        expect(applyPolicy(input, policy, new Date('2026-06-01T00:00:00Z'))).toEqual(out);
      }),
    );
  });

  it('summaries always balance: passed + failed + waived = checked ≤ records', () => {
    fc.assert(
      fc.property(fc.array(arbIssue, { maxLength: 20 }), arbPolicy, (issues, policy) => {
        const out = applyPolicy(resultOf(issues), policy, new Date('2026-06-01T00:00:00Z'));
        const s = summarizeSubmission(out, {
          partnerId: 'p',
          feed: 'cld',
          kind: 'upload',
          catalogue: builtinCatalogue,
          validatorVersion: '0',
          packages: [],
          payloadHash: '',
          payloadSize: 0,
          receivedAt: '2026-06-01T00:00:00.000Z',
          durationMs: 0,
        });
        for (const r of s.requirements) {
          expect(r.passed + r.failed + r.waived).toBe(r.checked);
          expect(Math.min(r.passed, r.failed, r.waived)).toBeGreaterThanOrEqual(0);
          expect(r.checked).toBeLessThanOrEqual(10);
        }
        expect(s.issues.reduce((n, a) => n + a.count, 0)).toBe(out.issues.length);
      }),
    );
  });
});
