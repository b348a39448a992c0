/**
 * `mdss demo`: the main job on the embedded defaults. Registers the example partners
 * (examples/partners.json), validates every example feed with the built-in framework (test-data
 * setting on: the examples use NHS numbers from the 999 range), records each as a submission in
 * the store (SQLite ./data/mdss.sqlite unless DATABASE_URL is set) with a derived history of earlier
 * months (see demo-history.ts), and writes the ICS matrix and each partner's scorecard as HTML,
 * Markdown and JSON. Idempotent: a second run records nothing and writes the same files.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { summarizeSubmission } from '../framework/submission-summary.js';
import { loadPartnerRegistry } from '../policy/partner-registry.js';
import {
  renderMatrixHtml,
  renderMatrixMarkdown,
  renderScorecardHtml,
  renderScorecardJson,
} from '../reports/conformance/index.js';
import { loadIcsMatrix, loadScorecard } from '../reports/conformance/load-reports.js';
import { formatDate } from '../reports/conformance/report-format.js';
import { openStore, readNhsukCss } from '../store/index.js';
import { version } from '../version.js';
import type { CliIo } from './cli-io.js';
import {
  demoMonths,
  demoReceivedAt,
  deriveEarlierSummary,
  isRecorded,
  parseDemoHistory,
} from './demo-history.js';
import { packageRoot } from './framework-files.js';
import { expandInputs } from './inputs.js';
import { buildChecker } from './validate-command.js';
import { constraintTextLookup } from '../fhir/definitions/constraint-text.js';

/** Runs the demo; returns the exit code. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { db: { type: 'string' }, out: { type: 'string' }, examples: { type: 'string' } },
  });
  const examples = values.examples
    ? resolve(io.cwd, values.examples)
    : join(packageRoot(), 'examples');
  const out = resolve(io.cwd, values.out ?? join('data', 'reports'));
  const registry = loadPartnerRegistry(
    JSON.parse(readFileSync(join(examples, 'partners.json'), 'utf8')),
  );
  const checker = buildChecker({ supporting: [], profiles: [], allowTestNumbers: true }, io.cwd);
  const store = await openStore(values.db ? { sqlitePath: resolve(io.cwd, values.db) } : {});
  const now = io.now();
  try {
    const lines: string[] = ['partner                          files records errors warnings'];
    const history = parseDemoHistory(
      existsSync(join(examples, 'demo-history.json'))
        ? JSON.parse(readFileSync(join(examples, 'demo-history.json'), 'utf8'))
        : {},
    );
    const months = demoMonths(now, history.months);
    const currentMonth = months.at(-1) as (typeof months)[number];
    let recorded = 0;
    for (const [partnerIndex, p] of registry.partners.entries()) {
      await store.upsertPartner({
        id: p.id,
        name: p.name,
        kind: p.kind,
        ...(p.odsCode ? { odsCode: p.odsCode } : {}),
        ...(p.cqcLocationId ? { cqcLocationId: p.cqcLocationId } : {}),
        ...(p.gssCode ? { gssCode: p.gssCode } : {}),
      });
      const dir = join(examples, p.id);
      if (!existsSync(dir)) continue;
      let files = 0;
      let records = 0;
      let errors = 0;
      let warnings = 0;
      for (const [fileIndex, file] of expandInputs([dir], io.cwd).entries()) {
        const bytes = readFileSync(file);
        const started = performance.now();
        const checked = await checker.checkBytes(bytes, { filename: file, now });
        const payloadHash = createHash('sha256').update(bytes).digest('hex');
        const summary = summarizeSubmission(checked.result, {
          partnerId: p.id,
          feed: checked.feed,
          kind: 'upload',
          catalogue: builtinCatalogue,
          validatorVersion: version,
          packages: [
            'hl7.fhir.r4.core#4.0.1',
            `mdss.framework#${builtinCatalogue.framework.version}`,
          ],
          payloadHash,
          payloadSize: bytes.length,
          receivedAt: demoReceivedAt(currentMonth, partnerIndex, fileIndex),
          durationMs: Math.round(performance.now() - started),
        });
        // The history: one submission per file and month, the current month's being the real result.
        for (const [i, month] of months.entries()) {
          const monthsAgo = months.length - 1 - i;
          const earlier = deriveEarlierSummary(
            summary,
            builtinCatalogue,
            history.trajectories[p.id] ?? 'steady',
            monthsAgo,
            history.monthlyStep,
            {
              receivedAt: demoReceivedAt(month, partnerIndex, fileIndex),
              payloadHash:
                monthsAgo === 0
                  ? payloadHash
                  : createHash('sha256')
                      .update(bytes)
                      .update(`\ndemo-history ${month.from}`)
                      .digest('hex'),
            },
          );
          if (await isRecorded(store, earlier)) continue;
          await store.recordSubmission({ ...earlier, durationMs: 0 });
          recorded++;
        }
        files++;
        records += summary.recordCount;
        errors += summary.errorCount;
        warnings += summary.warningCount;
      }
      lines.push(
        `${p.id.padEnd(32)} ${String(files).padStart(5)} ${String(records).padStart(7)} ${String(errors).padStart(6)} ${String(warnings).padStart(8)}`,
      );
    }
    lines.push(
      '',
      `${months.length} monthly periods seeded (${formatDate(months[0]?.from ?? '')} to ${formatDate(currentMonth.from)}); ${recorded} submissions recorded${recorded === 0 ? ' (all were already in the store)' : ''}.`,
    );
    mkdirSync(out, { recursive: true });
    const period = currentMonth;
    // Reports are stamped with the start of the day, so running the demo twice gives the same files.
    const generated = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const styles = await readNhsukCss();
    const matrix = await loadIcsMatrix(store, builtinCatalogue, period, generated);
    writeFileSync(join(out, 'ics-report.html'), renderMatrixHtml(matrix, { styles }));
    writeFileSync(join(out, 'ics-report.md'), renderMatrixMarkdown(matrix));
    const constraintText = constraintTextLookup(checker.registry);
    for (const p of registry.partners) {
      const card = await loadScorecard(
        store,
        builtinCatalogue,
        p.id,
        period,
        generated,
        constraintText,
      );
      if (!card) continue;
      writeFileSync(join(out, `${p.id}.html`), renderScorecardHtml(card, { styles }));
      writeFileSync(join(out, `${p.id}.json`), renderScorecardJson(card));
    }
    io.stdout(
      `${lines.join('\n')}\n\nReports written to ${relative(io.cwd, out) || '.'}/ (ics-report.html, ics-report.md, <partner>.html, <partner>.json)\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
