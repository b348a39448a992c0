/**
 * The ICS matrix as an HTML page a digital lead reads at a glance: a partners × requirements heat
 * map that fits a 1280-px screen (compact requirement ids as column heads, the title on hover and
 * focus and in the key; a sticky partner column when a phone must scroll), each partner linking to
 * its scorecard and each cell to that partner's gaps for the requirement; then charts drawn on the
 * server (maturity distribution, pass rate per requirement, each partner's trend), the peer
 * comparison table and how every figure is computed. Partners appear in alphabetical order;
 * nothing is ranked.
 * @module
 */

import type { IcsMatrix, MatrixRow } from './build-ics-matrix.js';
import { monthLabel, renderBarChart, renderLineChart } from './charts.js';
import {
  dataTable,
  definitions,
  howFiguresAreComputed,
  requirementKey,
  statusCell,
} from './html-parts.js';
import { renderHtmlPage, type HtmlRenderOptions } from './html-page.js';
import { MATURITY_LEVELS } from './maturity.js';
import { PARTNER_KINDS } from './partner.js';
import { formatPercent, formatPeriod, TREND_LABELS, TREND_SYMBOLS } from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';

/** Options of {@link renderMatrixHtml}. */
export interface MatrixHtmlOptions extends HtmlRenderOptions {
  /**
   * Adds a partner-kind filter: a plain GET form (no script) submitting `kind` to `action`, the
   * report's own URL on the server. Leave out for a static file.
   */
  readonly kindFilter?: { readonly action: string };
  /** Where a partner's scorecard is (default `<partner id>.html`, beside a static matrix). */
  readonly scorecardHref?: (partnerId: string) => string;
}

/** The anchor of a requirement's row (and its gaps) on a scorecard: `gaps-mds-01`. */
export function gapsAnchor(requirementId: string): string {
  return `gaps-${requirementId.toLowerCase()}`;
}

/**
 * Renders the matrix page.
 * @example renderMatrixHtml(matrix, { styles: await readNhsukCss() })
 */
export function renderMatrixHtml(matrix: IcsMatrix, options: MatrixHtmlOptions = {}): string {
  const framework = `${matrix.framework.title ?? matrix.framework.id} ${matrix.framework.version}`;
  const scope = matrix.filter.kind ? `partners of kind ${matrix.filter.kind}` : 'all partners';
  const href = options.scorecardHref ?? ((id: string) => `${encodeURIComponent(id)}.html`);
  const body = html`<h1 class="nhsuk-heading-l mdss-title"><span class="nhsuk-caption-m">${framework}</span> ICS conformance matrix</h1>
<p class="mdss-facts-line"><strong>Period</strong> ${formatPeriod(matrix.period)}${previousText(matrix)} · <strong>Partners</strong> ${matrix.rows.length} (${scope}) · <strong>Generated</strong> ${matrix.generatedAt}</p>
${options.kindFilter ? kindForm(options.kindFilter.action, matrix.filter.kind) : null}
${headline(matrix)}
<h2 class="nhsuk-heading-m mdss-tight" id="heat-map">Partners and requirements</h2>
${heatMap(matrix, href)}
${statusKey()}
<p>Each cell shows the status (colour and symbol) and the pass rate in per cent. Select a partner for its scorecard, a cell for that partner’s gaps on that requirement, a requirement id for its title and how to fix it. Partners are listed alphabetically: this is a peer comparison to find where support is needed, not a league table.</p>
<h2 class="nhsuk-heading-m">Charts</h2>
<div class="mdss-charts">
<figure class="mdss-figure"><figcaption class="nhsuk-heading-s">Partners per maturity level</figcaption>${renderBarChart(
    {
      label: `Partners per maturity level, ${scope}`,
      max: Math.max(1, matrix.rows.length),
      nameWidth: 170,
      bars: MATURITY_LEVELS.map((l) => {
        const n = matrix.maturityDistribution[`${l.level}`];
        return { name: `Level ${l.level}: ${l.name}`, value: n, text: `${n}` };
      }),
    },
  )}</figure>
<figure class="mdss-figure"><figcaption class="nhsuk-heading-s">Pass rate per requirement across the ICS</figcaption>${renderBarChart(
    {
      label: `Pass rate per requirement across ${scope} (records passed ÷ records checked)`,
      max: 1,
      nameWidth: 70,
      bars: matrix.peers.map((p) => ({
        name: p.requirementId,
        value: p.icsPassRate,
        text: p.icsPassRate === null ? 'not checked' : formatPercent(p.icsPassRate),
      })),
    },
  )}</figure>
</div>
<h3 class="nhsuk-heading-s">Each partner’s trend</h3>
<p>Overall pass rate (records passed ÷ records checked, over every requirement) per month, and the data-quality index.</p>
<div class="mdss-small-multiples">${matrix.rows.map((row) => partnerTrend(row))}</div>
<h2 class="nhsuk-heading-m">Peer comparison</h2>
${peerTable(matrix, scope)}
<h2 class="nhsuk-heading-m">Maturity across partners</h2>
${dataTable(
  `Partners per maturity level, ${scope}`,
  ['Level', 'Partners'],
  MATURITY_LEVELS.map((l) => [
    `Level ${l.level}: ${l.name}`,
    `${matrix.maturityDistribution[`${l.level}`]}`,
  ]),
)}
${requirementKey(matrix.requirements, 2)}
${howFiguresAreComputed(2)}
${definitions(matrix.thresholds, 2)}`;
  return renderHtmlPage({
    title: `ICS conformance matrix: ${framework}`,
    body,
    wide: true,
    ...(options.styles !== undefined && { styles: options.styles }),
  });
}

