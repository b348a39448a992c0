import { describe, expect, it } from 'vitest';
import type { ValidationResult } from '../validation-result.js';
import { applyFramework } from './apply-framework.js';
import { builtinCatalogue } from './builtin-catalogue.js';

describe('applyFramework', () => {
  it('stamps the framework version and traces requirement ids', () => {
    const result: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 1,
      records: [{ pointer: '/0', type: 'cld-event' }],
      issues: [
        {
          code: 'england.nhs-number-test-range',
          severity: 'error',
          message: '',
          expression: 'Row[0].NHS_Number',
          pointer: '/0/NHS_Number',
          params: {},
        },
      ],
    };
    const out = applyFramework(result, builtinCatalogue, 'cld');
    expect(out.frameworkVersion).toBe('0.1.0');
    expect(out.issues.map((i) => [i.code, i.requirements])).toEqual([
      ['england.nhs-number-test-range', ['MDS-03']],
    ]);
    expect(result.frameworkVersion).toBeUndefined();
  });

  it('makes an error that bears only on SHOULD requirements a warning (MDS-10 postcode), and keeps MUST errors', () => {
    const result: ValidationResult = {
      valid: false,
      truncated: false,
      profiles: [],
      recordCount: 1,
      records: [{ pointer: '/0', type: 'cld-event' }],
      issues: [
        {
          code: 'england.postcode-format',
          severity: 'error',
          message: '',
          expression: 'Row[0].Postcode',
          pointer: '/0/Postcode',
          params: {},
        },
      ],
    };
    const out = applyFramework(result, builtinCatalogue, 'cld');
    expect(out.issues.map((i) => [i.code, i.severity, i.requirements])).toEqual([
      ['england.postcode-format', 'warning', ['MDS-10']],
    ]);
    expect(out.valid).toBe(true);
    const must = applyFramework(
      {
        ...result,
        issues: [
          {
            ...result.issues[0]!,
            code: 'england.nhs-number-test-range',
            expression: 'Row[0].NHS_Number',
            pointer: '/0/NHS_Number',
          },
        ],
      },
      builtinCatalogue,
      'cld',
    );
    expect(must.issues.map((i) => i.severity)).toEqual(['error']);
    expect(must.valid).toBe(false);
  });
});
