import { describe, expect, it } from 'vitest';
import { IssueCollector } from './collector.js';
import { issueCodes } from './codes/index.js';
import { toOperationOutcome } from './to-operation-outcome.js';

describe('IssueCollector', () => {
  it('fills message and default severity from the registry and removes duplicates', () => {
    const c = new IssueCollector();
    const input = {
      code: 'cardinality.too-few',
      expression: 'Patient.name',
      pointer: '',
      params: { path: 'Patient.name', min: 1, found: 0 },
    };
    c.add(input);
    c.add(input);
    const issues = c.issues();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'cardinality.too-few',
      severity: 'error',
      expression: 'Patient.name',
    });
    expect(c.hasErrors()).toBe(true);
  });

  it('keeps issues of one code and pointer whose messages differ, once each', () => {
    const c = new IssueCollector();
    const at = (path: string, min: number) => ({
      code: 'cardinality.too-few',
      expression: 'Patient',
      pointer: '/x',
      params: { path, min, found: 0 },
    });
    for (const input of [at('a', 1), at('b', 1), at('a', 1), at('c', 2), at('b', 1), at('c', 2)])
      c.add(input);
    c.add({ ...at('a', 1), pointer: '/y' });
    expect(c.issues().map((i) => `${i.pointer} ${String(i.params['path'])}`)).toEqual([
      '/x a',
      '/x b',
      '/x c',
      '/y a',
    ]);
  });

  it('stops at maxIssues with engine.limit-reached and truncated', () => {
    const c = new IssueCollector({ maxIssues: 2 });
    for (let i = 0; i < 5; i++)
      c.add({
        code: 'structure.unknown-property',
        expression: `X.p${i}`,
        pointer: `/p${i}`,
        params: { name: `p${i}` },
      });
    expect(c.truncated).toBe(true);
    expect(c.issues().map((i) => i.code)).toEqual([
      'engine.limit-reached',
      'structure.unknown-property',
      'structure.unknown-property',
    ]);
  });

  it('sorts by pointer in document order of indexes', () => {
    const c = new IssueCollector();
    for (const p of ['/entry/10', '/entry/2', '/entry/1/x'])
      c.add({ code: 'structure.empty-object', expression: '', pointer: p });
    expect(c.issues().map((i) => i.pointer)).toEqual(['/entry/1/x', '/entry/2', '/entry/10']);
  });

  it('throws on a code that is not in the registry (a programming error)', () => {
    expect(() =>
      new IssueCollector().add({ code: 'nope.nope' as string, expression: '', pointer: '' }),
    ).toThrow();
  });
});

describe('toOperationOutcome', () => {
  it('maps code, severity, expression and position', () => {
    const c = new IssueCollector();
    c.add({
      code: 'structure.unknown-property',
      expression: 'Patient',
      pointer: '/foo',
      params: { name: 'foo' },
      position: { line: 3, column: 5 },
    });
    const oo = toOperationOutcome(c.issues());
    const issue = oo.issue[0]!;
    expect(issue.severity).toBe('error');
    expect(issue.code).toBe(issueCodes['structure.unknown-property']!.fhirIssueType);
    expect(issue.expression).toEqual(['Patient']);
    expect(issue.details?.coding?.[0]?.code).toBe('structure.unknown-property');
    expect(issue.extension?.map((e) => e.valueInteger ?? e.valueString)).toEqual([
      3,
      5,
      'structure.unknown-property',
      '/foo',
    ]);
  });

  it('answers All OK for no issues', () => {
    expect(toOperationOutcome([]).issue[0]?.severity).toBe('information');
  });
});
