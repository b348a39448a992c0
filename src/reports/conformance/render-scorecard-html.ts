/**
 * The scorecard as a server-rendered HTML page in the NHS.UK design system: one h1, ordered
 * headings, tables with captions and header scopes, statuses as words plus colour, a sparkline per
 * requirement, readable on a phone (tables scroll sideways) and printable. Every value is escaped.
 * @module
 */

import { monthLabel, renderLineChart } from './charts.js';
import {
  definitions,
  dataTable,
  howFiguresAreComputed,
  requirementKey,
  statusTag,
  waiverText,
} from './html-parts.js';
import { renderHtmlPage, type HtmlRenderOptions } from './html-page.js';
import { renderDataQualityHtml } from './render-data-quality-html.js';
import {
  formatPercent,
  formatPeriod,
  formatUntil,
  TREND_LABELS,
  TREND_SYMBOLS,
} from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';
import type { Scorecard, ScorecardRequirement } from './scorecard.js';
import { gapsAnchor } from './render-matrix-html.js';
import { renderSparkline } from './sparkline.js';

/**
 * Renders the scorecard page.
 * @example renderScorecardHtml(card, { styles: await readNhsukCss() })
 */
export function renderScorecardHtml(card: Scorecard, options: HtmlRenderOptions = {}): string {
  const body = html`${header(card)}
${atAGlance(card)}
<h2 class="nhsuk-heading-m" id="what-to-fix">What to fix</h2>
${gapsTable(card)}
${maturity(card)}
<h2 class="nhsuk-heading-m">Requirements</h2>
${requirementsTable(card)}
${changes(card)}
<h2 class="nhsuk-heading-m">Must-support coverage</h2>
${mustSupport(card)}
${renderDataQualityHtml(card.fieldQuality)}
<h2 class="nhsuk-heading-m">Waivers</h2>
${waivers(card)}
${requirementKey(card.requirements, 2)}
${howFiguresAreComputed(2)}
${definitions(card.thresholds, 2)}`;
  return renderHtmlPage({
    title: `Conformance scorecard: ${card.partner.name}`,
    body,
    ...(options.styles !== undefined && { styles: options.styles }),
  });
}

