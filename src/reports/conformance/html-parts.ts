/**
 * Small HTML pieces shared by the scorecard and matrix pages: status tags (symbol + words + colour),
 * tables with caption and header scopes, waiver notes, the maturity definitions.
 * @module
 */

import { MATURITY_LEVELS } from './maturity.js';
import { formatPercent, formatUntil, STATUS_LABELS } from './report-format.js';
import type { RequirementStatus, StatusThresholds } from './requirement-status.js';
import { html, type HtmlValue, type SafeHtml } from './safe-html.js';
import type { WaiverNote } from './scorecard.js';

const STATUS_SYMBOLS: Readonly<Record<RequirementStatus, string>> = {
  met: '✓',
  partly: '◐',
  'not-met': '✗',
  'not-checked': '–',
  waived: '⊘',
};

const NHS_TAG: Readonly<Record<RequirementStatus, string>> = {
  met: 'green',
  partly: 'yellow',
  'not-met': 'red',
  'not-checked': 'grey',
  waived: 'purple',
};

/** A status as a tag: symbol (hidden from screen readers) and words, coloured. */
export function statusTag(status: RequirementStatus): SafeHtml {
  return html`<strong class="nhsuk-tag nhsuk-tag--${NHS_TAG[status]} mdss-status mdss-status--${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]} </span>${STATUS_LABELS[status]}</strong>`;
}

/** A heat-map cell: words, pass rate and colour. */
export function statusCell(status: RequirementStatus, rate: number | null): SafeHtml {
  return html`<span class="mdss-cell mdss-status--${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]} </span>${STATUS_LABELS[status]}${status === 'not-checked' ? null : html`<br>${formatPercent(rate)}`}</span>`;
}

/** A waiver note in words. */
export function waiverText(waiver: WaiverNote): SafeHtml {
  return waiver.active
    ? html`<span class="mdss-muted">Waived until ${formatUntil(waiver.until)}: ${waiver.reason}</span>`
    : html`<span class="mdss-muted">Waiver expired ${formatUntil(waiver.until)} (${waiver.reason}): the gap shows again.</span>`;
}

/** A table with a caption, column headers (`scope="col"`) and rows whose first cell is a row header. */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly [HtmlValue, ...HtmlValue[]])[]): SafeHtml {
  return html`<div class="mdss-table-scroll" role="region" aria-label="${caption}" tabindex="0"><table class="nhsuk-table">
<caption class="nhsuk-table__caption">${caption}</caption>
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${headers.map((h) => html`<th scope="col" class="nhsuk-table__header">${h}</th>`)}</tr></thead>
<tbody class="nhsuk-table__body">${rows.map(
    ([first, ...rest]) =>
      html`<tr class="nhsuk-table__row"><th scope="row" class="nhsuk-table__header">${first}</th>${rest.map((c) => html`<td class="nhsuk-table__cell">${c}</td>`)}</tr>
`,
  )}</tbody>
</table></div>`;
}

/** How statuses and maturity levels are defined (printed on every HTML report). */
export function definitions(thresholds: StatusThresholds, headingLevel: 2 | 3): SafeHtml {
  const heading = headingLevel === 2 ? html`<h2 class="nhsuk-heading-m">How to read this report</h2>` : html`<h3 class="nhsuk-heading-s">How to read this report</h3>`;
  return html`${heading}
<p>Pass rate is the share of records a requirement applied to that passed it. A MUST requirement is met at ${formatPercent(thresholds.mustMet)}, a SHOULD requirement at ${formatPercent(thresholds.shouldMet)}; below that it is partly met down to ${formatPercent(thresholds.partly)}, and not met under it. A waived requirement has an agreed, dated exception; when the waiver expires the gap shows again.</p>
<ol start="0" class="nhsuk-list nhsuk-list--number">${MATURITY_LEVELS.map((l) => html`<li><strong>Level ${l.level}, ${l.name}:</strong> ${l.description}</li>`)}</ol>`;
}
