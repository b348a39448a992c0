/**
 * CSV writing per RFC 4180: CRLF line breaks; a field is quoted when it holds a comma, quote, CR or
 * LF, with quotes doubled. Text that a spreadsheet would run as a formula (leading `=`, `+`, `-`,
 * `@`, tab or CR) gets a leading apostrophe (OWASP CSV injection advice); numbers are written as
 * numbers.
 * @module
 */

/** A CSV cell value; null and undefined print as empty. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Encodes one field.
 * @example csvField('a "b", c') // '"a ""b"", c"'
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Encodes rows (the first usually the header) as CSV text ending in CRLF.
 * @example toCsv([['id', 'name'], [1, 'Riverside, Surgery']]) // 'id,name\r\n1,"Riverside, Surgery"\r\n'
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
