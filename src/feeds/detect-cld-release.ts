/**
 * Which release of the CLD specification a return follows, when the caller does not say: from the
 * defined-list values of the first rows (labels only one release has), then the header (Release 1's
 * required name columns, the cost-frequency column's spelling), then the reporting period (Release 2
 * for periods ending in or after October 2025, when DHSC began mapping Release 1 values to Release
 * 2), else Release 2. Reads only the start of the text.
 * @module
 */
import type { DataQualityView } from '../validation-result.js';
import { cldFields } from './cld-fields.js';
import { cldRelease2Fields } from './cld-release-2-fields.js';
import type { FeedFormat } from './detect-feed.js';
import { columnKey } from './map-csv-header.js';
import { normaliseLabel } from './normalise-label.js';

/** The CLD releases MDSS knows. */
export type CldRelease = 1 | 2;

/** The release chosen and why. */
export interface CldReleaseChoice {
  readonly release: CldRelease;
  readonly basis: DataQualityView['releaseBasis'];
}

/** First reporting-period end of the Release 2 era (fact sheet §1). */
export const release2PeriodsFrom = '2025-10-01';

const sampleRows = 50;

interface Lists {
  readonly r1: ReadonlySet<string>;
  readonly r2: ReadonlySet<string>;
  readonly r1Keys: ReadonlySet<string>;
  readonly r2Keys: ReadonlySet<string>;
}

function listsByField(): Map<string, Lists> {
  const out = new Map<string, Lists>();
  for (const f2 of cldRelease2Fields) {
    if (!f2.list || !f2.release1) continue;
    const r1 = new Set([...(cldFields.find((f) => f.name === f2.name)?.list ?? []), ...Object.keys(f2.release1)]);
    const r2 = new Set(f2.list);
    out.set(f2.name, { r1, r2, r1Keys: new Set([...r1].map(normaliseLabel)), r2Keys: new Set([...r2].map(normaliseLabel)) });
  }
  return out;
}

/** Splits one CSV line into cells (quotes honoured; enough for a sample). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

function csvSample(head: string): { header: string[]; rows: Map<string, string>[] } {
  const lines = (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).split(/\r?\n/);
  const header = csvCells(lines[0] ?? '');
  const keys = header.map(columnKey);
  const rows = lines.slice(1, 1 + sampleRows).filter((l) => l.trim() !== '').map((l) => {
    const cells = csvCells(l);
    return new Map(keys.map((k, i) => [k, cells[i] ?? ''] as const));
  });
  return { header, rows };
}

function jsonSample(head: string): { header: string[]; rows: Map<string, string>[] } {
  // Each key/value pair is one piece of evidence (JSON records are not split here).
  const header: string[] = [];
  const rows: Map<string, string>[] = [];
  for (const m of head.matchAll(/"([A-Za-z_][A-Za-z0-9_ ():-]*)"\s*:\s*"([^"\\]*)"/g)) {
    header.push(m[1]!);
    rows.push(new Map([[columnKey(m[1]!), m[2]!]]));
  }
  return { header, rows };
}

function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : undefined;
}

/** Detects the release of a CLD return from the start of its text. */
export function detectCldRelease(head: string, format: FeedFormat): CldReleaseChoice {
  const { header, rows } = format === 'csv' ? csvSample(head) : jsonSample(head);
  let r1 = 0;
  let r2 = 0;
  for (const [name, lists] of listsByField()) {
    const key = columnKey(name);
    for (const row of rows) {
      const value = row.get(key);
      if (!value) continue;
      const inR1 = lists.r1.has(value);
      const inR2 = lists.r2.has(value);
      if (inR1 || inR2) {
        if (inR1 && !inR2) r1++;
        if (inR2 && !inR1) r2++;
        continue;
      }
      const k = normaliseLabel(value);
      if (lists.r1Keys.has(k) && !lists.r2Keys.has(k)) r1++;
      if (lists.r2Keys.has(k) && !lists.r1Keys.has(k)) r2++;
    }
  }
  if (r1 !== r2) return { release: r1 > r2 ? 1 : 2, basis: 'values' };
  const names = new Set(header.map((h) => h.trim()));
  if (names.has('Cost_Frequency_(Unit_Type)') || (names.has('First_Name') && names.has('Last_Name'))) return { release: 1, basis: 'header' };
  const periodEnd = rows.map((r) => isoDate(r.get('reportingperiodenddate'))).find((v) => v !== undefined);
  if (periodEnd) return { release: periodEnd >= release2PeriodsFrom ? 2 : 1, basis: 'period' };
  return { release: 2, basis: 'default' };
}
