import { describe, expect, it } from 'vitest';
import { IssueCollector } from './collector.js';
import { isIssueCode } from './codes/index.js';
import { validate } from '../generated/schemas/partner-registry.js';
import { pointerToExpression, schemaErrorCode, schemaErrorsToIssues } from './schema-errors.js';

function issuesFor(data: unknown, options = {}) {
  expect(validate(data)).toBe(false);
  const collector = new IssueCollector();
  for (const input of schemaErrorsToIssues(validate.errors, options)) collector.add(input);
  return collector.issues();
}

describe('schemaErrorsToIssues', () => {
  it('reports jsonschema.required at the missing property, with pointer and expression prefixes', () => {
    const issues = issuesFor(
      { partners: [{ id: 'p1', kind: 'council' }] },
      { pointerPrefix: '/7', expressionPrefix: 'Row[7]', schema: 'partner-registry.schema.json' },
    );
    expect(issues.map((i) => [i.code, i.pointer, i.expression, i.severity, i.params])).toEqual([
      [
        'jsonschema.required',
        '/7/partners/0/name',
        'Row[7].partners[0].name',
        'error',
        { property: 'name' },
      ],
    ]);
    expect(issues[0]?.rule?.schemaPath).toMatch(
      /^partner-registry\.schema\.json#\/(.*\/)?required$/,
    );
  });

  it('maps enum, pattern and additionalProperties and never copies the data value into params', () => {
    const issues = issuesFor({
      partners: [
        { id: 'p1', name: 'Fake Name', kind: 'hospital', odsCode: 'bad code', nickname: 'Jo' },
      ],
    });
    const byCode = Object.fromEntries(issues.map((i) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual([
      'jsonschema.additional-properties',
      'jsonschema.enum',
      'jsonschema.pattern',
    ]);
    expect(byCode['jsonschema.enum']?.pointer).toBe('/partners/0/kind');
    expect(byCode['jsonschema.enum']?.expression).toBe('partners[0].kind');
    expect(byCode['jsonschema.pattern']?.pointer).toBe('/partners/0/odsCode');
    expect(byCode['jsonschema.additional-properties']?.pointer).toBe('/partners/0/nickname');
    expect(byCode['jsonschema.additional-properties']?.params).toEqual({ property: 'nickname' });
    const text = JSON.stringify(issues.map((i) => i.params));
    expect(text).not.toContain('hospital');
    expect(text).not.toContain('bad code');
  });

  it('drops if/then wrapper errors and keeps the precise required error', () => {
    const issues = issuesFor({
      partners: [
        {
          id: 'p1',
          name: 'X',
          kind: 'council',
          fhirEndpoint: { baseUrl: 'https://x.example', auth: 'bearer' },
        },
      ],
    });
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['jsonschema.required', '/partners/0/fhirEndpoint/secretRef'],
    ]);
  });

  it('gives a registered code for every keyword it knows, and jsonschema.invalid otherwise', () => {
    for (const k of [
      'required',
      'minLength',
      'exclusiveMaximum',
      'false schema',
      'dependentRequired',
      'uniqueItems',
      'oneOf',
    ]) {
      expect(isIssueCode(schemaErrorCode(k)), k).toBe(true);
    }
    expect(schemaErrorCode('minLength')).toBe('jsonschema.min-length');
    expect(schemaErrorCode('someVendorKeyword')).toBe('jsonschema.invalid');
    expect(
      schemaErrorsToIssues([
        { keyword: 'x-rule', instancePath: '/a', schemaPath: '#/x', params: {} },
      ])[0]?.params,
    ).toEqual({ keyword: 'x-rule' });
  });

  it('returns no issues for null errors', () => {
    expect(schemaErrorsToIssues(null)).toEqual([]);
  });
});

describe('pointerToExpression', () => {
  it('renders indexes in brackets and escaped tokens', () => {
    expect(pointerToExpression('')).toBe('');
    expect(pointerToExpression('/3/NHS_Number')).toBe('[3].NHS_Number');
    expect(pointerToExpression('/a~1b/0')).toBe('["a/b"][0]');
  });
});
