/**
 * "unknown option --formatt; did you mean --format?": the nearest option of the command's usage text
 * by edit distance (at most 2, or a third of the name), instead of Node's argument-parser wording.
 * @module
 */

/** The `--long-option` names appearing in a usage text. */
export function optionsOf(usageText: string): string[] {
  return [...new Set(usageText.match(/--[a-z][a-z0-9-]*/g) ?? [])];
}

/** The nearest of `known` to `option`, or undefined when none is close. */
export function nearestOption(option: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(option, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  const limit = Math.max(2, Math.floor(option.replace(/^-+/, '').length / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * One line for an error of `node:util` parseArgs: the unknown option with a suggestion, or the
 * parser's own message without its quoting.
 */
export function describeParseError(error: Error & { code?: unknown }, usageText: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
    const near = nearestOption(unknown, optionsOf(usageText));
    return `unknown option ${unknown}${near ? `; did you mean ${near}?` : ''}`;
  }
  const missing = /Option '([^' ]+)(?: <value>)?' argument missing/.exec(error.message)?.[1];
  if (missing !== undefined) return `option ${missing} needs a value`;
  return error.message.split('\n')[0]!;
}

/** Levenshtein distance (small strings only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length]!;
}
