/**
 * The field-by-field data-quality table of the scorecard in Markdown (its own renderer, called from
 * the scorecard's Markdown).
 * @module
 */
import type { DataQualityTable } from './data-quality-table.js';
import { escapeMarkdown as md, markdownTable } from './markdown.js';
import { dataQualityHeaders } from './render-data-quality-html.js';
import { formatPercent } from './report-format.js';

/** Renders the section (heading included); nothing when the period had no social-care return. */
export function renderDataQualityMarkdown(table: DataQualityTable | undefined): string {
  const heading = '## National data quality by field\n';
  if (table === undefined) return '';
  return `${heading}\n${table.failed} failed field outcomes; ${formatPercent(table.passRate)} of field outcomes passed.\n\n${markdownTable(
    [...dataQualityHeaders],
    table.fields.map((f) => [
      md(f.field),
      md(f.module),
      String(f.mandatory),
      String(f.passedValid),
      String(f.passedBlank),
      String(f.failedBlank),
      String(f.failedInvalid),
      String(f.failedRelease1),
      formatPercent(f.passRate),
    ]),
  )}`;
}
