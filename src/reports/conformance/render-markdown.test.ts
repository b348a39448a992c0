import { describe, expect, it } from 'vitest';
import {
  catalogue,
  northvale,
  northvaleFebruary,
  northvaleMarch,
} from '../../../test/reports/report-fixtures.js';
import { buildIcsMatrix } from './build-ics-matrix.js';
import { buildScorecard } from './build-scorecard.js';
import { escapeMarkdown, markdownTable } from './markdown.js';
import { renderMatrixMarkdown, renderScorecardMarkdown } from './render-markdown.js';

const now = new Date('2026-04-02T09:00:00.000Z');

describe('Markdown', () => {
  it('escapes table pipes, inline HTML, formatting and line breaks', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<b>x</b>')).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(escapeMarkdown('*bold* [link](http://x)')).toBe('\\*bold\\* \\[link\\]\\(http://x\\)');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });

  it('builds GFM tables', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |\n');
  });

  it('renders the scorecard with words for statuses and trends', () => {
    const partner = { ...northvale, name: 'Northvale | <Council>' };
    const md = renderScorecardMarkdown(
      buildScorecard({
        partner,
        catalogue,
        current: northvaleMarch(),
        previous: northvaleFebruary(),
        waivers: [],
        now,
      }),
    );
    expect(md).toContain('# Conformance scorecard: Northvale \\| &lt;Council&gt;');
    expect(md).toContain(
      '| MDS-01 Every person record carries an NHS number | MUST | Partly met | 90.0% | 100 | ↑ Improving | Patient.identifier cardinality.too-few × 10 |',
    );
    expect(md).toContain('## Maturity: level 1, Foundations');
    expect(md).toContain('## Must-support coverage: 70.0%');
    const tableRows = md.split('\n').filter((l) => l.startsWith('| MDS-'));
    for (const r of tableRows) expect(r.split(/(?<!\\)\|/).length).toBe(9);
  });

  it('renders the matrix alphabetically with a peer comparison', () => {
    const md = renderMatrixMarkdown(
      buildIcsMatrix({
        partners: [northvale],
        catalogue,
        data: { [northvale.id]: northvaleMarch() },
        now,
      }),
    );
    expect(md).toContain('listed alphabetically (not a ranking)');
    expect(md).toContain(
      '| Northvale Council (northvale-council) | 1 Foundations | Partly met 90.0% | Met 100.0% | Not met 40.0% | Met 96.0% | Not checked |',
    );
    expect(md).toContain('## Peer comparison');
  });
});
