/**
 * Hand-built validation results for the renderer tests: issues are made through the real
 * IssueCollector (so messages and severities come from the registry), records and waivers are set
 * the way the engine and the policy layer set them. Synthetic data only.
 * @module
 */
import { IssueCollector, type IssueInput } from '../../../issues/collector.js';
import type { Issue } from '../../../issues/issue.js';
import type { RecordRef, ValidationResult } from '../../../validation-result.js';
import type { FileResult, RunInfo } from '../file-result.js';

/** A string with every character that XML, JSON, Markdown, workflow commands and ANSI care about. */
export const hostile = `<&"'>|%,:\r\n\t\u0001\u001b[31m]]>`;

/** A fixed run description (no clock is read anywhere). */
export const sampleRun: RunInfo = {
  toolName: 'mdss',
  toolVersion: '0.1.0',
  frameworkVersion: '1.0.0',
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 1234,
};

/** Builds a result from issue inputs; issues whose code is in `waiveCodes` are marked waived. */
export function makeResult(
  inputs: readonly IssueInput[],
  options: {
    records?: readonly RecordRef[];
    truncated?: boolean;
    waiveCodes?: readonly string[];
    maxIssues?: number;
  } = {},
): ValidationResult {
  const collector = new IssueCollector(
    options.maxIssues === undefined ? {} : { maxIssues: options.maxIssues },
  );
  for (const input of inputs) collector.add(input);
  const issues: Issue[] = collector.issues().map((issue) =>
    options.waiveCodes?.includes(issue.code)
      ? {
          ...issue,
          waived: { reason: 'Agreed in the data-sharing agreement v3', until: '2027-03-31' },
        }
      : issue,
  );
  const valid = !issues.some(
    (i) => !i.waived && (i.severity === 'error' || i.severity === 'fatal'),
  );
  return {
    valid,
    issues,
    truncated: options.truncated ?? collector.truncated,
    profiles: [],
    recordCount: options.records?.length ?? 1,
    ...(options.records ? { records: options.records } : {}),
  };
}

/** A Bundle with a Patient and an Observation: two errors (one with requirements), a warning, a waived error. */
export function bundleFile(): FileResult {
  const result = makeResult(
    [
      {
        code: 'cardinality.too-few',
        expression: 'Bundle.entry[0].resource.ofType(Patient).name',
        pointer: '/entry/0/resource/name',
        params: { path: 'Patient.name', min: 1, found: 0 },
        position: { line: 7, column: 9 },
        requirements: ['MDS-02', 'MDS-01'],
      },
      {
        code: 'structure.unknown-property',
        expression: 'Bundle.entry[1].resource.ofType(Observation)',
        pointer: '/entry/1/resource/foo',
        params: { name: hostile },
        position: { line: 21, column: 13 },
      },
      {
        code: 'primitive.whitespace',
        expression: 'Bundle.entry[1].resource.ofType(Observation).status',
        pointer: '/entry/1/resource/status',
        params: { type: 'code' },
        position: { line: 22, column: 15 },
        requirements: ['MDS-05'],
      },
      {
        code: 'structure.empty-string',
        expression: 'Bundle.entry[0].resource.ofType(Patient).gender',
        pointer: '/entry/0/resource/gender',
        position: { line: 9, column: 11 },
        requirements: ['MDS-02'],
      },
    ],
    {
      records: [
        { pointer: '', type: 'Bundle' },
        { pointer: '/entry/0/resource', type: 'Patient' },
        { pointer: '/entry/1/resource', type: 'Observation' },
      ],
      waiveCodes: ['structure.empty-string'],
    },
  );
  return { file: 'examples/partner-b/bundle.json', feed: 'fhir', result };
}

/** A valid Patient with no issues. */
export function validFile(): FileResult {
  return {
    file: 'examples/partner-a/patient.json',
    feed: 'fhir',
    result: makeResult([], { records: [{ pointer: '', type: 'Patient' }] }),
  };
}

/** A CLD CSV feed: a row error, a file-level limit issue, truncated. No position on the limit issue. */
export function csvFile(): FileResult {
  const result = makeResult(
    [
      {
        code: 'jsonschema.required',
        expression: 'Row[1].NHS_Number',
        pointer: '/1/NHS_Number',
        params: { property: 'NHS_Number' },
        position: { line: 3, column: 1 },
        requirements: ['MDS-01'],
      },
      {
        code: 'jsonschema.required',
        expression: 'Row[2].NHS_Number',
        pointer: '/2/NHS_Number',
        params: { property: 'NHS_Number' },
        position: { line: 4, column: 1 },
        requirements: ['MDS-01'],
      },
    ],
    {
      records: [
        { pointer: '/0', type: 'cld-event' },
        { pointer: '/1', type: 'cld-event' },
        { pointer: '/2', type: 'cld-event' },
      ],
    },
  );
  const limit: Issue = {
    code: 'engine.limit-reached',
    severity: 'warning',
    message:
      'Validation stopped early: the timeBudgetMs limit (10) was reached; the result is partial',
    expression: '',
    pointer: '',
    params: { limit: 'timeBudgetMs', value: 10 },
  };
  return {
    file: 'examples/partner-c/events.csv',
    feed: 'cld',
    result: { ...result, issues: [limit, ...result.issues], truncated: true },
  };
}

/** A file that is not JSON at all: one fatal issue, no records. */
export function brokenFile(): FileResult {
  const result = makeResult(
    [
      {
        code: 'input.invalid-json',
        expression: '',
        pointer: '',
        params: { detail: `Unexpected token ${hostile}`, line: 1, column: 2 },
        position: { line: 1, column: 2 },
      },
    ],
    { records: [] },
  );
  return {
    file: 'examples/partner-d/broken, file:1.json',
    feed: 'fhir',
    result: { ...result, recordCount: 0 },
  };
}

/** All sample files, deliberately not in path order. */
export function sampleFiles(): FileResult[] {
  return [csvFile(), bundleFile(), brokenFile(), validFile()];
}
