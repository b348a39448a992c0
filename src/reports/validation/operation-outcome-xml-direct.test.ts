import { describe, expect, it } from 'vitest';
import type { Issue } from '../../issues/issue.js';
import { toOperationOutcome } from '../../issues/to-operation-outcome.js';
import { operationOutcomeXml } from './operation-outcome-xml-direct.js';
import { toFhirXml } from './operation-outcome-xml.js';

const base: Issue = {
  code: 'invariant.failed',
  severity: 'warning',
  message: "Constraint failed: mds-18: 'who recorded it'",
  expression: 'Bundle.entry[3].resource',
  pointer: '/entry/3/resource',
  params: { key: 'mds-18' },
};

const viaObjects = (issues: readonly Issue[]): string =>
  toFhirXml(toOperationOutcome(issues) as unknown as Record<string, unknown>);

/** Issues of every shape the mapping distinguishes, with text XML must escape or cannot carry. */
function variants(): Issue[] {
  const out: Issue[] = [];
  const codes = ['invariant.failed', 'cardinality.too-few', 'not.a.registered-code'];
  const texts = ['plain', `<&>"' tab\t nl\n cr\r`, 'é ✓ \u0001 \uffff \ud800 \ud83d\ude00', ''];
  let n = 0;
  for (const code of codes)
    for (const message of texts)
      for (const pointer of ['', '/a~1b/0', '/x<"y">'])
        for (const expression of ['', 'Patient.name[0]', "x 'y' & z"])
          out.push({
            ...base,
            code,
            message,
            pointer,
            expression,
            severity: (['error', 'warning', 'information', 'fatal'] as const)[n % 4]!,
            ...(n % 3 === 0 ? { position: { line: n, column: n * 7 + 1 } } : {}),
            ...(n % 5 === 1 ? { requirements: ['MDS-02', 'MDS<&>'] } : {}),
            ...(n++ % 7 === 2 ? { requirements: [] } : {}),
          });
  return out;
}

describe('operationOutcomeXml', () => {
  it('writes what toFhirXml(toOperationOutcome(issues)) writes', () => {
    const issues = variants();
    expect(operationOutcomeXml(issues)).toBe(viaObjects(issues));
    for (const issue of issues) expect(operationOutcomeXml([issue])).toBe(viaObjects([issue]));
  });

  it('takes the object route for no issues and waived issues', () => {
    for (const issues of [[], [{ ...base, waived: { reason: 'partner', until: '2030-01-01' } }]])
      expect(operationOutcomeXml(issues)).toBe(viaObjects(issues));
  });
});
