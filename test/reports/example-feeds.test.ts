/**
 * End to end over the example feeds, on SQLite and PostgreSQL: validate each partner's valid and
 * gap files, summarise, record, reload the period from the store and build the reports. Checks that
 * the scorecard's gaps are exactly the gaps documented in each example's README, and that no
 * person-level value of the examples (NHS numbers, names, birth dates, postcodes, person ids) is in
 * the database (every table, and for SQLite the raw database and WAL files) or in any rendered report.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/feeds/validate-feed.js';
import { issueCodes } from '../../src/issues/codes/index.js';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { summarizeSubmission } from '../../src/framework/submission-summary.js';
import {
  buildEvidencePack,
  renderEvidencePackJson,
} from '../../src/reports/conformance/build-evidence-pack.js';
import { buildIcsMatrix } from '../../src/reports/conformance/build-ics-matrix.js';
import { buildScorecard } from '../../src/reports/conformance/build-scorecard.js';
import type { Partner } from '../../src/reports/conformance/partner.js';
import { renderMatrixCsv, renderScorecardCsv } from '../../src/reports/conformance/render-csv.js';
import { renderMatrixHtml } from '../../src/reports/conformance/render-matrix-html.js';
import { renderScorecardMarkdown } from '../../src/reports/conformance/render-markdown.js';
import { renderScorecardHtml } from '../../src/reports/conformance/render-scorecard-html.js';
import type { Scorecard } from '../../src/reports/conformance/scorecard.js';
import type { Store } from '../../src/store/store.js';
import { storeTargets, type TestDatabase } from '../store/store-targets.js';

const root = join(import.meta.dirname, '../..');
const PREVIOUS = { from: '2029-12-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
const CURRENT = { from: '2030-01-01T00:00:00Z', to: '2030-02-01T00:00:00Z' };
const now = new Date('2030-02-01T08:00:00Z');

interface Example {
  readonly partner: Partner;
  readonly dir: string;
  readonly feed: 'cld' | 'cin';
  readonly valid: string;
  readonly gaps: string;
}

const examples: readonly Example[] = [
  {
    partner: {
      id: 'northvale-council-asc',
      name: 'Northvale Council adult social care',
      kind: 'council',
      gssCode: 'E10000099',
    },
    dir: 'examples/northvale-council-asc',
    feed: 'cld',
    valid: 'cld-2026-q2-valid.csv',
    gaps: 'cld-2026-q2.csv',
  },
  {
    partner: {
      id: 'northvale-council-csc',
      name: "Northvale Council children's social care",
      kind: 'council',
    },
    dir: 'examples/northvale-council-csc',
    feed: 'cin',
    valid: 'cin-2026-valid.json',
    gaps: 'cin-2026.json',
  },
];
const available = examples.every(
  (e) => existsSync(join(root, e.dir, e.gaps)) && existsSync(join(root, e.dir, 'README.md')),
);
if (!available) console.warn('example feeds not found: example-feed report tests skipped');

/** Documented gaps from a README table: code, element path, requirements (only rows that bear on requirements). */
function documentedGaps(
  example: Example,
): { code: string; path: string; requirements: string[] }[] {
  const lines = readFileSync(join(root, example.dir, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('## Deliberate gaps'));
  const table = lines.slice(start).filter((l) => l.startsWith('|'));
  const header = (table[0] ?? '').split('|').map((c) => c.trim());
  const col = (name: string) => header.indexOf(name);
  return table.slice(2).flatMap((line) => {
    const cells = line.split('|').map((c) => c.trim());
    const code = (cells[col('code')] ?? '').replaceAll('`', '');
    const severity = cells[col('severity')] ?? '';
    const requirements = (cells[col('requirements')] ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => /^MDS-\d+$/.test(r));
    if (requirements.length === 0 || severity === 'information') return [];
    const path =
      col('field') >= 0
        ? `Row.${cells[col('field')] ?? ''}`
        : `Row.${(cells[col('pointer')] ?? '')
            .replaceAll('`', '')
            .split('/')
            .filter((s) => s !== '' && !/^\d+$/.test(s))
            .join('.')}`;
    return [{ code, path, requirements }];
  });
}

/**
 * Person-level values in an example file: identifiers, names, birth dates, postcodes (4+ characters;
 * values that are part of a field name, such as a first name "Person", cannot be told from element
 * paths and are left out).
 */
function personValues(example: Example): string[] {
  const values = new Set<string>();
  const fieldNames: string[] = [];
  for (const file of [example.valid, example.gaps]) {
    const text = readFileSync(join(root, example.dir, file), 'utf8');
    if (file.endsWith('.csv')) {
      const rows = parse(text, {
        columns: true,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_records_with_error: true,
      }) as Record<string, string>[];
      fieldNames.push(...Object.keys(rows[0] ?? {}));
      for (const row of rows) {
        for (const field of [
          'NHS_Number',
          'LA_Person_Unique_Identifier',
          'First_Name',
          'Last_Name',
          'Date_of_Birth',
          'Date_of_Death',
          'Postcode',
        ]) {
          const v = row[field]?.trim();
          if (v) values.add(v);
        }
      }
    } else {
      const walk = (node: unknown, key = ''): void => {
        if (Array.isArray(node)) node.forEach((n) => walk(n, key));
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            fieldNames.push(k);
            walk(v, k);
          }
        } else if (
          typeof node === 'string' &&
          /UPN|LAchildID|BirthDate|Postcode|Name|NHS/i.test(key)
        )
          values.add(node.trim());
      };
      walk(JSON.parse(text));
    }
  }
  return [...values].filter((v) => v.length >= 4 && !fieldNames.some((f) => f.includes(v)));
}

const targets = available ? await storeTargets() : [];

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(
    `example feeds through the store on ${target.name}`,
    () => {
      let database: TestDatabase;
      let store: Store;
      const cards = new Map<string, { current: Scorecard; previousOnly: Scorecard }>();
      const rendered: string[] = [];

      beforeAll(async () => {
        database = await target.create();
        store = await database.open();
        for (const example of examples) {
          await store.upsertPartner(example.partner);
          for (const [file, receivedAt] of [
            [example.valid, '2029-12-15T10:00:00.000Z'],
            [example.gaps, '2030-01-15T10:00:00.000Z'],
          ] as const) {
            const text = readFileSync(join(root, example.dir, file), 'utf8');
            const bytes = new TextEncoder().encode(text);
            const hash = Array.from(
              new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)),
              (b) => b.toString(16).padStart(2, '0'),
            ).join('');
            const result = validateFeed(text, {
              allowTestNumbers: true,
              filename: file,
              feed: example.feed,
            });
            const summary = summarizeSubmission(result, {
              partnerId: example.partner.id,
              feed: example.feed,
              kind: 'upload',
              catalogue: builtinCatalogue,
              validatorVersion: '0.1.0',
              packages: [],
              payloadHash: hash,
              payloadSize: bytes.length,
              receivedAt,
              durationMs: 5,
            });
            await store.recordSubmission(summary);
          }
          const waivers = await store.listWaivers(example.partner.id);
          const current = await store.loadPartnerPeriod(
            example.partner.id,
            CURRENT.from,
            CURRENT.to,
          );
          const previous = await store.loadPartnerPeriod(
            example.partner.id,
            PREVIOUS.from,
            PREVIOUS.to,
          );
          const card = buildScorecard({
            partner: example.partner,
            catalogue: builtinCatalogue,
            current,
            previous,
            waivers,
            now,
            topGaps: 1000,
            gapsPerRequirement: 1000,
          });
          const previousOnly = buildScorecard({
            partner: example.partner,
            catalogue: builtinCatalogue,
            current: previous,
            waivers,
            now,
            topGaps: 1000,
          });
          cards.set(example.partner.id, { current: card, previousOnly });
          rendered.push(
            renderScorecardHtml(card),
            renderScorecardCsv(card),
            renderScorecardMarkdown(card),
            renderEvidencePackJson(
              buildEvidencePack({
                partner: example.partner,
                catalogue: builtinCatalogue,
                period: current,
                waivers,
                now,
              }),
            ),
          );
        }
        const partners = await store.listPartners({ kind: 'council' });
        const data = Object.fromEntries(
          await Promise.all(
            partners.map(
              async (p) =>
                [p.id, await store.loadPartnerPeriod(p.id, CURRENT.from, CURRENT.to)] as const,
            ),
          ),
        );
        const matrix = buildIcsMatrix({ partners, catalogue: builtinCatalogue, data, now });
        rendered.push(renderMatrixHtml(matrix), renderMatrixCsv(matrix));
      });

      afterAll(async () => {
        await store?.close();
        await database?.dispose();
      });

      for (const example of examples) {
        it(`shows exactly the documented gaps of ${example.dir}`, () => {
          const card = cards.get(example.partner.id)?.current;
          if (!card) throw new Error('no scorecard');
          const documented = documentedGaps(example);
          expect(documented.length).toBeGreaterThan(3);
          const shown = card.topGaps
            .filter((g) => g.requirements.length > 0 && g.severity !== 'information')
            .map((g) => `${g.code} ${g.path}`)
            .sort();
          expect(shown).toEqual([...new Set(documented.map((d) => `${d.code} ${d.path}`))].sort());
          for (const gap of documented) {
            for (const id of gap.requirements) {
              const row = card.requirements.find((r) => r.id === id);
              expect(
                row?.gaps.some((g) => g.code === gap.code && g.path === gap.path),
                `${id} lists ${gap.code} at ${gap.path}`,
              ).toBe(true);
              const onlyHeuristic = documented
                .filter((d) => d.requirements.includes(id))
                .every((d) => issueCodes[d.code]?.heuristic === true);
              if (onlyHeuristic && row?.level === 'MUST') {
                // A heuristic check is a warning that never decides a MUST requirement's status.
                expect(row.failed, `${id} fails on heuristic checks only`).toBe(0);
                continue;
              }
              expect(row?.failed, `${id} has failures`).toBeGreaterThan(0);
              if (row?.level === 'MUST') expect(row.status).not.toBe('met');
            }
          }
          expect(card.maturity.level).toBe(1);
        });

        it(`shows no gap and a trend down from the valid file of ${example.dir}`, () => {
          const pair = cards.get(example.partner.id);
          expect(
            pair?.previousOnly.topGaps.filter(
              (g) => g.severity === 'error' || g.severity === 'warning',
            ),
          ).toEqual([]);
          const worse =
            pair?.current.requirements.filter((r) => r.trend === 'down').map((r) => r.id) ?? [];
          expect(worse.length).toBeGreaterThan(0);
        });
      }

      it('stores and reports no person-level value from the examples', async () => {
        const values = examples.flatMap(personValues);
        expect(values.length).toBeGreaterThan(20);
        const dump = await dumpDatabase(target.name, database);
        const hits = values.filter((v) => dump.includes(v) || rendered.some((r) => r.includes(v)));
        expect(hits).toEqual([]);
        expect(dump.length).toBeGreaterThan(1000);
      });
    },
  );
}

/** Every row of every table as text, plus (SQLite) the raw bytes of the database and its WAL. */
async function dumpDatabase(
  dialect: 'sqlite' | 'postgres',
  database: TestDatabase,
): Promise<string> {
  const tables = [
    'partners',
    'api_keys',
    'submissions',
    'submission_requirements',
    'submission_issues',
    'submission_must_support',
    'waivers',
  ];
  if (dialect === 'sqlite') {
    const file = database.options.sqlitePath ?? '';
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    try {
      const rows = tables.map((t) => JSON.stringify(db.prepare(`select * from ${t}`).all()));
      const raw = [file, `${file}-wal`]
        .filter(existsSync)
        .map((f) => readFileSync(f).toString('latin1'));
      return [...rows, ...raw].join('\n');
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.options.databaseUrl ?? '' });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const t of tables) {
      const { rows } = await client.query(
        `select row_to_json(x)::text as j from ${database.options.pgSchema ?? 'public'}.${t} x`,
      );
      parts.push(...rows.map((r: { j: string }) => r.j));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
