import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { compareToBaseline, createBaseline } from './baseline.js';
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
    const good = JSON.parse(JSON.stringify(createBaseline(sampleFiles()))) as { files: { issues: Record<string, unknown>[] }[] };
    expect(codeOf(() => parseBaseline(null))).toBe('baseline.invalid');
    expect(codeOf(() => parseBaseline({ format: 'mdss-baseline', formatVersion: 2, files: [] }))).toBe('baseline.invalid');
    expect(codeOf(() => parseBaseline({ format: 'mdss-baseline', formatVersion: 1, files: {} }))).toBe('baseline.invalid');
    const badSeverity = structuredClone(good);
    badSeverity.files[0]!.issues[0]!['severity'] = 'bad';
    expect(codeOf(() => parseBaseline(badSeverity))).toBe('baseline.invalid');
    const badCount = structuredClone(good);
    badCount.files[0]!.issues[0]!['count'] = 0;
    expect(codeOf(() => parseBaseline(badCount))).toBe('baseline.invalid');
    expect(codeOf(() => parseBaseline(good))).toBeUndefined();
  });

  it('rejects an entry edited by hand so that its fingerprint no longer matches', () => {
    const edited = JSON.parse(JSON.stringify(createBaseline(sampleFiles()))) as { files: { issues: Record<string, unknown>[] }[] };
    edited.files[0]!.issues[0]!['expression'] = 'Somewhere.else';
    expect(codeOf(() => parseBaseline(edited))).toBe('baseline.invalid');
  });
});
