/**
 * GitHub Actions workflow commands, one annotation per issue: `::error`, `::warning` or `::notice`
 * with `file`, `line`, `col` (when the issue has a position) and `title` (= the issue code), and the
 * data `expression (pointer): message [requirement ids]` (each part when present). Files sorted by path, issues in result order.
 *
 * Escaping follows @actions/core (`toCommandValue`/`escapeData`/`escapeProperty`): in data, `%`,
 * `\r`, `\n` become `%25`, `%0D`, `%0A`; in property values also `:` → `%3A` and `,` → `%2C`. A
 * payload value echoed in a message therefore cannot end the command or start another one. Other
 * control characters (ANSI escapes) are shown as `\uXXXX` so they cannot restyle the log.
 *
 * Waived issues are not annotated: the partner's policy has accepted them (they stay visible in
 * the other formats). fatal/error → `::error`, warning → `::warning`, information → `::notice`.
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 * @module
 */
import type { Issue, Severity } from '../../issues/issue.js';
import type { FileResult } from './file-result.js';
import { sortFiles } from './summarise-files.js';

const commands: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { fatal: 'error', error: 'error', warning: 'warning', information: 'notice' };

/**
 * Renders GitHub Actions annotations, one command per line, ending with a newline (empty when there
 * is nothing to annotate).
 * @example process.stdout.write(renderGithub(files))
 */
export function renderGithub(files: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const { file, result } of sortFiles(files)) {
    for (const issue of result.issues) {
      if (!issue.waived) lines.push(annotation(file, issue));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function annotation(file: string, issue: Issue): string {
  const properties: [string, string][] = [];
  if (file) properties.push(['file', file]);
  if (issue.position) properties.push(['line', String(issue.position.line)], ['col', String(issue.position.column)]);
  properties.push(['title', issue.code]);
  const requirements = issue.requirements?.length ? ` [${issue.requirements.join(', ')}]` : '';
  const where = issue.expression && issue.pointer ? `${issue.expression} (${issue.pointer})` : issue.expression || issue.pointer;
  const data = `${where ? `${where}: ` : ''}${issue.message}${requirements}`;
  return `::${commands[issue.severity]} ${properties.map(([k, v]) => `${k}=${escapeProperty(inert(v))}`).join(',')}::${escapeData(inert(data))}`;
}

/** Shows control characters other than tab, CR and LF as `\uXXXX`, so ANSI sequences cannot restyle the log. */
function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes workflow-command data: `%`, CR, LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
