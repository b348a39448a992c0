import { describe, expect, it } from 'vitest';
import { countIssues, sortFiles, summariseFiles } from './summarise-files.js';
import { bundleFile, csvFile, sampleFiles } from './testing/sample-files.js';

describe('summariseFiles', () => {
  it('counts waived issues only as waived, never under their severity', () => {
    expect(countIssues(bundleFile().result.issues)).toEqual({
      fatal: 0,
      error: 2,
      warning: 1,
      information: 0,
      waived: 1,
    });
  });

  it('adds up files, records, invalid and truncated files and issues', () => {
    expect(summariseFiles(sampleFiles())).toEqual({
      files: 4,
      invalidFiles: 3,
      records: 3 + 1 + 3 + 0,
      truncatedFiles: 1,
      fatal: 1,
      error: 4,
      warning: 2,
      information: 0,
      waived: 1,
    });
  });

  it('sorts files by path without mutating the input', () => {
    const files = sampleFiles();
    const before = files.map((f) => f.file);
    expect(sortFiles(files).map((f) => f.file)).toEqual([...before].sort());
    expect(files.map((f) => f.file)).toEqual(before);
    expect(csvFile().result.truncated).toBe(true);
  });
});
