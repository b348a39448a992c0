import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { issueCodeSystem } from '../../issues/to-operation-outcome.js';
import {
  renderOperationOutcome,
  validatedFeedExtension,
  validatedFileExtension,
  waivedExtension,
} from './render-operation-outcome.js';
import { bundleFile, sampleFiles, sampleRun, validFile } from './testing/sample-files.js';

const ext = (
  resource: { extension?: { url: string; valueString?: string; valueCode?: string }[] },
  url: string,
) => resource.extension?.find((e) => e.url === url);

describe('renderOperationOutcome', () => {
  it('gives one OperationOutcome for one file, with the file and feed extensions', () => {
    const oo = JSON.parse(renderOperationOutcome([bundleFile()], sampleRun)) as OperationOutcome;
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(ext(oo, validatedFileExtension)?.valueString).toBe('examples/partner-b/bundle.json');
    expect(ext(oo, validatedFeedExtension)?.valueCode).toBe('fhir');
    expect(
      oo.issue.map((i) => i.details?.coding?.find((c) => c.system === issueCodeSystem)?.code),
    ).toEqual(bundleFile().result.issues.map((i) => i.code));
    expect(oo.issue.map((i) => i.expression?.[0])).toEqual(
      bundleFile().result.issues.map((i) => i.expression),
    );
  });

  it('marks waived issues with the waiver extension and keeps their severity', () => {
    const oo = JSON.parse(renderOperationOutcome([bundleFile()], sampleRun)) as OperationOutcome;
    const waived = oo.issue.filter((i) => i.extension?.some((e) => e.url === waivedExtension));
    expect(waived).toHaveLength(1);
    expect(waived[0]!.details?.coding?.[0]?.code).toBe('structure.empty-string');
    expect(waived[0]!.severity).toBe('error');
    const parts = waived[0]!.extension!.find((e) => e.url === waivedExtension)!.extension!;
    expect(parts.map((p) => p.url)).toEqual(['reason', 'until']);
    expect(parts[1]!.valueDate).toBe('2027-03-31');
  });

  it('answers All OK for a file without issues', () => {
    const oo = JSON.parse(renderOperationOutcome([validFile()], sampleRun)) as OperationOutcome;
    expect(oo.issue).toHaveLength(1);
    expect(oo.issue[0]).toMatchObject({ severity: 'information', code: 'informational' });
  });

  it('gives a collection Bundle of OperationOutcomes for several files, sorted by path', () => {
    const bundle = JSON.parse(
      renderOperationOutcome(sampleFiles(), sampleRun),
    ) as Bundle<OperationOutcome>;
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: sampleRun.startedAt,
    });
    const names = bundle.entry!.map((e) => ext(e.resource!, validatedFileExtension)?.valueString);
    expect(names).toEqual(
      sampleFiles()
        .map((f) => f.file)
        .sort(),
    );
    for (const e of bundle.entry!) expect(e.resource!.resourceType).toBe('OperationOutcome');
  });

  it('gives an empty collection (no empty entry array) for no files, and is deterministic', () => {
    const empty = JSON.parse(
      renderOperationOutcome([], { toolName: 'mdss', toolVersion: '0', frameworkVersion: '1' }),
    ) as Bundle;
    expect(empty).toEqual({ resourceType: 'Bundle', type: 'collection' });
    const files = sampleFiles();
    expect(renderOperationOutcome([...files].reverse(), sampleRun)).toBe(
      renderOperationOutcome(files, sampleRun),
    );
  });

  it('adds requirement codings when a requirement system is given', () => {
    const system = 'https://mdss.example.org/fhir/CodeSystem/requirement';
    const oo = JSON.parse(
      renderOperationOutcome([bundleFile()], sampleRun, { requirementSystem: system }),
    ) as OperationOutcome;
    const tooFew = oo.issue.find((i) => i.details?.coding?.[0]?.code === 'cardinality.too-few')!;
    expect(tooFew.details!.coding!.filter((c) => c.system === system).map((c) => c.code)).toEqual([
      'MDS-02',
      'MDS-01',
    ]);
  });
});
