/**
 * The field-by-field data-quality table of the scorecard in HTML (its own renderer, called from the
 * scorecard page): one table, a row per module and field, the DHSC outcome labels as column headers.
 * @module
 */
import type { DataQualityTable } from './data-quality-table.js';
import { dataTable } from './html-parts.js';
import { formatPercent } from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';

/** Column headers: the national outcome labels, exactly as DHSC's data-quality tool prints them. */
export const dataQualityHeaders = [
  'Field',
  'Module',
  'Mandatory rows',
  'Passed: Valid',
  'Passed: Blank (Not Mandatory)',
  'Failed: Blank (Mandatory)',
  'Failed: Invalid',
  'Failed: Release 1',
  'Passed',
] as const;

/**
 * Renders the section (with its heading); nothing when the period had no social-care return.
 * @example renderDataQualityHtml(card.dataQuality)
 */
export function renderDataQualityHtml(table: DataQualityTable | undefined): SafeHtml {
  if (table === undefined) return html``;
  return html`<h2 class="nhsuk-heading-m">National data quality by field</h2>
<p>${table.failed} failed field outcomes; ${formatPercent(table.passRate)} of field outcomes passed.</p>
${dataTable(
  'National data-quality outcome by field (counts of rows)',
  [...dataQualityHeaders],
  table.fields.map((f) => [
    html`<code>${f.field}</code>`,
    f.module,
    `${f.mandatory}`,
    `${f.passedValid}`,
    `${f.passedBlank}`,
    `${f.failedBlank}`,
    `${f.failedInvalid}`,
    `${f.failedRelease1}`,
    formatPercent(f.passRate),
  ]),
)}`;
}
