/**
 * The scorecard's field-by-field national data-quality table: from a flawed CLD Release 2 return,
 * through the submission summary and the period aggregate, to the HTML and Markdown scorecard.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, northvale, MARCH } from '../../../test/reports/report-fixtures.js';
import { validateFeed } from '../../feeds/validate-feed.js';
import { builtinCatalogue } from '../../framework/builtin-catalogue.js';
import { summarizeSubmission } from '../../framework/submission-summary.js';
import { aggregatePeriod } from './aggregate-period.js';
import { buildDataQualityTable } from './data-quality-table.js';
import { buildScorecard } from './build-scorecard.js';
import { renderDataQualityMarkdown } from './render-data-quality-markdown.js';
import { renderScorecardHtml } from './render-scorecard-html.js';
import { renderScorecardMarkdown } from './render-markdown.js';

const flawed = readFileSync(fileURLToPath(new URL('../../../test/fixtures/cld-release-2/flawed.csv', import.meta.url)), 'utf8');
const now = new Date('2026-04-02T09:00:00.000Z');

function summaryAt(receivedAt: string) {
  return summarizeSubmission(validateFeed(flawed, { allowTestNumbers: true }), {
    partnerId: northvale.id,
    feed: 'cld',
    kind: 'upload',
    catalogue: builtinCatalogue,
    validatorVersion: '0.1.0',
    packages: [],
    payloadHash: receivedAt.replace(/\D/g, '').padEnd(64, '0').slice(0, 64),
    payloadSize: flawed.length,
    receivedAt,
    durationMs: 1,
  });
}

describe('national data-quality table', () => {
  const summaries = [summaryAt('2026-03-03T00:00:00.000Z'), summaryAt('2026-03-10T00:00:00.000Z')];
  const period = aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries);

  it('the submission summary keeps counts per module × field only', () => {
    expect(summaries[0]!.fieldQuality).toHaveLength(46);
    expect(JSON.stringify(summaries[0]!.fieldQuality)).not.toMatch(/999\d{7}|NV-A0|Managed Personal/);
  });

  it('sums a period per field, in DHSC order, with pass rates', () => {
    const table = buildDataQualityTable(period.fieldQuality)!;
    expect(table.fields.map((f) => f.field).slice(0, 3)).toEqual(['LA_Code', 'Reporting_Period_End_Date', 'Reporting_Period_Start_Date']);
    const dm = table.fields.find((f) => f.field === 'Delivery_Mechanism')!;
    expect(dm).toMatchObject({ module: 'Events (services only)', failedRelease1: 2, rows: 26, failed: 2 });
    expect(dm.passRate).toBeCloseTo(24 / 26);
    // Six planted defects are field-value failures (end before start and the period are row checks), in two submissions.
    expect(table.failed).toBe(2 * 6);
    expect(buildDataQualityTable(undefined)).toBeUndefined();
  });

  it('shows the field-by-field table on the partner scorecard (HTML and Markdown)', () => {
    const card = buildScorecard({ partner: northvale, catalogue, current: period, waivers: [], now });
    expect(card.fieldQuality?.fields).toHaveLength(46);
    const page = renderScorecardHtml(card);
    for (const header of ['Passed: Valid', 'Passed: Blank (Not Mandatory)', 'Failed: Blank (Mandatory)', 'Failed: Invalid', 'Failed: Release 1']) expect(page).toContain(`>${header}</th>`);
    expect(page).toMatch(/<th scope="row" class="nhsuk-table__header"><code>Employment_Status<\/code><\/th><td class="nhsuk-table__cell">Person details<\/td><td class="nhsuk-table__cell">4<\/td><td class="nhsuk-table__cell">18<\/td><td class="nhsuk-table__cell">6<\/td><td class="nhsuk-table__cell">2<\/td><td class="nhsuk-table__cell">0<\/td><td class="nhsuk-table__cell">0<\/td>/);
    expect(renderScorecardMarkdown(card)).toContain(renderDataQualityMarkdown(card.fieldQuality));
    expect(renderDataQualityMarkdown(card.fieldQuality)).toMatch(/\| Employment\\_Status \| Person details \| 4 \| 18 \| 6 \| 2 \| 0 \| 0 \|/);
  });

  it('leaves the section out for a partner without social-care returns', () => {
    const card = buildScorecard({ partner: northvale, catalogue, current: aggregatePeriod(northvale.id, MARCH.from, MARCH.to, []), waivers: [], now });
    expect(card.fieldQuality).toBeUndefined();
    expect(renderDataQualityMarkdown(card.fieldQuality)).toBe('');
  });
});

describe('field outcomes in the DQMI-style index', () => {
  it('are further data items of the CLD dataset', async () => {
    const { fieldItems } = await import('./data-quality.js');
    const summaries = [summaryAt('2026-03-03T00:00:00.000Z')];
    const period = aggregatePeriod(northvale.id, MARCH.from, MARCH.to, summaries);
    const items = fieldItems(period);
    expect(items).toHaveLength(46);
    expect(items.find((i) => i.id === 'Person details/Gender')).toEqual({ id: 'Person details/Gender', checked: 13, valid: 12 });
    const card = buildScorecard({ partner: northvale, catalogue, current: period, waivers: [], now });
    const cld = card.dataQuality.find((d) => d.feed === 'cld')!;
    expect(cld.items).toBeGreaterThanOrEqual(46);
  });
});
