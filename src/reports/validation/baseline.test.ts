import { describe, expect, it } from 'vitest';
import type { Issue } from '../../issues/issue.js';
import { compareToBaseline, createBaseline, failOn, fingerprintIssue } from './baseline.js';
import type { FileResult } from './file-result.js';
import { fnv1a64 } from './fnv1a.js';
import { bundleFile, csvFile, makeResult, sampleFiles, validFile } from './testing/sample-files.js';

const unknown = (name: string, severity?: Issue['severity']) => ({
  code: 'structure.unknown-property',
  expression: 'Patient',
  pointer: `/${name}`,
  params: { name },
  ...(severity ? { severity } : {}),
});

function withIssues(file: string, issues: Parameters<typeof makeResult>[0]): FileResult {
  return { file, feed: 'fhir', result: makeResult(issues) };
}

describe('baseline', () => {
  it('is a sorted, JSON-serialisable document without messages or values', () => {
    const baseline = createBaseline(sampleFiles());
    expect(JSON.parse(JSON.stringify(baseline))).toEqual(baseline);
    expect(baseline.files.map((f) => f.file)).toEqual(
      [...baseline.files.map((f) => f.file)].sort(),
    );
    expect(baseline.files.map((f) => f.file)).not.toContain(validFile().file);
    const text = JSON.stringify(baseline);
    for (const f of sampleFiles())
      for (const i of f.result.issues)
        if (i.message.length > 20) expect(text).not.toContain(i.message);
    for (const f of baseline.files)
      for (const i of f.issues)
        expect(Object.keys(i).sort()).toEqual([
          'code',
          'count',
          'fingerprint',
          'location',
          'severity',
        ]);
    expect(createBaseline([...sampleFiles()].reverse())).toEqual(baseline);
  });

  it('fingerprints from file, code, record, location (indexes inside the record kept) and severity only', () => {
    const id = {
      code: 'cardinality.too-few',
      record: '0123456789abcdef',
      location: 'Patient.name[0]',
      severity: 'error' as const,
    };
    const fp = fingerprintIssue('a.json', id);
    expect(fingerprintIssue('b.json', id)).not.toBe(fp);
    expect(fingerprintIssue('a.json', { ...id, code: 'cardinality.too-many' })).not.toBe(fp);
    expect(fingerprintIssue('a.json', { ...id, severity: 'warning' })).not.toBe(fp);
    expect(fingerprintIssue('a.json', { ...id, location: 'Patient.name[1]' })).not.toBe(fp);
    expect(fingerprintIssue('a.json', { ...id, record: 'fedcba9876543210' })).not.toBe(fp);
    const { record: _record, ...unkeyed } = id;
    expect(fingerprintIssue('a.json', unkeyed)).not.toBe(fp);
    // Format 1: file, code, expression and severity, as version 1 wrote them.
    expect(fingerprintIssue('a.json', unkeyed, 1)).toBe(
      fnv1a64(['a.json', id.code, id.location, id.severity].join('\u0000')),
    );
  });

  it('follows the record, not its index: inserting an entry or a row leaves known issues known', () => {
    const on = (entry: number, key: string) => ({
      result: makeResult(
        [
          {
            code: 'cardinality.too-few',
            expression: `Bundle.entry[${entry}].resource.name`,
            pointer: `/entry/${entry}/resource/name`,
            params: { path: 'Patient.name', min: 1, found: 0 },
          },
        ],
        {
          records: [
            { pointer: '', type: 'Bundle' },
            { pointer: `/entry/${entry}/resource`, type: 'Patient', key },
          ],
        },
      ),
    });
    const before: FileResult = { file: 'b.json', feed: 'fhir', ...on(0, 'urn:uuid:1') };
    const baseline = createBaseline([before]);
    expect(baseline.files[0]!.issues[0]).toMatchObject({
      location: 'Patient.name',
      record: fnv1a64('urn:uuid:1'),
    });
    const moved = compareToBaseline(
      [{ file: 'b.json', feed: 'fhir', ...on(1, 'urn:uuid:1') }],
      baseline,
    );
    expect([moved.known.length, moved.newIssues.length, moved.fixed.length]).toEqual([1, 0, 0]);
    const other = compareToBaseline(
      [{ file: 'b.json', feed: 'fhir', ...on(0, 'urn:uuid:2') }],
      baseline,
    );
    expect([other.known.length, other.newIssues.length, other.fixed.length]).toEqual([0, 1, 1]);
  });

  it('still reads and compares a format 1 baseline by its own identity', () => {
    const files = sampleFiles();
    const v1 = {
      format: 'mdss-baseline' as const,
      formatVersion: 1 as const,
      files: files.map(({ file, result }) => ({
        file,
        issues: result.issues
          .filter((i) => !i.waived)
          .map((i) => ({
            fingerprint: fingerprintIssue(
              file,
              { code: i.code, location: i.expression, severity: i.severity },
              1,
            ),
            code: i.code,
            location: i.expression,
            severity: i.severity,
            count: 1,
          })),
      })),
    };
    const cmp = compareToBaseline(files, v1);
    expect(cmp.newIssues).toEqual([]);
    expect(cmp.known.length).toBeGreaterThan(0);
  });

  it('leaves waived issues out of the baseline and out of the comparison', () => {
    const baseline = createBaseline([bundleFile()]);
    expect(baseline.files[0]!.issues.map((i) => i.code)).not.toContain('structure.empty-string');
    const cmp = compareToBaseline([bundleFile()], baseline);
    expect([...cmp.newIssues, ...cmp.known].map((n) => n.issue.code)).not.toContain(
      'structure.empty-string',
    );
  });

  it('passes a known issue, fails a new one, reports a fixed one', () => {
    const before = withIssues('p.json', [
      unknown('a'),
      { code: 'structure.empty-object', expression: 'Patient.meta', pointer: '/meta' },
    ]);
    const baseline = createBaseline([before]);
    const after = withIssues('p.json', [
      unknown('a'),
      {
        code: 'cardinality.too-few',
        expression: 'Patient.name',
        pointer: '/name',
        params: { path: 'Patient.name', min: 1, found: 0 },
      },
    ]);
    const cmp = compareToBaseline([after], baseline);
    expect(cmp.known.map((k) => k.issue.code)).toEqual(['structure.unknown-property']);
    expect(cmp.newIssues.map((k) => [k.file, k.issue.code])).toEqual([
      ['p.json', 'cardinality.too-few'],
    ]);
    expect(cmp.fixed.map((f) => [f.file, f.code, f.count])).toEqual([
      ['p.json', 'structure.empty-object', 1],
    ]);
    expect(cmp.unchecked).toEqual([]);
    expect(failOn([after], 'error', baseline)).toBe(true);
    expect(failOn([before], 'error', baseline)).toBe(false);
    expect(failOn([before], 'error')).toBe(true);
  });

  it('counts duplicates: two identical fingerprints in the baseline and three now gives one new', () => {
    // Same code, expression and severity at three pointers: one fingerprint, three occurrences.
    const two = withIssues('p.json', [unknown('a'), unknown('b')]);
    const three = withIssues('p.json', [unknown('a'), unknown('b'), unknown('c')]);
    const baseline = createBaseline([two]);
    expect(baseline.files[0]!.issues).toEqual([expect.objectContaining({ count: 2 })]);
    const cmp = compareToBaseline([three], baseline);
    expect(cmp.known).toHaveLength(2);
    expect(cmp.newIssues.map((n) => n.issue.pointer)).toEqual(['/c']);
    const one = compareToBaseline([withIssues('p.json', [unknown('a')])], baseline);
    expect(one.fixed.map((f) => f.count)).toEqual([1]);
    expect(one.newIssues).toEqual([]);
  });

  it('does not care about the order of files or issues', () => {
    const baseline = createBaseline(sampleFiles());
    const shuffled = [...sampleFiles()]
      .reverse()
      .map((f) => ({ ...f, result: { ...f.result, issues: [...f.result.issues].reverse() } }));
    const cmp = compareToBaseline(shuffled, baseline);
    expect(cmp.newIssues).toEqual([]);
    expect(cmp.fixed).toEqual([]);
    expect(cmp.known).toHaveLength(
      sampleFiles().flatMap((f) => f.result.issues.filter((i) => !i.waived)).length,
    );
    expect(createBaseline(shuffled)).toEqual(baseline);
  });

  it('treats a changed severity as a new issue and the old one as fixed', () => {
    const baseline = createBaseline([withIssues('p.json', [unknown('a', 'warning')])]);
    const cmp = compareToBaseline([withIssues('p.json', [unknown('a', 'error')])], baseline);
    expect(cmp.newIssues).toHaveLength(1);
    expect(cmp.fixed.map((f) => f.severity)).toEqual(['warning']);
  });

  it('reports entries of files missing from the run or truncated as unchecked, not fixed', () => {
    const baseline = createBaseline([bundleFile(), csvFile()]);
    const truncatedCsv: FileResult = { ...csvFile(), result: { ...csvFile().result, issues: [] } };
    const cmp = compareToBaseline([truncatedCsv], baseline);
    expect(cmp.fixed).toEqual([]);
    expect(new Set(cmp.unchecked.map((u) => u.file))).toEqual(
      new Set([bundleFile().file, csvFile().file]),
    );
  });

  it('failOn honours the level: error counts fatal and error, warning also warnings, never never fails', () => {
    const warningsOnly = withIssues('w.json', [
      {
        code: 'primitive.whitespace',
        expression: 'Patient.gender',
        pointer: '/gender',
        params: { type: 'code' },
      },
    ]);
    expect(failOn([warningsOnly], 'error')).toBe(false);
    expect(failOn([warningsOnly], 'warning')).toBe(true);
    expect(failOn([warningsOnly], 'never')).toBe(false);
    const fatal = withIssues('f.json', [
      { code: 'input.invalid-json', expression: '', pointer: '', params: { detail: 'x' } },
    ]);
    expect(failOn([fatal], 'error')).toBe(true);
    expect(failOn(sampleFiles(), 'never')).toBe(false);
    expect(failOn([validFile()], 'warning')).toBe(false);
  });

  it('failOn ignores waived issues', () => {
    const waivedOnly: FileResult = {
      file: 'x.json',
      feed: 'fhir',
      result: makeResult([unknown('a')], { waiveCodes: ['structure.unknown-property'] }),
    };
    expect(failOn([waivedOnly], 'warning')).toBe(false);
  });
});
