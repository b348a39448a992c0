import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import { builtinCatalogue } from './builtin-catalogue.js';
import { countRequirementOutcomes } from './requirement-outcomes.js';

const record = { pointer: '/0', type: 'cld-event' };
const issue = (code: string, field: string, severity: Issue['severity']): Issue => ({
  code,
  severity,
  message: '',
  expression: `Row[0].${field}`,
  pointer: `/0/${field}`,
  params: {},
});

describe('countRequirementOutcomes', () => {
  it('never fails a MUST requirement on a heuristic check (england.ods-code-unexpected-kind on MDS-07)', () => {
    const out = countRequirementOutcomes({
      catalogue: builtinCatalogue,
      feed: 'cld',
      kind: 'upload',
      records: [record],
      issues: [
        {
          issue: issue('england.ods-code-unexpected-kind', 'GP_Practice_Code', 'warning'),
          record,
          path: 'GP_Practice_Code',
          requirements: ['MDS-07'],
        },
      ],
    });
    expect(out.find((o) => o.requirementId === 'MDS-07')).toMatchObject({
      checked: 1,
      passed: 1,
      failed: 0,
    });
  });

  it('still fails a MUST requirement on the same element for a non-heuristic check', () => {
    const out = countRequirementOutcomes({
      catalogue: builtinCatalogue,
      feed: 'cld',
      kind: 'upload',
      records: [record],
      issues: [
        {
          issue: issue('england.ods-code-format', 'GP_Practice_Code', 'error'),
          record,
          path: 'GP_Practice_Code',
          requirements: ['MDS-07'],
        },
      ],
    });
    expect(out.find((o) => o.requirementId === 'MDS-07')).toMatchObject({
      checked: 1,
      passed: 0,
      failed: 1,
    });
  });
});
