import { describe, expect, it } from 'vitest';
import type { Issue } from './issue.js';
import {
  issueCodeSystem,
  issuePointerExtension,
  issueRequirementExtension,
  toOperationOutcome,
  waivedExtension,
} from './to-operation-outcome.js';

const issue = (over: Partial<Issue> = {}): Issue => ({
  code: 'cardinality.too-few',
  severity: 'error',
  message: 'm',
  expression: 'Patient.name',
  pointer: '/name',
  params: {},
  ...over,
});

const urls = (i: { extension?: { url: string }[] }) => (i.extension ?? []).map((e) => e.url);

describe('toOperationOutcome (the one mapping)', () => {
  it('carries the JSON pointer and each requirement id as extensions, in order', () => {
    const oo = toOperationOutcome([
      issue({ requirements: ['MDS-02', 'MDS-01'], position: { line: 3, column: 5 } }),
    ]);
    const ext = oo.issue[0]!.extension!;
    expect(ext.find((e) => e.url === issuePointerExtension)?.valueString).toBe('/name');
    expect(ext.filter((e) => e.url === issueRequirementExtension).map((e) => e.valueCode)).toEqual([
      'MDS-02',
      'MDS-01',
    ]);
    expect(oo.issue[0]!.details!.coding).toEqual([
      { system: issueCodeSystem, code: 'cardinality.too-few' },
    ]);
  });

  it('leaves the pointer out for the whole payload (FHIR strings cannot be empty) and has no requirement extension without ids', () => {
    const oo = toOperationOutcome([issue({ pointer: '', expression: '' })]);
    expect(urls(oo.issue[0]!)).not.toContain(issuePointerExtension);
    expect(urls(oo.issue[0]!)).not.toContain(issueRequirementExtension);
    expect(oo.issue[0]!.expression).toBeUndefined();
  });

  it('marks a waived issue (keeping its severity), so every door shows the waiver', () => {
    const oo = toOperationOutcome([issue({ waived: { reason: 'r', until: '2027-01-01' } })]);
    const waived = oo.issue[0]!.extension!.find((e) => e.url === waivedExtension)!;
    expect(waived.extension!.map((p) => [p.url, p.valueString ?? p.valueDate])).toEqual([
      ['reason', 'r'],
      ['until', '2027-01-01'],
    ]);
    expect(oo.issue[0]!.severity).toBe('error');
  });

  it('uses extension URLs under the project canonical base', () => {
    for (const url of [issuePointerExtension, issueRequirementExtension, waivedExtension])
      expect(url).toMatch(
        /^https:\/\/mdss\.example\.org\/fhir\/StructureDefinition\/issue-[a-z-]+$/,
      );
  });
});
