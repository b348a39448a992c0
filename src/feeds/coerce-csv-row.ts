/**
 * Turns the cells of a CSV row into a record of the feed's JSON types: cells are trimmed, empty cells
 * are absent fields, dates stay ISO strings (DD/MM/YYYY is accepted and converted, with a note),
 * numbers and integers become numbers when they look like one; anything else is left as text for
 * the schema to report (`jsonschema.type`, `jsonschema.format`).
 * @module
 */
import type { FeedField } from './cld-fields.js';
import type { RecordReporter } from './feed-check.js';
import type { NormalisationNotes } from './normalisation-notes.js';

const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const decimal = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const whole = /^[-+]?\d+$/;

function coerceDate(
  field: string,
  value: string,
  notes: NormalisationNotes,
  at: RecordReporter,
): string {
  const m = dmy.exec(value);
  if (!m) return value;
  notes.dmy(field, () => at.locate(`/${field}`));
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * Builds a record from `cells`; `columns[i]` is the field of column i (undefined for columns that
 * are not read).
 */
export function coerceCsvRow(
  cells: readonly string[],
  columns: readonly (FeedField | undefined)[],
  notes: NormalisationNotes,
  at: RecordReporter,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const n = Math.min(cells.length, columns.length);
  for (let i = 0; i < n; i++) {
    const field = columns[i];
    const value = cells[i]!.trim();
    if (!field || value === '') continue;
    switch (field.kind) {
      case 'date':
        record[field.name] = coerceDate(field.name, value, notes, at);
        break;
      case 'number':
        record[field.name] = decimal.test(value) ? Number(value) : value;
        break;
      case 'integer':
        record[field.name] = whole.test(value) ? Number(value) : value;
        break;
      default:
        record[field.name] = value;
    }
  }
  return record;
}
