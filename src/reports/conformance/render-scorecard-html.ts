/**
 * The scorecard as a server-rendered HTML page in the NHS.UK design system: one h1, ordered
 * headings, tables with captions and header scopes, statuses as words plus colour, a sparkline per
 * requirement, readable on a phone (tables scroll sideways) and printable. Every value is escaped.
 * @module
 */

import { definitions, dataTable, statusTag, waiverText } from './html-parts.js';
import { renderHtmlPage, type HtmlRenderOptions } from './html-page.js';
import { renderDataQualityHtml } from './render-data-quality-html.js';
import { formatPercent, formatPeriod, formatUntil, TREND_LABELS, TREND_SYMBOLS } from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';
import type { Scorecard, ScorecardRequirement } from './scorecard.js';
import { renderSparkline } from './sparkline.js';

/**
 * Renders the scorecard page.
 * @example renderScorecardHtml(card, { styles: await readNhsukCss() })
 */
export function renderScorecardHtml(card: Scorecard, options: HtmlRenderOptions = {}): string {
  const body = html`${header(card)}
${maturity(card)}
<h2 class="nhsuk-heading-m">Requirements</h2>
${requirementsTable(card)}
<h2 class="nhsuk-heading-m">Top gaps</h2>
${gapsTable(card)}
${changes(card)}
<h2 class="nhsuk-heading-m">Must-support coverage</h2>
${mustSupport(card)}
${renderDataQualityHtml(card.fieldQuality)}
<h2 class="nhsuk-heading-m">Waivers</h2>
${waivers(card)}
${definitions(card.thresholds, 2)}`;
  return renderHtmlPage({ title: `Conformance scorecard: ${card.partner.name}`, body, ...(options.styles !== undefined && { styles: options.styles }) });
}

function header(card: Scorecard): SafeHtml {
  const p = card.partner;
  const fact = (term: string, value: string | undefined): SafeHtml | null => (value === undefined ? null : html`<dt>${term}</dt><dd>${value}</dd>`);
  return html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Conformance scorecard</span> ${p.name}</h1>
<dl class="mdss-facts">${fact('Partner id', p.id)}${fact('Kind', p.kind)}${fact('ODS code', p.odsCode)}${fact('CQC location', p.cqcLocationId)}${fact('GSS code', p.gssCode)}${fact(
    'Framework',
    `${card.framework.title ?? card.framework.id} ${card.framework.version}`,
  )}${fact('Period', formatPeriod(card.period))}${fact('Compared with', card.previousPeriod && formatPeriod(card.previousPeriod))}${fact(
    'Submissions',
    `${card.summary.submissions} (${card.summary.records} records)`,
  )}${fact(
    'Records by type',
    Object.keys(card.summary.recordTypes).length === 0 ? undefined : Object.entries(card.summary.recordTypes).map(([type, n]) => `${type} ${n}`).join(', '),
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

function trendCell(r: ScorecardRequirement): SafeHtml {
  const change = r.previousPassRate !== null && r.passRate !== null ? ` (${formatPercent(r.previousPassRate)} → ${formatPercent(r.passRate)})` : '';
  return html`${renderSparkline(r.series, `${r.id} pass rate`)}<span><span aria-hidden="true">${TREND_SYMBOLS[r.trend]} </span>${TREND_LABELS[r.trend]}${change}</span>`;
}

function requirementsTable(card: Scorecard): SafeHtml {
  return dataTable(
    `Requirements of ${card.framework.title ?? card.framework.id} ${card.framework.version}, ${formatPeriod(card.period)}`,
    ['Requirement', 'Title', 'Level', 'Status', 'Pass rate', 'Records checked', 'Trend', 'Largest gaps'],
    card.requirements.map((r) => [
      r.id,
      r.title,
      r.level,
      html`${statusTag(r.status)}${r.waiver ? html`<br>${waiverText(r.waiver)}` : null}`,
      formatPercent(r.passRate),
      `${r.checked}`,
      trendCell(r),
      r.gaps.length === 0
        ? '–'
        : html`<ul class="nhsuk-list">${r.gaps.slice(0, 3).map((g) => html`<li><code>${g.path}</code> ${g.code} × ${g.count}${g.waiver?.active === true ? ' (waived)' : ''}</li>`)}</ul>`,
    ]),
  );
}

function gapsTable(card: Scorecard): SafeHtml {
  if (card.topGaps.length === 0) return html`<p>No gaps in this period.</p>`;
  return dataTable(
    'Largest gaps by element path and issue code',
    ['Element path', 'Issue code', 'Severity', 'Count', 'Requirements', 'Waiver'],
    card.topGaps.map((g) => [html`<code>${g.path}</code>`, g.code, g.severity, `${g.count}`, g.requirements.join(', '), g.waiver ? waiverText(g.waiver) : '–']),
  );
}

function changes(card: Scorecard): SafeHtml | null {
  if (card.changes === undefined) return null;
  const { newGaps, resolvedGaps } = card.changes;
  const rows: [SafeHtml, string, string, string][] = [
    ...newGaps.map((g): [SafeHtml, string, string, string] => [html`<code>${g.path}</code>`, g.code, 'New this period', `${g.count}`]),
    ...resolvedGaps.map((g): [SafeHtml, string, string, string] => [html`<code>${g.path}</code>`, g.code, 'Resolved (not seen this period)', `${g.previousCount} in the previous period`]),
  ];
  return html`<h2 class="nhsuk-heading-m">Changes since the previous period</h2>
${rows.length === 0 ? html`<p>No gap appeared or went away since the previous period.</p>` : dataTable('Gaps that appeared or were resolved since the previous period', ['Element path', 'Issue code', 'Change', 'Count'], rows)}`;
}

function mustSupport(card: Scorecard): SafeHtml {
  const ms = card.mustSupport;
  if (ms.elements.length === 0) return html`<p>No must-support elements were measured in this period.</p>`;
  return html`<p>Overall coverage: ${formatPercent(ms.coverage)} of must-support elements populated.</p>
${dataTable(
  'Must-support elements: records where populated',
  ['Element path', 'Populated', 'Records', 'Coverage'],
  ms.elements.map((m) => [html`<code>${m.path}</code>`, `${m.populated}`, `${m.total}`, formatPercent(m.rate)]),
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
