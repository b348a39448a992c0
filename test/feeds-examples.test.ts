/**
 * The social-care example feeds report exactly the gaps their READMEs document (code, location,
 * severity, requirement ids), and the valid-only files report nothing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../src/feeds/index.js';
import type { Issue } from '../src/issues/issue.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));

function read(path: string): string {
  return readFileSync(examples + path, 'utf8');
}

/** The rows of the first Markdown table under "## Deliberate gaps", as arrays of cells. */
function gapTable(readme: string): string[][] {
  const section = readme.slice(readme.indexOf('## Deliberate gaps'));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .slice(1)
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim().replace(/^`|`$/g, '')),
    );
}

function reqs(cell: string): string[] {
  return cell === '–' ? [] : cell.split(', ');
}

function actual(issues: readonly Issue[], withColumn: boolean): string[] {
  return issues
    .map((i) =>
      [
        i.code,
        i.pointer,
        i.severity,
        i.position?.line,
        withColumn ? i.position?.column : '',
        (i.requirements ?? []).join(' '),
      ].join(' | '),
    )
    .sort();
}

describe('examples/northvale-council-asc (CLD CSV)', () => {
  it('the valid file gives no issues at all', () => {
    const r = validateFeed(read('northvale-council-asc/cld-2026-q2-valid.csv'), {
      allowTestNumbers: true,
      filename: 'cld-2026-q2-valid.csv',
    });
    expect(r.issues).toEqual([]);
    expect(r.recordCount).toBe(11);
  });

  it('the gaps file reports exactly the documented gaps, at the documented rows, lines and columns', () => {
    const rows = gapTable(read('northvale-council-asc/README.md'));
    expect(rows.length).toBeGreaterThan(20);
    const expected = rows
      .map(([row, line, column, field, code, severity, requirements]) => {
        const pointer =
          row === '-'
            ? ''
            : field === '-' || code === 'feed.csv-malformed'
              ? `/${row}`
              : `/${row}/${field}`;
        return [
          code,
          pointer,
          severity,
          Number(line),
          Number(column),
          reqs(requirements!).join(' '),
        ].join(' | ');
      })
      .sort();
    const r = validateFeed(read('northvale-council-asc/cld-2026-q2.csv'), {
      allowTestNumbers: true,
    });
    expect(actual(r.issues, true)).toEqual(expected);
    expect(r.recordCount).toBe(39);
  });

  it('without the test-data setting, every readable NHS number is flagged as test range (MDS-03)', () => {
    const r = validateFeed(read('northvale-council-asc/cld-2026-q2-valid.csv'));
    expect(
      r.issues.every(
        (i) => i.code === 'england.nhs-number-test-range' && i.requirements?.includes('MDS-03'),
      ),
    ).toBe(true);
    expect(r.issues).toHaveLength(11);
  });
});

describe('examples/northvale-council-csc (CIN JSON)', () => {
  it('the valid file gives no issues at all', () => {
    const r = validateFeed(read('northvale-council-csc/cin-2026-valid.json'));
    expect(r.issues).toEqual([]);
    expect(r.recordCount).toBe(4);
  });

  it('the gaps file reports exactly the documented gaps', () => {
    const rows = gapTable(read('northvale-council-csc/README.md'));
    const expected = rows
      .map(([, line, pointer, code, severity, requirements]) =>
        [code, pointer, severity, Number(line), '', reqs(requirements!).join(' ')].join(' | '),
      )
      .sort();
    const r = validateFeed(read('northvale-council-csc/cin-2026.json'));
    expect(actual(r.issues, false)).toEqual(expected);
    expect(r.records?.every((x) => x.type === 'cin-child')).toBe(true);
  });
});
