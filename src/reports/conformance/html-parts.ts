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

/**
 * A heat-map cell: words, pass rate and colour. Compact cells show the symbol and the rate (per cent,
 * no sign) and keep the words for screen readers (with `label`, what the cell is about, and
 * `trend`); `keyOnly` shows symbol and words (the key under the heat map).
 */
export function statusCell(
  status: RequirementStatus,
  rate: number | null,
  options: {
    readonly compact?: boolean;
    readonly label?: string;
    readonly trend?: string;
    readonly keyOnly?: boolean;
  } = {},
): SafeHtml {
  if (options.keyOnly === true)
    return html`<span class="mdss-cell mdss-cell--key mdss-status--${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]} </span>${STATUS_LABELS[status]}</span>`;
  if (options.compact === true) {
    const rateText =
      status === 'not-checked' || rate === null ? '' : formatPercent(rate).replace('%', '');
    return html`<span class="mdss-cell mdss-cell--compact mdss-status--${status}"><span aria-hidden="true" class="mdss-cell__symbol">${STATUS_SYMBOLS[status]}</span><span aria-hidden="true" class="mdss-cell__rate">${rateText}</span><span class="nhsuk-u-visually-hidden">${options.label ? `${options.label}: ` : ''}${STATUS_LABELS[status]}${rateText ? `, ${rateText}%` : ''}${options.trend ?? ''}</span></span>`;
  }
  return html`<span class="mdss-cell mdss-status--${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]} </span>${STATUS_LABELS[status]}${status === 'not-checked' ? null : html`<br>${formatPercent(rate)}`}</span>`;
}

/**
 * The requirements key: each requirement's id (anchor `req-mds-01`), level, title and how to fix
 * it, with an example of a correct value where the catalogue gives one.
 */
export function requirementKey(
  requirements: readonly {
    readonly id: string;
    readonly title: string;
    readonly level: string;
    readonly guidance?: { readonly fix: string; readonly example?: string };
  }[],
  headingLevel: 2 | 3,
): SafeHtml {
  const heading =
    headingLevel === 2
      ? html`<h2 class="nhsuk-heading-m" id="requirements-key">Requirements and how to fix them</h2>`
      : html`<h3 class="nhsuk-heading-s" id="requirements-key">Requirements and how to fix them</h3>`;
  return html`${heading}
<dl class="mdss-key-list">${requirements.map(
    (r) =>
      html`<dt id="req-${r.id.toLowerCase()}">${r.id} <span class="mdss-muted">(${r.level})</span> ${r.title}</dt><dd>${r.guidance ? html`<strong>How to fix:</strong> ${r.guidance.fix}${r.guidance.example ? html` <span class="mdss-example">A correct value, for example: <code>${r.guidance.example}</code></span>` : null}` : html`<span class="mdss-muted">No guidance in the catalogue.</span>`}</dd>`,
  )}</dl>`;
}

/** How each figure on the reports is computed (printed on every HTML report). */
export function howFiguresAreComputed(headingLevel: 2 | 3): SafeHtml {
  const heading =
    headingLevel === 2
      ? html`<h2 class="nhsuk-heading-m">How each figure is computed</h2>`
      : html`<h3 class="nhsuk-heading-s">How each figure is computed</h3>`;
  return html`${heading}
<ul class="nhsuk-list nhsuk-list--bullet mdss-method">
<li><strong>Pass rate</strong> of a requirement: records that passed ÷ records the requirement applied to, over the submissions received in the period. Shown rounded to one decimal (2 of 3 is 66.7%); a rate under 100% never shows as 100.0%.</li>
<li><strong>Overall pass rate</strong> of a partner: records passed ÷ records checked, added up over every requirement.</li>
<li><strong>ICS pass rate</strong> of a requirement: records passed ÷ records checked, added up over the partners shown. The <strong>median</strong> is the middle partner’s pass rate.</li>
<li><strong>Status</strong>: the pass rate against the thresholds of the requirement’s level (below). A check the framework marks as heuristic (for example the usual shape of an ODS code for a kind of organisation) is a warning and never decides a MUST requirement’s status; an error that bears only on SHOULD requirements is a warning unless the partner’s policy says otherwise.</li>
<li><strong>Trend</strong>: the pass rate against the previous period’s; a change of 1 percentage point or more is improving or worsening.</li>
<li><strong>Data quality</strong> (in the manner of NHS England’s Data Quality Maturity Index), per dataset: coverage (months with a submission ÷ months one was expected, over the last 6 months since the dataset was first sent) × item validity (the mean, over the dataset’s data items, of records valid ÷ records checked; an item is a requirement applied to the dataset’s records).</li>
<li><strong>Maturity level</strong>: from the statuses of the MUST and SHOULD requirements checked (levels below).</li>
</ul>`;
}

/** A waiver note in words. */
export function waiverText(waiver: WaiverNote): SafeHtml {
  return waiver.active
    ? html`<span class="mdss-muted">Waived until ${formatUntil(waiver.until)}: ${waiver.reason}</span>`
    : html`<span class="mdss-muted">Waiver expired ${formatUntil(waiver.until)} (${waiver.reason}): the gap shows again.</span>`;
}

/** A table with a caption, column headers (`scope="col"`) and rows whose first cell is a row header. */
export function dataTable(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly [HtmlValue, ...HtmlValue[]])[],
  rowIds?: readonly string[],
): SafeHtml {
  return html`<div class="mdss-table-scroll" role="region" aria-label="${caption}" tabindex="0"><table class="nhsuk-table">
<caption class="nhsuk-table__caption">${caption}</caption>
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${headers.map((h) => html`<th scope="col" class="nhsuk-table__header">${h}</th>`)}</tr></thead>
<tbody class="nhsuk-table__body">${rows.map(
    ([first, ...rest], i) =>
      html`<tr class="nhsuk-table__row"${rowIds?.[i] !== undefined ? html` id="${rowIds[i]}"` : null}><th scope="row" class="nhsuk-table__header">${first}</th>${rest.map((c) => html`<td class="nhsuk-table__cell">${c}</td>`)}</tr>
`,
  )}</tbody>
</table></div>`;
}

/** How statuses and maturity levels are defined (printed on every HTML report). */
export function definitions(thresholds: StatusThresholds, headingLevel: 2 | 3): SafeHtml {
  const heading =
    headingLevel === 2
      ? html`<h2 class="nhsuk-heading-m">How to read this report</h2>`
      : html`<h3 class="nhsuk-heading-s">How to read this report</h3>`;
  return html`${heading}
<p>Pass rate is the share of records a requirement applied to that passed it. A MUST requirement is met at ${formatPercent(thresholds.mustMet)}, a SHOULD requirement at ${formatPercent(thresholds.shouldMet)}; below that it is partly met down to ${formatPercent(thresholds.partly)}, and not met under it. A waived requirement has an agreed, dated exception; when the waiver expires the gap shows again.</p>
<ol start="0" class="nhsuk-list nhsuk-list--number">${MATURITY_LEVELS.map((l) => html`<li><strong>Level ${l.level}, ${l.name}:</strong> ${l.description}</li>`)}</ol>`;
}
