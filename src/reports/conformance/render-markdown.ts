/**
 * Markdown renderings of the scorecard and the ICS matrix: for pull-request comments, CI step
 * summaries and e-mail. Statuses are words, never only symbols or colour.
 * @module
 */

import { renderDataQualityMarkdown } from './render-data-quality-markdown.js';
import type { IcsMatrix } from './build-ics-matrix.js';
import { escapeMarkdown as md, markdownTable } from './markdown.js';
import { MATURITY_LEVELS } from './maturity.js';
import {
  formatPercent,
  formatPeriod,
  formatUntil,
  STATUS_LABELS,
  TREND_LABELS,
  TREND_SYMBOLS,
} from './report-format.js';
import type { Scorecard } from './scorecard.js';

/** The scorecard as Markdown. */
export function renderScorecardMarkdown(card: Scorecard): string {
  const p = card.partner;
  const ids = [
    p.odsCode && `ODS ${p.odsCode}`,
    p.cqcLocationId && `CQC ${p.cqcLocationId}`,
    p.gssCode && `GSS ${p.gssCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  const out: string[] = [
    `# Conformance scorecard: ${md(p.name)}\n`,
    `- Partner: ${md(p.id)} (${md(p.kind)}${ids ? `, ${md(ids)}` : ''})`,
    `- Framework: ${md(card.framework.title ?? card.framework.id)} ${md(card.framework.version)}`,
    `- Period: ${formatPeriod(card.period)}${card.previousPeriod ? ` (compared with ${formatPeriod(card.previousPeriod)})` : ''}`,
    `- Submissions: ${card.summary.submissions}, records: ${card.summary.records}`,
    `- Generated: ${card.generatedAt}\n`,
    `## Maturity: level ${card.maturity.level}, ${md(card.maturity.name)}\n`,
    `${md(card.maturity.description)} MUST met: ${card.maturity.mustMet} of ${card.maturity.mustChecked} checked; SHOULD met: ${card.maturity.shouldMet} of ${card.maturity.shouldChecked} checked${card.maturity.waived > 0 ? `; ${card.maturity.waived} counted as met under a waiver` : ''}.\n`,
    `## Requirements\n`,
    markdownTable(
      ['Requirement', 'Level', 'Status', 'Pass rate', 'Checked', 'Trend', 'Largest gap'],
      card.requirements.map((r) => {
        const gap = r.gaps[0];
        const waiver = r.waiver
          ? ` (waiver ${r.waiver.active ? 'until' : 'expired'} ${md(formatUntil(r.waiver.until))}: ${md(r.waiver.reason)})`
          : '';
        return [
          `${md(r.id)} ${md(r.title)}`,
          r.level,
          `${STATUS_LABELS[r.status]}${waiver}`,
          formatPercent(r.passRate),
          String(r.checked),
          `${TREND_SYMBOLS[r.trend]} ${TREND_LABELS[r.trend]}`,
          gap ? `${md(gap.path)} ${md(gap.code)} × ${gap.count}` : '–',
        ];
      }),
    ),
    `## Top gaps\n`,
    card.topGaps.length === 0
      ? 'No gaps in this period.\n'
      : markdownTable(
          ['Element path', 'Issue code', 'Severity', 'Count', 'Requirements', 'Waiver'],
          card.topGaps.map((g) => [
            md(g.path),
            md(g.code),
            g.severity,
            String(g.count),
            md(g.requirements.join(', ')),
            g.waiver
              ? `${g.waiver.active ? 'Waived until' : 'Expired'} ${md(formatUntil(g.waiver.until))}: ${md(g.waiver.reason)}`
              : '–',
          ]),
        ),
    ...changesMarkdown(card),
    `## Must-support coverage: ${formatPercent(card.mustSupport.coverage)}\n`,
    card.mustSupport.elements.length === 0
      ? 'No must-support elements measured in this period.\n'
      : markdownTable(
          ['Element path', 'Populated', 'Records', 'Coverage'],
          card.mustSupport.elements.map((m) => [
            md(m.path),
            String(m.populated),
            String(m.total),
            formatPercent(m.rate),
          ]),
        ),
    ...(card.fieldQuality ? [renderDataQualityMarkdown(card.fieldQuality)] : []),
    `## Maturity levels\n`,
    MATURITY_LEVELS.map((l) => `${l.level}. **${l.name}**: ${md(l.description)}`).join('\n'),
    '',
  ];
  return out.join('\n');
}

function changesMarkdown(card: Scorecard): string[] {
  if (card.changes === undefined) return [];
  const rows = [
    ...card.changes.newGaps.map((g) => [
      md(g.path),
      md(g.code),
      'New this period',
      String(g.count),
    ]),
    ...card.changes.resolvedGaps.map((g) => [
      md(g.path),
      md(g.code),
      'Resolved',
      `${g.previousCount} before`,
    ]),
  ];
  return [
    '## Changes since the previous period\n',
    rows.length === 0
      ? 'No gap appeared or went away.\n'
      : markdownTable(['Element path', 'Issue code', 'Change', 'Count'], rows),
  ];
}

/** The ICS matrix as Markdown (partners in rows, alphabetical; peer comparison below). */
export function renderMatrixMarkdown(matrix: IcsMatrix): string {
  const cell = (status: keyof typeof STATUS_LABELS, rate: number | null): string =>
    status === 'not-checked'
      ? STATUS_LABELS[status]
      : `${STATUS_LABELS[status]} ${formatPercent(rate)}`;
  return [
    `# ICS conformance matrix\n`,
    `- Framework: ${md(matrix.framework.title ?? matrix.framework.id)} ${md(matrix.framework.version)}`,
    `- Period: ${formatPeriod(matrix.period)}`,
    `- Partners: ${matrix.rows.length}${matrix.filter.kind ? ` (kind: ${md(matrix.filter.kind)})` : ''}, listed alphabetically (not a ranking)`,
    `- Generated: ${matrix.generatedAt}\n`,
    `## Partners × requirements\n`,
    markdownTable(
      ['Partner', 'Maturity', ...matrix.requirements.map((r) => `${md(r.id)} (${r.level})`)],
      matrix.rows.map((row) => [
        `${md(row.partner.name)} (${md(row.partner.id)})`,
        `${row.maturity.level} ${md(row.maturity.name)}`,
        ...row.cells.map((c) => cell(c.status, c.passRate)),
      ]),
    ),
    `## Peer comparison\n`,
    markdownTable(
      [
        'Requirement',
        'Level',
        'Partners checked',
        'Met',
        'Partly',
        'Not met',
        'Waived',
        'Median pass rate',
      ],
      matrix.peers.map((p) => {
        const title = matrix.requirements.find((r) => r.id === p.requirementId)?.title ?? '';
        return [
          `${md(p.requirementId)} ${md(title)}`,
          p.level,
          String(p.partnersChecked),
          String(p.met),
          String(p.partly),
          String(p.notMet),
          String(p.waived),
          formatPercent(p.medianPassRate),
        ];
      }),
    ),
    `## Maturity distribution\n`,
    MATURITY_LEVELS.map(
      (l) => `- Level ${l.level} (${l.name}): ${matrix.maturityDistribution[`${l.level}`]}`,
    ).join('\n'),
    '',
  ].join('\n');
}