function previousText(matrix: IcsMatrix): string {
  const previous = matrix.rows.find((r) => r.history.length > 1)?.history.at(-2);
  return previous ? ` (compared with ${formatPeriod(previous)})` : '';
}

/** Three sentences a lead reads first. */
function headline(matrix: IcsMatrix): SafeHtml {
  const n = matrix.rows.length;
  const minimum = matrix.rows.filter((r) => r.maturity.level >= 2).length;
  const better = matrix.rows.filter(
    (r) => r.previousMaturityLevel !== null && r.maturity.level > r.previousMaturityLevel,
  ).length;
  const worse = matrix.rows.filter(
    (r) => r.previousMaturityLevel !== null && r.maturity.level < r.previousMaturityLevel,
  ).length;
  const rising = matrix.rows.filter((r) => trendOf(r) === 'up').map((r) => r.partner.name);
  const falling = matrix.rows.filter((r) => trendOf(r) === 'down').map((r) => r.partner.name);
  const weakest = [...matrix.peers]
    .filter((p) => p.icsPassRate !== null)
    .sort(
      (a, b) =>
        (a.icsPassRate ?? 0) - (b.icsPassRate ?? 0) ||
        (a.requirementId < b.requirementId ? -1 : a.requirementId > b.requirementId ? 1 : 0),
    )[0];
  return html`<div class="mdss-headline"><ul class="nhsuk-list nhsuk-list--bullet">
<li><strong>${minimum} of ${n}</strong> partners meet every MUST requirement checked (maturity level 2 or above)${better + worse > 0 ? `; since the previous period ${better} moved up a level and ${worse} down` : ''}.</li>
<li>Overall pass rate improving for <strong>${rising.length}</strong>${rising.length ? ` (${rising.join(', ')})` : ''}, worsening for <strong>${falling.length}</strong>${falling.length ? ` (${falling.join(', ')})` : ''}.</li>
${weakest ? html`<li>Lowest pass rate across the ICS: <a href="#req-${weakest.requirementId.toLowerCase()}">${weakest.requirementId}</a> ${matrix.requirements.find((r) => r.id === weakest.requirementId)?.title ?? ''} (${formatPercent(weakest.icsPassRate)}).</li>` : null}
</ul></div>`;
}

function trendOf(row: MatrixRow): 'up' | 'down' | 'flat' | 'none' {
  const now = row.history.at(-1)?.passRate ?? null;
  const before = row.history.at(-2)?.passRate ?? null;
  if (now === null || before === null) return 'none';
  if (now - before >= 0.01 - 1e-9) return 'up';
  if (before - now >= 0.01 - 1e-9) return 'down';
  return 'flat';
}

