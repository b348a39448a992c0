/**
 * Markdown text escaping for report values: table-breaking characters (`|`, line breaks), inline
 * HTML (`<`, `>`, `&`) and formatting punctuation are neutralised, so a partner name or element
 * path is shown as written and can inject nothing.
 * @module
 */

/**
 * Escapes text for a Markdown paragraph or table cell.
 * @example escapeMarkdown('a|b <i>') // 'a\\|b &lt;i&gt;'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ');
}

/**
 * A Markdown table (GFM) from a header and rows of already-escaped cells.
 * @example markdownTable(['a'], [['1']]) // '| a |\n| --- |\n| 1 |\n'
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |\n`;
  return line(header) + line(header.map(() => '---')) + rows.map(line).join('');
}
