import { describe, expect, it } from 'vitest';
import { cldFieldsByName } from './cld-fields.js';
import type { FeedField } from './cld-fields.js';
import { coerceCsvRow } from './coerce-csv-row.js';
import type { RecordReporter } from './feed-check.js';
import { mapCsvHeader } from './map-csv-header.js';
import { NormalisationNotes } from './normalisation-notes.js';

const at: RecordReporter = {
  index: 0,
  report: () => undefined,
  locate: (rel) => ({ pointer: `/0${rel}`, expression: 'Row[0]' }),
};
const cols = [
  'Unit_Cost',
  'No_of_adults_being_cared_for',
  'Event_Start_Date',
  'First_Name',
  'Planned_units_per_week',
].map((n) => cldFieldsByName.get(n)) as FeedField[];

describe('coerceCsvRow', () => {
  it('types numbers, integers and dates, trims text and drops empty cells', () => {
    const notes = new NormalisationNotes();
    expect(coerceCsvRow(['22.50', '2', '2026-07-01', '  Testy ', ''], cols, notes, at)).toEqual({
      Unit_Cost: 22.5,
      No_of_adults_being_cared_for: 2,
      Event_Start_Date: '2026-07-01',
      First_Name: 'Testy',
    });
  });

  it('leaves values that are not numbers as text for the schema to reject, and converts DD/MM/YYYY', () => {
    const notes = new NormalisationNotes();
    const record = coerceCsvRow(['£22', '1.5', '5/7/2026', 'Testy', '1e3'], cols, notes, at);
    expect(record).toEqual({
      Unit_Cost: '£22',
      No_of_adults_being_cared_for: '1.5',
      Event_Start_Date: '2026-07-05',
      First_Name: 'Testy',
      Planned_units_per_week: '1e3',
    });
    const flushed: string[] = [];
    notes.flush((i) => flushed.push(`${i.code} ${i.pointer} ${String(i.params?.occurrences)}`));
    expect(flushed).toEqual(['feed.date-format-dmy /0/Event_Start_Date 1']);
  });
});

describe('mapCsvHeader', () => {
  it('reports a field given twice and reads only its first column', () => {
    const fields = [...cldFieldsByName.values()];
    const map = mapCsvHeader(['First_Name', 'first name'], fields, 'CLD');
    expect(map.columns.map((c) => c?.name)).toEqual(['First_Name', undefined]);
    expect(map.issues.map((i) => [i.code, i.position])).toContainEqual([
      'feed.csv-duplicate-column',
      { line: 1, column: 2 },
    ]);
  });
});
