/**
 * Plain-text rendering for terminals and logs: one block per file (sorted by path), one line per
 * issue in result order (`severity code expression (line:col) message`), then a summary line.
 * ANSI colour only when asked (`color: true`; the CLI decides from the TTY, NO_COLOR, --color).
 * Control characters coming from the payload (a message may echo a value) are shown escaped
 * (`\u001b`), so a hostile file cannot drive the reader's terminal.
 * @module
 */
import { describeIssue, type IssuePart } from './describe-issue.js';
import { escapeControlCharacters as safe } from './escape-control-characters.js';
import type { FileResult, RunInfo } from './file-result.js';
import { plural, sortFiles, summariseFiles } from './summarise-files.js';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI SGR colours. Default false. */
  readonly color?: boolean;
}

const ansi = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', cyan: '\u001b[36m' } as const;
type Style = keyof typeof ansi;

const partStyle: Readonly<Record<IssuePart, Style>> = { fatal: 'red', error: 'red', warning: 'yellow', information: 'cyan', waived: 'dim', location: 'dim' };

/**
 * Renders validation results as text, ending with a newline.
 * @example renderText(files, runInfo, { color: process.stdout.isTTY })
 */
export function renderText(files: readonly FileResult[], runInfo: RunInfo, options: TextOptions = {}): string {
  const paint = (style: Style, text: string): string => (options.color ? `${ansi[style]}${text}${ansi.reset}` : text);
  const lines: string[] = [];
  for (const { file, feed, result } of sortFiles(files)) {
    const status = result.valid ? paint('green', 'valid') : paint('red', 'invalid');
    const truncated = result.truncated ? `, ${paint('yellow', 'truncated')}` : '';
    lines.push(`${paint('bold', safe(file))} [${safe(feed)}] ${plural(result.recordCount, 'record')}: ${status}${truncated}`);
    for (const issue of result.issues) lines.push(`  ${describeIssue(issue, { severityWidth: 11, paint: (part, text) => paint(partStyle[part], text) })}`);
  }
  const t = summariseFiles(files);
  const errors = t.fatal + t.error;
  lines.push(
    `${plural(t.files, 'file')} (${t.invalidFiles} invalid), ${plural(t.records, 'record')}: ` +
      `${paint(errors ? 'red' : 'green', plural(errors, 'error'))}, ` +
      `${paint(t.warning ? 'yellow' : 'green', plural(t.warning, 'warning'))}, ` +
      `${t.information} information, ${t.waived} waived ` +
      `(${runInfo.toolName} ${safe(runInfo.toolVersion)}, framework ${safe(runInfo.frameworkVersion)})`,
  );
  return `${lines.join('\n')}\n`;
}
