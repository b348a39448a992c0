/**
 * A Markdown summary for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured tables): a headline, the run's
 * versions, a totals table, a per-file table (sorted by path) and the top issue codes with their
 * counts, the files they occur in and the requirement ids they bear on.
 *
 * Counts exclude waived issues (they have their own column), as in every other format. Text that
 * may come from the payload or the file system is escaped for a table cell: Markdown punctuation
 * (`\ \` * _ [ ] ~ |`) with a backslash, `& < >` as entities, line breaks as `<br>`, other control
 * characters as visible `\uXXXX`.
 * @module
 */
import type { Severity } from '../../issues/issue.js';
import { severityRank } from '../../issues/issue.js';
import type { BaselineComparison } from './baseline.js';
import { escapeControlCharacters } from './escape-control-characters.js';
import type { FileResult, RunInfo } from './file-result.js';
import { compareCodeUnits, countIssues, sortFiles, summariseFiles } from './summarise-files.js';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** How many issue codes the "top issue codes" table lists. Default 10. */
  readonly topCodes?: number;
  /** A comparison with a baseline: a line with new, known, fixed and unchecked counts. */
  readonly baseline?: BaselineComparison;
}

interface CodeRow {
  code: string;
  severity: Severity;
  count: number;
  waived: number;
  files: Set<string>;
  requirements: Set<string>;
}

/**
 * Renders the Markdown summary, ending with a newline.
 * @example appendFileSync(process.env.GITHUB_STEP_SUMMARY, renderMarkdown(files, runInfo))
 */
export function renderMarkdown(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: MarkdownOptions = {},
): string {
  const sorted = sortFiles(files);
  const t = summariseFiles(sorted);
  const out: string[] = [];
  const headline =
    t.invalidFiles === 0
      ? `✅ ${plainCount(t.files, 'file')} valid`
      : `❌ ${t.invalidFiles} of ${plainCount(t.files, 'file')} invalid`;
  out.push(`## MDSS validation: ${headline}`, '');
  const facts = [
    `${cell(runInfo.toolName)} ${cell(runInfo.toolVersion)}`,
    `framework ${cell(runInfo.frameworkVersion)}`,
  ];
  if (runInfo.startedAt) facts.push(`started ${cell(runInfo.startedAt)}`);
  if (runInfo.durationMs !== undefined) facts.push(`${(runInfo.durationMs / 1000).toFixed(3)} s`);
  out.push(facts.join(' · '), '');
  out.push(
    '| Files | Invalid | Truncated | Records | Errors | Warnings | Information | Waived |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${t.files} | ${t.invalidFiles} | ${t.truncatedFiles} | ${t.records} | ${t.fatal + t.error} | ${t.warning} | ${t.information} | ${t.waived} |`,
    '',
  );
  const b = options.baseline;
  if (b) {
    const sum = (entries: readonly { readonly count: number }[]) =>
      entries.reduce((n, e) => n + e.count, 0);
    out.push(
      `Baseline: **${b.newIssues.length} new**, ${b.known.length} known, ${sum(b.fixed)} fixed, ${sum(b.unchecked)} not checked.`,
      '',
    );
  }
  if (sorted.length > 0) {
    out.push(
      '### Files',
      '',
      '| File | Feed | Result | Records | Errors | Warnings | Information | Waived |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const { file, feed, result } of sorted) {
      const c = countIssues(result.issues);
      const status = `${result.valid ? '✅ valid' : '❌ invalid'}${result.truncated ? ' (truncated)' : ''}`;
      out.push(
        `| ${cell(file)} | ${cell(feed)} | ${status} | ${result.recordCount} | ${c.fatal + c.error} | ${c.warning} | ${c.information} | ${c.waived} |`,
      );
    }
    out.push('');
  }
  const rows = codeRows(sorted);
  if (rows.length > 0) {
    const limit = Math.max(0, options.topCodes ?? 10);
    out.push(
      '### Top issue codes',
      '',
      '| Code | Severity | Issues | Waived | Files | Requirements |',
      '| --- | --- | ---: | ---: | ---: | --- |',
    );
    for (const r of rows.slice(0, limit)) {
      const requirements = [...r.requirements].sort(compareCodeUnits).map(cell).join(', ');
      out.push(
        `| \`${r.code.replace(/`/g, '')}\` | ${r.severity} | ${r.count} | ${r.waived} | ${r.files.size} | ${requirements} |`,
      );
    }
    if (rows.length > limit) out.push('', `… and ${plainCount(rows.length - limit, 'more code')}.`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Per code: unwaived count, waived count, worst unwaived severity, files and requirement ids; most frequent first. */
function codeRows(files: readonly FileResult[]): CodeRow[] {
  const rows = new Map<string, CodeRow>();
  for (const { file, result } of files) {
    for (const issue of result.issues) {
      let row = rows.get(issue.code);
      if (!row) {
        row = {
          code: issue.code,
          severity: issue.severity,
          count: 0,
          waived: 0,
          files: new Set(),
          requirements: new Set(),
        };
        rows.set(issue.code, row);
      }
      if (issue.waived) row.waived++;
      else {
        if (row.count === 0 || severityRank[issue.severity] > severityRank[row.severity])
          row.severity = issue.severity;
        row.count++;
      }
      row.files.add(file);
      for (const r of issue.requirements ?? []) row.requirements.add(r);
    }
  }
  return [...rows.values()].sort(
    (a, b) => b.count - a.count || b.waived - a.waived || compareCodeUnits(a.code, b.code),
  );
}

/** Escapes text for a GitHub-flavoured Markdown table cell (see the module comment). */
export function cell(text: string): string {
  return escapeControlCharacters(
    text
      .replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r\n|\r|\n/g, '<br>'),
  );
}

function plainCount(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