function header(card: Scorecard): SafeHtml {
  const p = card.partner;
  const fact = (term: string, value: string | undefined): SafeHtml | null =>
    value === undefined ? null : html`<dt>${term}</dt><dd>${value}</dd>`;
  return html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Conformance scorecard</span> ${p.name}</h1>
<dl class="mdss-facts mdss-facts--2col">${fact('Partner id', p.id)}${fact('Kind', p.kind)}${fact('ODS code', p.odsCode)}${fact('CQC location', p.cqcLocationId)}${fact('GSS code', p.gssCode)}${fact(
    'Framework',
    `${card.framework.title ?? card.framework.id} ${card.framework.version}`,
  )}${fact('Period', formatPeriod(card.period))}${fact('Compared with', card.previousPeriod && formatPeriod(card.previousPeriod))}${fact(
    'Submissions',
    `${card.summary.submissions} (${card.summary.records} records)`,
  )}${fact(
    'Records by type',
    Object.keys(card.summary.recordTypes).length === 0
      ? undefined
      : Object.entries(card.summary.recordTypes)
          .map(([type, n]) => `${type} ${n}`)
          .join(', '),
  )}${fact('Generated', card.generatedAt)}</dl>`;
}

function maturity(card: Scorecard): SafeHtml {
  const m = card.maturity;
  const s = card.summary;
  return html`<h2 class="nhsuk-heading-m">Maturity</h2>
<div class="mdss-maturity">
<p class="nhsuk-heading-s">Level ${m.level}: ${m.name}</p>
<p>${m.description}</p>
<p>MUST requirements met: ${m.mustMet} of ${m.mustChecked} checked. SHOULD requirements met: ${m.shouldMet} of ${m.shouldChecked} checked.${m.waived > 0 ? ` ${m.waived} counted as met under a waiver.` : ''}</p>
<p>Met ${s.met}, partly met ${s.partly}, not met ${s.notMet}, waived ${s.waived}, not checked ${s.notChecked}.</p>
</div>`;
}

function trendCell(r: ScorecardRequirement, months: readonly string[]): SafeHtml {
  const change =
    r.previousPassRate !== null && r.passRate !== null
      ? ` (${formatPercent(r.previousPassRate)} → ${formatPercent(r.passRate)})`
      : '';
  const checked = r.history.filter((x): x is number => x !== null);
  const spark =
    r.history.length > 1
      ? renderSparkline(
          checked,
          `${r.id} pass rate by month (${months.filter((_, i) => r.history[i] !== null).join(', ')})`,
        )
      : renderSparkline(r.series, `${r.id} pass rate`);
  return html`${spark}<span><span aria-hidden="true">${TREND_SYMBOLS[r.trend]} </span>${TREND_LABELS[r.trend]}${change}</span>`;
}

/** What a lead reads first: level, overall pass rate and data quality against the previous period, and the months before. */
function atAGlance(card: Scorecard): SafeHtml {
  const { current, previous } = card.overview;
  const was = (text: string): SafeHtml | null =>
    previous === null ? null : html`<span class="mdss-muted"> (previous period ${text})</span>`;
  const months = card.history.map((p) => monthLabel(p.from));
  return html`<div class="mdss-glance">
<dl class="mdss-glance__figures">
<div><dt>Maturity level</dt><dd><span class="mdss-big">${card.maturity.level}</span> ${card.maturity.name}${previous === null ? null : was(`level ${previous.maturityLevel}`)}</dd></div>
<div><dt>Overall pass rate</dt><dd><span class="mdss-big">${formatPercent(current.passRate)}</span>${previous === null ? null : was(formatPercent(previous.passRate))}</dd></div>
<div><dt>Requirements met</dt><dd><span class="mdss-big">${current.met} of ${current.checked}</span> checked${previous === null ? null : was(`${previous.met} of ${previous.checked}`)}</dd></div>
<div><dt>Data quality</dt><dd>${
    card.dataQuality.length === 0
      ? '–'
      : card.dataQuality.map(
          (d) =>
            html`<span class="mdss-big">${formatPercent(d.index)}</span> ${d.feed} <span class="mdss-muted">(coverage ${formatPercent(d.coverage)} × validity ${formatPercent(d.validity)})</span> `,
        )
  }</dd></div>
</dl>
${
  card.history.length > 1
    ? html`<figure class="mdss-figure"><figcaption class="nhsuk-heading-s">The last ${card.history.length} months</figcaption>${renderLineChart(
        {
          label: `${card.partner.name}, by month`,
          periods: months,
          width: 520,
          height: 120,
          lines: [
            {
              name: 'Overall pass rate',
              values: card.history.map((p) => p.passRate),
              texts: card.history.map((p) => formatPercent(p.passRate)),
            },
            {
              name: 'Data quality',
              values: card.history.map((p) => p.dataQuality),
              texts: card.history.map((p) => formatPercent(p.dataQuality)),
            },
          ],
        },
      )}</figure>`
    : null
}
</div>`;
}

function requirementsTable(card: Scorecard): SafeHtml {
  const months = card.history.map((p) => monthLabel(p.from));
  return dataTable(
    `Requirements of ${card.framework.title ?? card.framework.id} ${card.framework.version}, ${formatPeriod(card.period)}`,
    [
      'Requirement',
      'Title',
      'Level',
      'Status',
      'Pass rate',
      'Records checked',
      'Trend',
      'Largest gaps',
    ],
    card.requirements.map((r) => [
      r.id,
      r.title,
      r.level,
      html`${statusTag(r.status)}${r.waiver ? html`<br>${waiverText(r.waiver)}` : null}`,
      formatPercent(r.passRate),
      `${r.checked}`,
      trendCell(r, months),
      r.gaps.length === 0
        ? '–'
        : html`<ul class="nhsuk-list">${r.gaps.slice(0, 3).map((g) => html`<li>${g.rule} at ${elementText(g.path)} × ${g.count}${g.waiver?.active === true ? ' (waived)' : ''} <span class="mdss-muted">${g.code}</span></li>`)}</ul>${r.guidance && r.status !== 'met' && r.status !== 'not-checked' ? html`<p class="mdss-fix"><strong>How to fix:</strong> ${r.guidance.fix}</p>` : null}`,
    ]),
    card.requirements.map((r) => gapsAnchor(r.id)),
  );
}

function gapsTable(card: Scorecard): SafeHtml {
  if (card.topGaps.length === 0) return html`<p>No gaps in this period.</p>`;
  const title = (id: string): string => card.requirements.find((r) => r.id === id)?.title ?? '';
  const guidance = (g: Scorecard['topGaps'][number]): SafeHtml | string => {
    // The most specific requirement first: fewest distinct gaps, then fewest failing records.
    const req = g.requirements
      .map((id) => card.requirements.find((r) => r.id === id))
      .filter((r): r is ScorecardRequirement => r?.guidance !== undefined)
      .sort(
        (a, b) => a.gaps.length - b.gaps.length || a.failed - b.failed || (a.id < b.id ? -1 : 1),
      )[0];
    if (!req?.guidance) return '–';
    return html`${req.guidance.fix}${req.guidance.example ? html` <span class="mdss-example">For example: <code>${req.guidance.example}</code></span>` : null}`;
  };
  return html`<p>The largest gaps of the period, most records first: what is wrong, where, which requirement it counts against, and what to do. Warnings (including checks the framework marks as heuristic) are listed but do not decide a MUST requirement.</p>
${dataTable(
  'Largest gaps: the rule in words and where, the requirement, and how to fix it',
  ['What is wrong, where', 'Requirement', 'How to fix', 'Records', 'Severity', 'Waiver'],
  card.topGaps.map((g) => [
    html`${g.rule}, at ${elementText(g.path)}<br><span class="mdss-muted">${g.code}</span>`,
    g.requirements.length === 0
      ? '–'
      : html`${g.requirements.map((id, i) => html`${i > 0 ? html`<br>` : null}<a href="#req-${id.toLowerCase()}">${id}</a> ${title(id)}`)}`,
    guidance(g),
    `${g.count}`,
    g.severity,
    g.waiver ? waiverText(g.waiver) : '–',
  ]),
)}`;
}

function changes(card: Scorecard): SafeHtml | null {
  if (card.changes === undefined) return null;
  const { newGaps, resolvedGaps } = card.changes;
  const rows: [SafeHtml, string, string, string][] = [
    ...newGaps.map((g): [SafeHtml, string, string, string] => [
      elementText(g.path),
      g.code,
      'New this period',
      `${g.count}`,
    ]),
    ...resolvedGaps.map((g): [SafeHtml, string, string, string] => [
      elementText(g.path),
      g.code,
      'Resolved (not seen this period)',
      `${g.previousCount} in the previous period`,
    ]),
  ];
  return html`<h2 class="nhsuk-heading-m">Changes since the previous period</h2>
${rows.length === 0 ? html`<p>No gap appeared or went away since the previous period.</p>` : dataTable('Gaps that appeared or were resolved since the previous period', ['Element path', 'Issue code', 'Change', 'Count'], rows)}`;
}

function mustSupport(card: Scorecard): SafeHtml {
  const ms = card.mustSupport;
  if (ms.elements.length === 0)
    return html`<p>No must-support elements were measured in this period.</p>`;
  return html`<p>Overall coverage: ${formatPercent(ms.coverage)} of must-support elements populated.</p>
${dataTable(
  'Must-support elements: records where populated',
  ['Element path', 'Populated', 'Records', 'Coverage'],
  ms.elements.map((m) => [
    elementText(m.path),
    `${m.populated}`,
    `${m.total}`,
    formatPercent(m.rate),
  ]),
)}`;
}

function waivers(card: Scorecard): SafeHtml {
  if (card.waivers.length === 0) return html`<p>No waivers recorded for this partner.</p>`;
  return dataTable(
    'Waivers recorded for this partner',
    ['Waived', 'Reason', 'Until', 'State'],
    card.waivers.map((w) => [
      w.requirementId ?? `${w.code ?? ''}${w.path ? ` at ${w.path}` : ''}`,
      w.reason,
      formatUntil(w.until),
      w.active ? 'Active' : 'Expired: gap shows again',
    ]),
  );
}

/** An element path as code, or words for an issue of the whole submission (no path). */
function elementText(path: string): SafeHtml {
  return path === ''
    ? html`<span class="mdss-muted">the whole submission</span>`
    : html`<code>${path}</code>`;
}
