/**
 * `mdss report [--partner <id>] [--format json|csv|markdown|html] [--from d] [--to d] [--kind k] [--output f]`:
 * a partner's scorecard, or the ICS matrix, from the store (SQLite by default, DATABASE_URL for PostgreSQL).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { isPartnerKind } from '../reports/conformance/partner.js';
import { loadIcsMatrix, loadScorecard } from '../reports/conformance/load-reports.js';
import { resolveReportPeriod, type ReportPeriod } from '../reports/conformance/report-period.js';
import {
  renderMatrixCsv,
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderScorecardCsv,
  renderScorecardHtml,
  renderScorecardJson,
  renderScorecardMarkdown,
} from '../reports/conformance/index.js';
import { DEFAULT_SQLITE_PATH } from '../store/open-store.js';
import { openStore, readNhsukCss } from '../store/index.js';
import type { CliIo } from './cli-io.js';

const formats = ['json', 'csv', 'markdown', 'html'] as const;

/** Runs the command; returns the exit code. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      partner: { type: 'string' },
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      kind: { type: 'string' },
      output: { type: 'string' },
      db: { type: 'string' },
    },
  });
  const format = (values.format ?? 'markdown') as (typeof formats)[number];
  if (!formats.includes(format))
    throw new ConfigError(
      'cli.bad-format',
      `--format ${format}: expected json, csv, markdown or html`,
    );
  if (values.kind !== undefined && !isPartnerKind(values.kind))
    throw new ConfigError('cli.bad-kind', `--kind ${values.kind} is not a partner kind`);
  const period = readPeriod(values.from, values.to, io.now());
  // Reading never creates a database: without a store, say so and how to make one (exit 2).
  const store = await openStore({
    ...(values.db
      ? { sqlitePath: resolve(io.cwd, values.db) }
      : io.env['DATABASE_URL']
        ? {}
        : { sqlitePath: resolve(io.cwd, DEFAULT_SQLITE_PATH) }),
    env: io.env,
    mustExist: true,
  });
  try {
    const css = format === 'html' ? { styles: await readNhsukCss() } : {};
    let text: string;
    if (values.partner) {
      const card = await loadScorecard(store, builtinCatalogue, values.partner, period, io.now());
      if (!card)
        throw new ConfigError('cli.unknown-partner', `no partner '${values.partner}' in the store`);
      text = {
        json: () => renderScorecardJson(card),
        csv: () => renderScorecardCsv(card),
        markdown: () => renderScorecardMarkdown(card),
        html: () => renderScorecardHtml(card, css),
      }[format]();
    } else {
      const matrix = await loadIcsMatrix(
        store,
        builtinCatalogue,
        period,
        io.now(),
        values.kind as Parameters<typeof loadIcsMatrix>[4],
      );
      text = {
        json: () => renderMatrixJson(matrix),
        csv: () => renderMatrixCsv(matrix),
        markdown: () => renderMatrixMarkdown(matrix),
        html: () => renderMatrixHtml(matrix, css),
      }[format]();
    }
    if (values.output) writeFileSync(resolve(io.cwd, values.output), text);
    else io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `--from`/`--to` (ISO dates or instants, `to` exclusive); default: the current calendar month (reports/conformance/report-period.ts, as the service). */
export function readPeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): ReportPeriod {
  const r = resolveReportPeriod(from, to, now);
  if ('period' in r) return r.period;
  throw new ConfigError(
    'cli.bad-period',
    r.problem.reason === 'not-a-date'
      ? `--${r.problem.name}: an ISO date (YYYY-MM-DD) or an instant with a time zone is expected`
      : '--from must be before --to',
  );
}
