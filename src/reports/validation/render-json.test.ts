import { describe, expect, it } from 'vitest';
import { issueCodes } from '../../issues/codes/index.js';
import { renderJson, type JsonReport } from './render-json.js';
import { bundleFile, sampleFiles, sampleRun } from './testing/sample-files.js';

const parse = (text: string) => JSON.parse(text) as JsonReport;

describe('renderJson', () => {
  it('writes run info, totals and files sorted by path', () => {
    const doc = parse(renderJson(sampleFiles(), sampleRun));
    expect(doc).toMatchObject({
      format: 'mdss-validation',
      formatVersion: 1,
      tool: { name: 'mdss', version: '0.1.0' },
      frameworkVersion: '1.0.0',
      startedAt: sampleRun.startedAt,
      durationMs: 1234,
      valid: false,
    });
    expect(doc.totals).toMatchObject({
      files: 4,
      invalidFiles: 3,
      records: 7,
      error: 4,
      fatal: 1,
      warning: 2,
      waived: 1,
    });
    expect(doc.files.map((f) => f.file)).toEqual(
      sampleFiles()
        .map((f) => f.file)
        .sort(),
    );
  });

  it('keeps per-file feed, validity, truncation, counts and issues in result order', () => {
    const doc = parse(renderJson(sampleFiles(), sampleRun));
    const csv = doc.files.find((f) => f.feed === 'cld')!;
    expect(csv).toMatchObject({
      valid: false,
      truncated: true,
      recordCount: 3,
      counts: { error: 2, warning: 1, waived: 0 },
    });
    const bundle = doc.files.find((f) => f.file.endsWith('bundle.json'))!;
    expect(bundle.issues.map((i) => [i.code, i.pointer])).toEqual(
      bundleFile().result.issues.map((i) => [i.code, i.pointer]),
    );
    const first = bundle.issues.find((i) => i.code === 'cardinality.too-few')!;
    expect(first).toMatchObject({
      severity: 'error',
      position: { line: 7, column: 9 },
      requirements: ['MDS-02', 'MDS-01'],
      params: { min: 1, found: 0 },
    });
    expect(bundle.issues.find((i) => i.waived)?.code).toBe('structure.empty-string');
  });

  it('does not repeat registry data per issue; lists each code present once', () => {
    const doc = parse(renderJson(sampleFiles(), sampleRun));
    for (const f of doc.files)
      for (const i of f.issues) expect(Object.keys(i)).not.toContain('fhirIssueType');
    expect(Object.keys(doc.codes)).toEqual([...Object.keys(doc.codes)].sort());
    expect(doc.codes['cardinality.too-few']).toEqual({
      defaultSeverity: 'error',
      fhirIssueType: issueCodes['cardinality.too-few']!.fhirIssueType,
      spec: issueCodes['cardinality.too-few']!.spec,
    });
    expect(Object.keys(doc.codes)).toContain('engine.limit-reached');
  });

  it('is byte-identical whatever the input order, and round-trips hostile strings', () => {
    const files = sampleFiles();
    const text = renderJson(files, sampleRun);
    expect(renderJson([...files].reverse(), sampleRun)).toBe(text);
    const doc = parse(text);
    const unknown = doc.files
      .flatMap((f) => f.issues)
      .find((i) => i.code === 'structure.unknown-property')!;
    expect(unknown.params['name']).toBe(
      bundleFile().result.issues.find((i) => i.code === 'structure.unknown-property')!.params[
        'name'
      ],
    );
  });

  it('omits optional run values that were not given', () => {
    const doc = parse(
      renderJson([], { toolName: 'mdss', toolVersion: '0.1.0', frameworkVersion: '1.0.0' }),
    );
    expect(doc).not.toHaveProperty('startedAt');
    expect(doc).not.toHaveProperty('durationMs');
    expect(doc.valid).toBe(true);
    expect(doc.files).toEqual([]);
  });
});
