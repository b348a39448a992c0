import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogue,
  northvale,
  northvaleFebruary,
  northvaleMarch,
  riverside,
  allMetMarch,
  summary,
  MARCH,
} from '../../../test/reports/report-fixtures.js';
import { aggregatePeriod } from './aggregate-period.js';
import { buildIcsMatrix } from './build-ics-matrix.js';
import { buildScorecard } from './build-scorecard.js';
import { toStyleText } from './html-page.js';
import { renderMatrixHtml } from './render-matrix-html.js';
import { renderScorecardHtml } from './render-scorecard-html.js';
import { escapeHtml, html } from './safe-html.js';
import { renderSparkline } from './sparkline.js';

const now = new Date('2026-04-02T09:00:00.000Z');
const hostile = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

describe('HTML escaping', () => {
  it('escapes interpolated text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(html`<td title="${'"onmouseover="x'}">${'<b>'}</td>`.value).toBe(
      '<td title="&quot;onmouseover=&quot;x">&lt;b&gt;</td>',
    );
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe(
      '<ul>&lt;a&gt;<li>ok</li></ul>',
    );
  });

  it('never lets a special character through (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('keeps injected values inert everywhere on the scorecard page', () => {
    const partner = { ...northvale, name: hostile, id: hostile };
    const period = aggregatePeriod(hostile, MARCH.from, MARCH.to, [
      summary(
        hostile,
        '2026-03-03T00:00:00Z',
        { 'MDS-01': [10, 5] },
        [
          {
            code: `code.${hostile}`,
            path: `Patient.${hostile}`,
            severity: 'error',
            count: 5,
            requirements: ['MDS-01'],
            waived: 0,
          },
        ],
        { mustSupport: [{ path: `Patient.${hostile}`, populated: 1, total: 2 }] },
      ),
    ]);
    const card = buildScorecard({
      partner,
      catalogue: { ...catalogue, requirements: [{ id: 'MDS-01', title: hostile, level: 'MUST' }] },
      current: period,
      waivers: [
        {
          id: 'w',
          partnerId: hostile,
          code: `code.${hostile}`,
          reason: hostile,
          until: '2026-12-31',
        },
      ],
      now,
    });
    const page = renderScorecardHtml(card, { styles: 'body{} </style><script>alert(1)</script>' });
    const afterStyles = page.slice(page.indexOf('</style>'));
    expect(afterStyles).not.toContain('<script');
    expect(afterStyles).not.toContain('<img');
    expect(page).toContain('body{} <\\/style><script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
  });

  it('cannot close the style element from the passed-in CSS', () => {
    expect(toStyleText('a{}</STYLE><b>')).toBe('a{}<\\/STYLE><b>');
  });
});

describe('renderScorecardHtml', () => {
  const card = buildScorecard({
    partner: northvale,
    catalogue,
    current: northvaleMarch(),
    previous: northvaleFebruary(),
    waivers: [
      {
        id: 'w',
        partnerId: northvale.id,
        requirementId: 'MDS-06',
        reason: 'Back-fill agreed',
        until: '2026-03-31',
      },
    ],
    now,
  });
  const page = renderScorecardHtml(card);

  it('has one h1, ordered headings and a caption and header scopes on every table', () => {
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    levels.forEach(
      (level, i) => i > 0 && expect(level - (levels[i - 1] as number)).toBeLessThanOrEqual(1),
    );
    const tables = page.split('<table').slice(1);
    expect(tables.length).toBe(5);
    for (const t of tables) {
      expect(t).toMatch(/^[^>]*>\s*<caption/);
      expect(t).toContain('<th scope="col"');
    }
    expect(page).toContain('lang="en-GB"');
    expect(page).toContain('name="viewport"');
  });

  it('shows statuses as words as well as colour, and an expired waiver as a gap again', () => {
    expect(page).toContain('Partly met</strong>');
    expect(page).toContain('Not met</strong>');
    expect(page).toContain('Waiver expired 2026-03-31 (Back-fill agreed): the gap shows again.');
    expect(page).toContain('Level 1: Foundations');
  });

  it('draws a labelled sparkline per requirement', () => {
    expect(page.match(/<svg class="mdss-sparkline"/g)).toHaveLength(5);
    expect(page).toContain('<title>MDS-01 pass rate by submission: 80.0%, 100.0%</title>');
    expect(page).toContain('aria-label="MDS-12 pass rate: no submissions checked in this period"');
  });

  it('includes print rules and the passed-in NHS.UK styles', () => {
    expect(renderScorecardHtml(card, { styles: '.nhsuk-table{color:red}' })).toContain(
      '.nhsuk-table{color:red}',
    );
    expect(page).toContain('@media print');
  });
});

describe('renderSparkline', () => {
  it('caps the points and says so in its label', () => {
    const svg = renderSparkline(
      Array.from({ length: 30 }, (_, i) => i / 29),
      'MDS-02 pass rate',
    ).value;
    expect(svg).toContain('(last 24 of 30)');
    expect(svg.match(/,/g)?.length).toBeGreaterThanOrEqual(24);
  });
});

describe('renderMatrixHtml', () => {
  it('offers a labelled partner-kind filter form when asked, with the current kind selected', () => {
    const m = buildIcsMatrix({
      partners: [northvale],
      catalogue,
      data: { [northvale.id]: northvaleMarch() },
      filter: { kind: 'council' },
      now,
    });
    const page = renderMatrixHtml(m, { kindFilter: { action: '/v1/report?x="y"' } });
    expect(page).toContain(
      '<form class="mdss-filter" method="get" action="/v1/report?x=&quot;y&quot;">',
    );
    expect(page).toContain('<label class="nhsuk-label" for="mdss-kind">');
    expect(page).toContain('<option value="council" selected>council</option>');
    expect(page.match(/<option /g)).toHaveLength(9);
    expect(renderMatrixHtml(m)).not.toContain('<form');
  });

  it('renders the heat map, peer comparison and maturity tables with captions, without ranking', () => {
    const m = buildIcsMatrix({
      partners: [riverside, northvale],
      catalogue,
      data: { [northvale.id]: northvaleMarch(), [riverside.id]: allMetMarch(riverside.id) },
      filter: {},
      now,
    });
    const page = renderMatrixHtml(m);
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.match(/<caption/g)).toHaveLength(3);
    expect(page.indexOf('Northvale Council')).toBeLessThan(page.indexOf('Riverside Surgery'));
    expect(page).toContain('not a league table');
    expect(page.replaceAll('not a ranking', '')).not.toMatch(/\brank/i);
  });
});
