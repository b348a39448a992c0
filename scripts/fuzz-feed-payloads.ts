/**
 * Deterministic fuzz payloads for the social-care feeds (CLD CSV, CLD/CIN NDJSON, CLD/CIN JSON),
 * made from the synthetic example feeds by cell, record and text mutations: hostile cell text
 * (quotes, commas, line breaks, BOMs, lone surrogates), ragged and repeated columns, truncation,
 * repeated keys, wrong JSON types and prototype-polluting keys. Payload `index` under `seed` is
 * always the same.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { mutate, mutationOps } from '../bench/mutate-resource.js';
import type { Rng } from '../bench/prng.js';

/** A feed payload: text, with the feed and format the HTTP request names (undefined: detect). */
export interface FeedFuzzPayload {
  readonly kind: string;
  readonly text: string;
  readonly feed?: 'cld' | 'cin';
  readonly format: 'csv' | 'json' | 'ndjson';
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hostileCells = [
  '',
  ' ',
  '"',
  '""',
  '","',
  '\n',
  '\r\n',
  '\r',
  ',',
  '\ufeff',
  '\ud800',
  '\u0000',
  '=cmd|x',
  '9999999999',
  '999 000 0018',
  '2026-02-30',
  '31/12/2026',
  'NULL',
  '-1',
  '1e309',
  '__proto__',
  'é',
];
const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'LA_Code',
  'NHS_Number',
  'LAchildID',
  'CINdetails',
  'JohnSmith_9434765918',
  '',
];

/** Clean material, read once. */
export interface FeedMaterial {
  readonly cldCsv: string;
  readonly cldRows: Record<string, string>[];
  readonly cinRecords: unknown[];
}

/** Reads the example feeds. */
export function loadFeedMaterial(): FeedMaterial {
  const cldCsv = readFileSync(
    join(root, 'examples', 'northvale-council-asc', 'cld-2026-q2-valid.csv'),
    'utf8',
  );
  const cldRows = parse(cldCsv.replace(/^\ufeff/, ''), {
    columns: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const cinRecords = JSON.parse(
    readFileSync(join(root, 'examples', 'northvale-council-csc', 'cin-2026-valid.json'), 'utf8'),
  ) as unknown[];
  return { cldCsv, cldRows, cinRecords };
}

function randomText(rng: Rng, max: number): string {
  let s = '';
  for (let i = rng.int(0, max); i > 0; i--)
    s += String.fromCharCode(rng.chance(0.85) ? rng.int(32, 126) : rng.int(0, 0xffff));
  return s;
}

function cell(rng: Rng): string {
  if (rng.chance(0.001)) return 'x'.repeat(rng.int(1000, 70_000));
  return rng.chance(0.6) ? rng.pick(hostileCells) : randomText(rng, 30);
}

function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function corruptText(rng: Rng, text: string): string {
  const at = rng.int(0, Math.max(0, text.length - 1));
  switch (rng.int(0, 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return `${text.slice(0, at)}${rng.pick(['"', ',', '\n', '\r', '{', '}', '[', ']', ':', '\\', '\u0000', '\ud800', '\ufeff'])}${text.slice(at)}`;
    case 2:
      return `${text.slice(0, at)}${text.slice(at + rng.int(1, 40))}`;
    case 3:
      return text.replace(/,/g, (m) => (rng.chance(0.02) ? rng.pick([';', '\t', ',,', '",']) : m));
    case 4:
      return `${text.slice(0, at)}${text.slice(at).repeat(rng.int(2, 20))}`;
    default:
      return `\ufeff${text}`;
  }
}

function cldCsv(rng: Rng, m: FeedMaterial): string {
  const header = Object.keys(m.cldRows[0]!);
  let columns = [...header];
  if (rng.chance(0.2)) columns = columns.filter(() => rng.chance(0.9));
  if (rng.chance(0.1)) columns.push(rng.pick(header), cell(rng));
  if (rng.chance(0.1)) columns.reverse();
  const rows = Array.from({ length: rng.int(0, 8) }, () => {
    const base = rng.pick(m.cldRows);
    const fields = columns.map((c) => (rng.chance(0.15) ? cell(rng) : (base[c] ?? '')));
    if (rng.chance(0.05)) fields.push(cell(rng));
    if (rng.chance(0.05)) fields.splice(0, rng.int(1, 5));
    return fields.map(quoteCsv).join(',');
  });
  const eol = rng.chance(0.3) ? '\r\n' : '\n';
  const text = `${rng.chance(0.2) ? '\ufeff' : ''}${columns.map(quoteCsv).join(',')}${eol}${rows.join(eol)}${rng.chance(0.5) ? eol : ''}`;
  return rng.chance(0.3) ? corruptText(rng, text) : text;
}

function mutatedRecord(rng: Rng, record: unknown): unknown {
  let v: unknown = structuredClone(record);
  for (let i = rng.int(0, 3); i > 0; i--)
    v = mutate(
      v,
      rng.pick(mutationOps),
      rng.int(0, 1 << 20),
      rng.chance(0.5) ? cell(rng) : rng.pick([null, 0, -1, true, [], {}, [cell(rng)]]),
      rng.pick([10, 1000, 10_000]),
    );
  if (rng.chance(0.15) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
    Object.defineProperty(v, rng.pick(hostileKeys), {
      value: rng.pick([1, 'x', { polluted: 1 }, null]),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return v;
}

/** JSON text of a record, sometimes with a key repeated (which `JSON.stringify` cannot write). */
function recordText(rng: Rng, record: unknown): string {
  const text = JSON.stringify(record) ?? 'null';
  return rng.chance(0.1)
    ? text.replace(/"([A-Za-z_]+)":("[^"]*"|\d+|null|true|false)/, (all) => `${all},${all}`)
    : text;
}

/** A feed payload for `index` (the caller's rng is already seeded with it). */
export function feedPayload(rng: Rng, m: FeedMaterial): FeedFuzzPayload {
  const cin = rng.chance(0.4);
  const records = cin ? m.cinRecords : m.cldRows;
  const named = rng.chance(0.7) ? (cin ? 'cin' : 'cld') : undefined;
  switch (rng.int(0, 2)) {
    case 0:
      return {
        kind: 'feed-csv',
        text: cldCsv(rng, m),
        format: 'csv',
        ...(rng.chance(0.7) ? { feed: 'cld' as const } : {}),
      };
    case 1: {
      const lines = Array.from({ length: rng.int(0, 8) }, () =>
        recordText(rng, mutatedRecord(rng, rng.pick(records))),
      );
      if (rng.chance(0.1))
        lines.splice(
          rng.int(0, lines.length),
          0,
          rng.pick(['', '[]', 'null', '{', '"x"', randomText(rng, 50)]),
        );
      const text = lines.join(rng.chance(0.3) ? '\r\n' : '\n');
      return {
        kind: 'feed-ndjson',
        text: rng.chance(0.2) ? corruptText(rng, text) : text,
        format: 'ndjson',
        ...(named ? { feed: named } : {}),
      };
    }
    default: {
      const list = Array.from({ length: rng.int(0, 8) }, () =>
        mutatedRecord(rng, rng.pick(records)),
      );
      const text = rng.chance(0.1)
        ? recordText(rng, list[0] ?? {})
        : `[${list.map((r) => recordText(rng, r)).join(',')}]`;
      return {
        kind: 'feed-json',
        text: rng.chance(0.2) ? corruptText(rng, text) : text,
        format: 'json',
        ...(named ? { feed: named } : {}),
      };
    }
  }
}
