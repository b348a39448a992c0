import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { compareToBaseline, createBaseline, fingerprintIssue } from './baseline.js';
import { parseBaseline } from './parse-baseline.js';
import { sampleFiles } from './testing/sample-files.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ConfigError ? e.code : 'other';
  }
  return undefined;
}

describe('parseBaseline', () => {
  it('round-trips a baseline through JSON text', () => {
    const baseline = createBaseline(sampleFiles());
    const parsed = parseBaseline(JSON.parse(JSON.stringify(baseline)));
    expect(parsed).toEqual(baseline);
    expect(compareToBaseline(sampleFiles(), parsed).newIssues).toEqual([]);
  });

  it('rejects documents that are not baselines, with a ConfigError', () => {
    const good = JSON.parse(JSON.stringify(createBaseline(sampleFiles()))) as {
      files: { issues: Record<string, unknown>[] }[];
    };
    expect(codeOf(() => parseBaseline(null))).toBe('baseline.invalid');
    expect(
      codeOf(() => parseBaseline({ format: 'mdss-baseline', formatVersion: 3, files: [] })),
    ).toBe('baseline.invalid');
    expect(
      codeOf(() => parseBaseline({ format: 'mdss-baseline', formatVersion: 1, files: {} })),
    ).toBe('baseline.invalid');
    const badSeverity = structuredClone(good);
    badSeverity.files[0]!.issues[0]!['severity'] = 'bad';
    expect(codeOf(() => parseBaseline(badSeverity))).toBe('baseline.invalid');
    const badCount = structuredClone(good);
    badCount.files[0]!.issues[0]!['count'] = 0;
    expect(codeOf(() => parseBaseline(badCount))).toBe('baseline.invalid');
    expect(codeOf(() => parseBaseline(good))).toBeUndefined();
  });

  it('rejects an entry edited by hand so that its fingerprint no longer matches', () => {
    const edited = JSON.parse(JSON.stringify(createBaseline(sampleFiles()))) as {
      files: { issues: Record<string, unknown>[] }[];
    };
    edited.files[0]!.issues[0]!['location'] = 'Somewhere.else';
    expect(codeOf(() => parseBaseline(edited))).toBe('baseline.invalid');
    const badRecord = JSON.parse(JSON.stringify(createBaseline(sampleFiles()))) as {
      files: { issues: Record<string, unknown>[] }[];
    };
    badRecord.files[0]!.issues[0]!['record'] = 'Patient/1';
    expect(codeOf(() => parseBaseline(badRecord))).toBe('baseline.invalid');
  });

  it('reads a format 1 document (expression, no record) and compares it by its own identity', () => {
    const files = sampleFiles();
    const doc = {
      format: 'mdss-baseline',
      formatVersion: 1,
      files: files
        .filter((f) => f.result.issues.some((i) => !i.waived))
        .map(({ file, result }) => {
          const seen = new Map<string, Record<string, unknown>>();
          for (const i of result.issues.filter((x) => !x.waived)) {
            const fingerprint = fingerprintIssue(
              file,
              { code: i.code, location: i.expression, severity: i.severity },
              1,
            );
            const prior = seen.get(fingerprint);
            if (prior) prior['count'] = (prior['count'] as number) + 1;
            else
              seen.set(fingerprint, {
                fingerprint,
                code: i.code,
                expression: i.expression,
                severity: i.severity,
                count: 1,
              });
          }
          return { file, issues: [...seen.values()] };
        }),
    };
    const parsed = parseBaseline(doc);
    expect(parsed.formatVersion).toBe(1);
    const cmp = compareToBaseline(files, parsed);
    expect(cmp.newIssues).toEqual([]);
    expect(cmp.fixed).toEqual([]);
    const broken = structuredClone(doc);
    broken.files[0]!.issues[0]!['expression'] = 'Somewhere.else';
    expect(codeOf(() => parseBaseline(broken))).toBe('baseline.invalid');
  });
});
