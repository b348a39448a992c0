/**
 * Escapes C0 and C1 control characters and DEL as `\uXXXX`, so text that may echo payload values
 * (messages, expressions, file names) is visible and inert in a terminal or a log: no ANSI escape
 * sequences, no carriage returns that overwrite a line, no bell.
 * @example escapeControlCharacters('a\u001b[31mb') === 'a\\u001b[31mb'
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
