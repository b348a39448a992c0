import { describe, expect, it } from 'vitest';
import { cell, renderMarkdown } from './render-markdown.js';
import {
  bundleFile,
  hostile,
  makeResult,
  sampleFiles,
  sampleRun,
  validFile,
} from './testing/sample-files.js';

/** Splits a GFM table row into cells on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function table(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows; // header, separator, body…
}

describe('renderMarkdown', () => {
  it('has a totals table, a per-file table sorted by path and a top-codes table', () => {
    const md = renderMarkdown(sampleFiles(), sampleRun);
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^## /);
    const totals = lines.slice(lines.findIndex((l) => l.startsWith('| Files')));
    expect(cells(totals[2]!)).toEqual(['4', '3', '1', '7', '5', '2', '0', '1']);
    const files = table(md, '### Files').slice(2);
    expect(files.map((r) => r[0])).toEqual(
      sampleFiles()
        .map((f) => cell(f.file))
        .sort(),
    );
    expect(files[1]!.slice(3)).toEqual(['3', '2', '1', '0', '1']);
    const codes = table(md, '### Top issue codes').slice(2);
    expect(codes[0]!.slice(0, 3)).toEqual(['`jsonschema.required`', 'error', '2']);
    const tooFew = codes.find((r) => r[0] === '`cardinality.too-few`')!;
    expect(tooFew[5]).toBe('MDS-01, MDS-02');
    expect(codes.at(-1)!.slice(0, 4)).toEqual(['`structure.empty-string`', 'error', '0', '1']);
  });

  it('limits the top codes table and says how many more there are', () => {
    const md = renderMarkdown(sampleFiles(), sampleRun, { topCodes: 2 });
    expect(table(md, '### Top issue codes').slice(2)).toHaveLength(2);
    expect(md).toMatch(/5 more codes/);
  });

  it('keeps the table shape whatever the file name: pipes, newlines and markup are escaped', () => {
    const file = { ...bundleFile(), file: `dir/${hostile}.json`, feed: 'a|b' };
    const md = renderMarkdown([file, validFile()], sampleRun);
    const rows = table(md, '### Files');
    for (const row of rows) expect(row).toHaveLength(8);
    const hostileRow = rows.find((r) => r[0]!.startsWith('dir/'))!;
    expect(hostileRow[0]).toContain('&lt;&amp;"\'&gt;\\|%,:<br>');
    expect(hostileRow[0]).not.toMatch(/[\u0000-\u001f]/); // eslint-disable-line no-control-regex
    expect(hostileRow[1]).toBe('a\\|b');
    expect(cell('a\r\nb\nc')).toBe('a<br>b<br>c');
    expect(cell('*x* _y_ [z](u) `c` ~s~ \\')).toBe(
      '\\*x\\* \\_y\\_ \\[z\\](u) \\`c\\` \\~s\\~ \\\\',
    );
  });

  it('says all valid when nothing failed, and lists no codes table without issues', () => {
    const md = renderMarkdown(
      [validFile(), { file: 'b.json', feed: 'fhir', result: makeResult([]) }],
      sampleRun,
    );
    expect(md.split('\n')[0]).toContain('2 files valid');
    expect(md).not.toContain('### Top issue codes');
  });

  it('is deterministic and independent of input order', () => {
    const files = sampleFiles();
    expect(renderMarkdown([...files].reverse(), sampleRun)).toBe(renderMarkdown(files, sampleRun));
  });
});
