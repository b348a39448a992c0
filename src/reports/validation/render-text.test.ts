import { describe, expect, it } from 'vitest';
import { renderText } from './render-text.js';
import { bundleFile, sampleFiles, sampleRun, validFile } from './testing/sample-files.js';

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;

describe('renderText', () => {
  it('groups by file in path order, one line per issue in result order, then a summary line', () => {
    const lines = renderText(sampleFiles(), sampleRun).trimEnd().split('\n');
    const headers = lines.filter((l) => !l.startsWith('  ')).slice(0, -1);
    expect(headers.map((h) => h.split(' ')[0])).toEqual([
      'examples/partner-a/patient.json',
      'examples/partner-b/bundle.json',
      'examples/partner-c/events.csv',
      'examples/partner-d/broken,',
    ]);
    const bundleStart = lines.findIndex((l) => l.startsWith('examples/partner-b/bundle.json'));
    const bundleLines = lines.slice(bundleStart + 1, bundleStart + 5);
    expect(bundleLines.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual(
      bundleFile().result.issues.map((i) => [i.severity, i.code, i.expression]),
    );
    expect(bundleLines[0]).toContain('(9:11)');
    const summary = lines.at(-1)!;
    expect(summary).toMatch(
      /^4 files \(3 invalid\), 7 records: 5 errors, 2 warnings, 0 information, 1 waived \(mdss 0\.1\.0, framework 1\.0\.0\)$/,
    );
  });

  it('marks waived issues with their expiry', () => {
    const out = renderText([bundleFile()], sampleRun);
    const waivedLine = out.split('\n').find((l) => l.includes('structure.empty-string'))!;
    expect(waivedLine).toContain('[waived until 2027-03-31:');
  });

  it('uses ANSI colour only when asked, and the text is otherwise the same', () => {
    const plain = renderText(sampleFiles(), sampleRun);
    const coloured = renderText(sampleFiles(), sampleRun, { color: true });
    expect(plain).not.toMatch(ansi);
    expect(coloured).toMatch(ansi);
    expect(coloured.replace(ansi, '')).toBe(plain);
  });

  it('escapes control characters from the payload so they cannot drive the terminal', () => {
    const plain = renderText(sampleFiles(), sampleRun);
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(plain).toContain('\\u001b[31m');
    expect(plain.split('\n').filter((l) => l.includes('structure.unknown-property'))).toHaveLength(
      1,
    );
  });

  it('is deterministic and independent of input order', () => {
    const files = sampleFiles();
    expect(renderText([...files].reverse(), sampleRun)).toBe(renderText(files, sampleRun));
  });

  it('says valid for a file without issues and counts singulars', () => {
    const out = renderText([validFile()], sampleRun);
    expect(out.split('\n')[0]).toBe('examples/partner-a/patient.json [fhir] 1 record: valid');
    expect(out.split('\n')[1]).toMatch(/^1 file \(0 invalid\), 1 record: 0 errors, 0 warnings/);
  });
});