function heatMap(matrix: IcsMatrix, href: (id: string) => string): SafeHtml {
  const caption = `Status and pass rate (%) per partner and requirement, ${formatPeriod(matrix.period)}`;
  return html`<div class="mdss-table-scroll mdss-heat" role="region" aria-label="${caption}" tabindex="0"><table class="nhsuk-table mdss-heat__table">
<caption class="nhsuk-table__caption">${caption}</caption>
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col" class="nhsuk-table__header mdss-heat__partner">Partner</th><th scope="col" class="nhsuk-table__header mdss-heat__num">Maturity level</th><th scope="col" class="nhsuk-table__header mdss-heat__num">Data quality</th>${matrix.requirements.map(
    (r) =>
      html`<th scope="col" class="nhsuk-table__header mdss-heat__req"><a href="#req-${r.id.toLowerCase()}" class="mdss-colhead" data-title="${r.id} (${r.level}): ${r.title}" aria-label="${r.id}, ${r.level}: ${r.title}">${r.id.replace('-', '-\u200b')}</a><span class="mdss-heat__level">${r.level === 'MUST' ? 'must' : 'should'}</span></th>`,
  )}</tr></thead>
<tbody class="nhsuk-table__body">${matrix.rows.map(
    (row) =>
      html`<tr class="nhsuk-table__row"><th scope="row" class="nhsuk-table__header mdss-heat__partner"><a href="${href(row.partner.id)}" class="mdss-heat__name" title="${row.partner.name}">${row.partner.name}</a><span class="mdss-muted mdss-heat__id">${row.partner.kind}</span></th><td class="nhsuk-table__cell mdss-heat__num">${maturityCell(row)}</td><td class="nhsuk-table__cell mdss-heat__num">${dqCell(row)}</td>${row.cells.map(
        (c) => {
          const req = matrix.requirements.find((r) => r.id === c.requirementId);
          const label = `${row.partner.name}, ${c.requirementId}${req ? ` ${req.title}` : ''}`;
          const trend =
            c.trend === 'up' || c.trend === 'down'
              ? `, ${TREND_LABELS[c.trend].toLowerCase()} from ${formatPercent(c.previousPassRate)}`
              : '';
          return html`<td class="nhsuk-table__cell mdss-heat__cell">${
            c.status === 'not-checked'
              ? statusCell(c.status, c.passRate, { compact: true, label })
              : html`<a href="${href(row.partner.id)}#${gapsAnchor(c.requirementId)}" class="mdss-heat__link" title="${label}${trend}">${statusCell(c.status, c.passRate, { compact: true, label, trend })}</a>`
          }</td>`;
        },
      )}</tr>
`,
  )}</tbody>
</table></div>`;
}

function maturityCell(row: MatrixRow): SafeHtml {
  const prev = row.previousMaturityLevel;
  const change =
    prev === null || prev === row.maturity.level ? null : prev < row.maturity.level ? 'up' : 'down';
  return html`<span class="mdss-level">${row.maturity.level}</span> <span class="mdss-muted">${row.maturity.name}</span>${
    change
      ? html`<br><span class="mdss-muted"><span aria-hidden="true">${TREND_SYMBOLS[change]} </span>from ${prev}</span>`
      : null
  }`;
}

function dqCell(row: MatrixRow): SafeHtml {
  if (row.dataQuality.length === 0) return html`<span class="mdss-muted">–</span>`;
  return html`${row.dataQuality.map((d, i) => html`${i > 0 ? html`<br>` : null}<span class="mdss-muted">${d.feed}</span> ${formatPercent(d.index)}`)}`;
}

function partnerTrend(row: MatrixRow): SafeHtml {
  const periods = row.history.map((p) => monthLabel(p.from));
  return html`<figure class="mdss-figure mdss-figure--small"><figcaption>${row.partner.name}</figcaption>${renderLineChart(
    {
      label: `${row.partner.name}, by month`,
      periods,
      width: 300,
      height: 90,
      lines: [
        {
          name: 'Pass rate',
          values: row.history.map((p) => p.passRate),
          texts: row.history.map((p) => formatPercent(p.passRate)),
        },
        {
          name: 'Data quality',
          values: row.history.map((p) => p.dataQuality),
          texts: row.history.map((p) => formatPercent(p.dataQuality)),
        },
      ],
    },
  )}</figure>`;
}

function peerTable(matrix: IcsMatrix, scope: string): SafeHtml {
  return dataTable(
    `Peer comparison per requirement, ${scope}`,
    [
      'Requirement',
      'Level',
      'Partners checked',
      'Met',
      'Partly met',
      'Not met',
      'Waived',
      'Median pass rate',
      'ICS pass rate',
    ],
    matrix.peers.map((p) => [
      html`${p.requirementId}<br><span class="mdss-muted">${matrix.requirements.find((r) => r.id === p.requirementId)?.title ?? ''}</span>`,
      p.level,
      `${p.partnersChecked} of ${matrix.rows.length}`,
      `${p.met}`,
      `${p.partly}`,
      `${p.notMet}`,
      `${p.waived}`,
      formatPercent(p.medianPassRate),
      formatPercent(p.icsPassRate),
    ]),
  );
}

function statusKey(): SafeHtml {
  return html`<p class="mdss-key">Key: ${(['met', 'partly', 'not-met', 'waived', 'not-checked'] as const).map((s) => html`${statusCell(s, null, { keyOnly: true })} `)}</p>`;
}

function kindForm(action: string, current: string | undefined): SafeHtml {
  return html`<form class="mdss-filter" method="get" action="${action}">
<div class="nhsuk-form-group"><label class="nhsuk-label" for="mdss-kind">Kind of partner</label>
<select class="nhsuk-select" id="mdss-kind" name="kind"><option value=""${current === undefined ? html` selected` : null}>All partners</option>${PARTNER_KINDS.map(
    (k) => html`<option value="${k}"${k === current ? html` selected` : null}>${k}</option>`,
  )}</select>
<button class="nhsuk-button nhsuk-button--secondary" type="submit">Show</button></div>
</form>`;
}
