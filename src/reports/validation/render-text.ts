/**
 * Plain-text rendering for terminals and logs: one block per file (sorted by path), one line per
 * issue in result order (`severity code expression (line:col) message`), then a summary line.
 * ANSI colour only when asked (`color: true`; the CLI decides from the TTY, NO_COLOR, --color).
 * Control characters coming from the payload (a message may echo a value) are shown escaped
 * (`\u001b`), so a hostile file cannot drive the reader's terminal.
 * @module
 */
import type { BaselineComparison } from './baseline.js';
import { baselineStates } from './baseline-states.js';
import { describeIssue, type IssuePart } from './describe-issue.js';
import { escapeControlCharacters as safe } from './escape-control-characters.js';
import type { FileResult, RunInfo } from './file-result.js';
import { plural, sortFiles, summariseFiles } from './summarise-files.js';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI SGR colours. Default false. */
  readonly color?: boolean;
  /** A comparison with a baseline: issues are tagged `[new]`/`[known]`, fixed entries listed, counts summed up. */
  readonly baseline?: BaselineComparison;
}

const ansi = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;
type Style = keyof typeof ansi;

const partStyle: Readonly<Record<IssuePart, Style>> = {
  fatal: 'red',
  error: 'red',
  warning: 'yellow',
  information: 'cyan',
  waived: 'dim',
  location: 'dim',
};

/**
 * Renders validation results as text, ending with a newline.
 * @example renderText(files, runInfo, { color: process.stdout.isTTY })
 */
export function renderText(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: TextOptions = {},
): string {
  const paint = (style: Style, text: string): string =>
    options.color ? `${ansi[style]}${text}${ansi.reset}` : text;
  const states = options.baseline ? baselineStates(options.baseline) : undefined;
  const lines: string[] = [];
  for (const { file, feed, result } of sortFiles(files)) {
    const status = result.valid ? paint('green', 'valid') : paint('red', 'invalid');
    const truncated = result.truncated ? `, ${paint('yellow', 'truncated')}` : '';
    lines.push(
      `${paint('bold', safe(file))} [${safe(feed)}] ${plural(result.recordCount, 'record')}: ${status}${truncated}`,
    );
    for (const issue of result.issues) {
      const state = states?.get(issue);
      const tag =
        state === undefined
          ? ''
          : ` ${state === 'new' ? paint('bold', '[new]') : paint('dim', '[known]')}`;
      lines.push(
        `  ${describeIssue(issue, { severityWidth: 11, paint: (part, text) => paint(partStyle[part], text) })}${tag}`,
      );
    }
  }
  if (options.baseline?.fixed.length) {
    lines.push('fixed since the baseline:');
    for (const f of options.baseline.fixed) {
      lines.push(
        `  ${paint('green', 'fixed')} ${safe(f.file)} ${f.code}${f.location ? ` ${safe(f.location)}` : ''} (${f.severity}${f.count > 1 ? ` ×${f.count}` : ''})`,
      );
    }
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
  const b = options.baseline;
  if (b) {
    lines.push(
      `baseline: ${paint(b.newIssues.length ? 'red' : 'green', `${b.newIssues.length} new`)}, ${b.known.length} known, ${sumCounts(b.fixed)} fixed, ${sumCounts(b.unchecked)} not checked`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function sumCounts(entries: readonly { readonly count: number }[]): number {
  return entries.reduce((n, e) => n + e.count, 0);
}
