import { describe, expect, it } from 'vitest';
import type { Issue } from './issue.js';
import { operationOutcomeJson } from './operation-outcome-json.js';
import { toOperationOutcome } from './to-operation-outcome.js';

const base: Issue = {
  code: 'invariant.failed',
  severity: 'warning',
  message: "Constraint failed: mds-18: 'who recorded it'",
  expression: 'Bundle.entry[3].resource',
  pointer: '/entry/3/resource',
  params: { key: 'mds-18' },
};

/** Issues of every shape the mapping distinguishes. */
function variants(): Issue[] {
  const out: Issue[] = [];
  const codes = [
    'invariant.failed',
    'cardinality.too-few',
    'not.a.registered-code',
    'structure.unknown-property',
  ];
  const messages = [
    'plain',
    'quote " backslash \\ tab \t nl \n',
    'é ✓ \u0000 \u001f \u2028',
    'lone \ud800 surrogate',
    '',
  ];
  let n = 0;
  for (const code of codes)
    for (const message of messages)
      for (const pointer of ['', '/a~1b/0', '/entry/3/resource'])
        for (const expression of ['', 'Patient.name[0]', 'x "y"'])
          out.push({
            ...base,
            code,
            message,
            pointer,
            expression,
            severity: (['error', 'warning', 'information', 'fatal'] as const)[n % 4]!,
            ...(n % 3 === 0 ? { position: { line: n, column: n * 7 + 1 } } : {}),
            ...(n % 5 === 1 ? { requirements: ['MDS-02', 'MDS-1"5'] } : {}),
            ...(n++ % 7 === 2 ? { requirements: [] } : {}),
          });
  return out;
}

describe('operationOutcomeJson', () => {
  it('writes what JSON.stringify(toOperationOutcome(issues)) writes', () => {
    const issues = variants();
    expect(operationOutcomeJson(issues)).toBe(JSON.stringify(toOperationOutcome(issues)));
    for (const issue of issues)
      expect(operationOutcomeJson([issue])).toBe(JSON.stringify(toOperationOutcome([issue])));
  });

  it('takes the object route for no issues, waived issues and unexpected field types', () => {
    const odd: Issue[][] = [
      [],
      [{ ...base, waived: { reason: 'partner', until: '2030-01-01' } }],
      [{ ...base, waived: { reason: 'partner' } }, base],
      [{ ...base, position: { line: 1.5, column: 2 } }],
      [{ ...base, message: undefined as unknown as string }],
      [{ ...base, expression: undefined as unknown as string }],
      [{ ...base, requirements: new Set(['A']) as unknown as string[] }],
    ];
    for (const issues of odd)
      expect(operationOutcomeJson(issues)).toBe(JSON.stringify(toOperationOutcome(issues)));
  });
});
