/**
 * The ICS matrix as an HTML page: a partners × requirements heat map (words, pass rate and colour in
 * every cell), a peer comparison per requirement and the maturity distribution. Partners appear in
 * alphabetical order; nothing is ranked.
 * @module
 */

import type { IcsMatrix } from './build-ics-matrix.js';
import { dataTable, definitions, statusCell } from './html-parts.js';
import { renderHtmlPage, type HtmlRenderOptions } from './html-page.js';
import { MATURITY_LEVELS } from './maturity.js';
import { PARTNER_KINDS } from './partner.js';
import { formatPercent, formatPeriod } from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';

/** Options of {@link renderMatrixHtml}. */
export interface MatrixHtmlOptions extends HtmlRenderOptions {
  /**
   * Adds a partner-kind filter: a plain GET form (no script) submitting `kind` to `action`, the
   * report's own URL on the server. Leave out for a static file.
   */
  readonly kindFilter?: { readonly action: string };
}

/**
 * Renders the matrix page.
 * @example renderMatrixHtml(matrix, { styles: await readNhsukCss() })
 */
export function renderMatrixHtml(matrix: IcsMatrix, options: MatrixHtmlOptions = {}): string {
  const framework = `${matrix.framework.title ?? matrix.framework.id} ${matrix.framework.version}`;
  const scope = matrix.filter.kind ? `partners of kind ${matrix.filter.kind}` : 'all partners';
  const heat = dataTable(
    `Status and pass rate per partner and requirement, ${scope}, ${formatPeriod(matrix.period)} (alphabetical, not a ranking)`,
    ['Partner', 'Maturity', ...matrix.requirements.map((r) => `${r.id} (${r.level})`)],
    matrix.rows.map((row) => [
      html`${row.partner.name}<br><span class="mdss-muted">${row.partner.id}${row.partner.odsCode ? `, ODS ${row.partner.odsCode}` : ''}</span>`,
      `Level ${row.maturity.level}: ${row.maturity.name}`,
      ...row.cells.map((c) => statusCell(c.status, c.passRate)),
    ]),
  );
  const peers = dataTable(
    `Peer comparison per requirement, ${scope}`,
    ['Requirement', 'Level', 'Partners checked', 'Met', 'Partly met', 'Not met', 'Waived', 'Median pass rate'],
    matrix.peers.map((p) => [
      html`${p.requirementId}<br><span class="mdss-muted">${matrix.requirements.find((r) => r.id === p.requirementId)?.title ?? ''}</span>`,
      p.level,
      `${p.partnersChecked} of ${matrix.rows.length}`,
      `${p.met}`,
      `${p.partly}`,
      `${p.notMet}`,
      `${p.waived}`,
      formatPercent(p.medianPassRate),
    ]),
  );
  const distribution = dataTable(
    `Partners per maturity level, ${scope}`,
    ['Level', 'Partners'],
    MATURITY_LEVELS.map((l) => [`Level ${l.level}: ${l.name}`, `${matrix.maturityDistribution[`${l.level}`]}`]),
  );
  const body = html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">ICS conformance matrix</span> ${framework}</h1>
<dl class="mdss-facts"><dt>Period</dt><dd>${formatPeriod(matrix.period)}</dd><dt>Partners</dt><dd>${matrix.rows.length} (${scope})</dd><dt>Generated</dt><dd>${matrix.generatedAt}</dd></dl>
${options.kindFilter ? kindForm(options.kindFilter.action, matrix.filter.kind) : null}
<p>Partners are listed alphabetically. This is a peer comparison to find where support is needed, not a league table.</p>
<h2 class="nhsuk-heading-m">Partners and requirements</h2>
${heat}
<h2 class="nhsuk-heading-m">Peer comparison</h2>
${peers}
<h2 class="nhsuk-heading-m">Maturity across partners</h2>
${distribution}
${definitions(matrix.thresholds, 2)}`;
  return renderHtmlPage({ title: `ICS conformance matrix: ${framework}`, body, ...(options.styles !== undefined && { styles: options.styles }) });
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
