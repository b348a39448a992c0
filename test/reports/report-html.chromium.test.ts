/**
 * The HTML reports in a real browser: Debian's /usr/bin/chromium driven by playwright-core. Renders
 * the scorecard and the ICS matrix to files, opens them headless, and checks: no console errors or
 * failed requests, a non-empty screenshot, accessibility basics in the DOM (one h1, headings in
 * order, every table with a caption, column and row headers with scope, labelled SVGs, statuses as
 * text), no page-level horizontal scrolling on a phone, and a non-empty printed PDF.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIcsMatrix } from '../../src/reports/conformance/build-ics-matrix.js';
import { buildScorecard } from '../../src/reports/conformance/build-scorecard.js';
import { renderMatrixHtml } from '../../src/reports/conformance/render-matrix-html.js';
import { renderScorecardHtml } from '../../src/reports/conformance/render-scorecard-html.js';
import { readNhsukCss } from '../../src/store/read-nhsuk-css.js';
import {
  allMetMarch,
  catalogue,
  northvale,
  northvaleFebruary,
  northvaleMarch,
  oakwood,
  riverside,
} from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `${CHROMIUM} not found: Chromium report tests skipped (apt-get install -y chromium)`,
  );

const now = new Date('2026-04-02T09:00:00.000Z');

interface A11yFindings {
  /** Status labels whose text/background contrast is under WCAG AA (4.5:1). */
  lowContrast: string[];
  h1: number;
  headingJumps: string[];
  tablesWithoutCaption: number;
  tablesWithoutTh: number;
  thWithoutScope: number;
  unlabelledSvgs: number;
  emptyStatuses: number;
  lang: string;
  title: string;
}

/** Accessibility checks run inside the page (DOM queries). */
function auditInPage(): A11yFindings {
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) =>
    Number(h.tagName.slice(1)),
  );
  const jumps: string[] = [];
  headings.forEach((level, i) => {
    const prev = i === 0 ? 0 : (headings[i - 1] as number);
    if (level > prev + 1) jumps.push(`h${prev} → h${level}`);
  });
  const tables = [...document.querySelectorAll('table')];
  const luminance = (css: string): number => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const lowContrast = [
    ...document.querySelectorAll<HTMLElement>('.mdss-status, .mdss-cell'),
  ].flatMap((el) => {
    const style = getComputedStyle(el);
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort(
      (x, y) => y - x,
    ) as [number, number];
    const ratio = (a + 0.05) / (b + 0.05);
    return ratio < 4.5 ? [`${el.textContent ?? ''}: ${ratio.toFixed(2)}`] : [];
  });
  return {
    lowContrast,
    h1: document.querySelectorAll('h1').length,
    headingJumps: jumps,
    tablesWithoutCaption: tables.filter((t) => !t.caption || t.caption.textContent?.trim() === '')
      .length,
    tablesWithoutTh: tables.filter((t) => t.querySelectorAll('thead th').length === 0).length,
    thWithoutScope: document.querySelectorAll('th:not([scope])').length,
    unlabelledSvgs: [...document.querySelectorAll('svg')].filter(
      (s) =>
        !s.getAttribute('aria-label') ||
        !s.querySelector('title') ||
        s.getAttribute('role') !== 'img',
    ).length,
    emptyStatuses: [...document.querySelectorAll('.mdss-status, .mdss-cell')].filter(
      (s) => (s.textContent ?? '').replace(/[^A-Za-z]/g, '') === '',
    ).length,
    lang: document.documentElement.lang,
    title: document.title,
  };
}

describe.skipIf(!hasChromium)('HTML reports in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let styles: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-report-'));
    styles = await readNhsukCss();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    file: string,
    viewport: { width: number; height: number },
  ): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
        problems.push(`external request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  function writeScorecard(): string {
    const card = buildScorecard({
      partner: northvale,
      catalogue,
      current: northvaleMarch(),
      previous: northvaleFebruary(),
      waivers: [
        {
          id: 'w1',
          partnerId: northvale.id,
          requirementId: 'MDS-06',
          reason: 'Birth dates back-filled by June',
          until: '2026-06-30',
        },
        {
          id: 'w2',
          partnerId: northvale.id,
          code: 'postcode.invalid-format',
          reason: 'Supplier fix',
          until: '2026-01-31',
        },
      ],
      now,
    });
    const file = join(dir, 'scorecard.html');
    writeFileSync(file, renderScorecardHtml(card, { styles }));
    return file;
  }

  it('renders the scorecard without console errors, screenshots it and passes the accessibility checks', async () => {
    const { page, problems } = await open(writeScorecard(), { width: 1280, height: 900 });
    try {
      const shot = join(dir, 'scorecard.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = readFileSync(shot);
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

      expect(await page.locator('h1').textContent()).toContain('Northvale Council');
      expect(await page.locator('table').first().textContent()).toContain('MDS-01');
      expect(await page.locator('.mdss-status--waived').first().textContent()).toContain('Waived');
      const statusVisible = await page.locator('.mdss-status--waived').first().isVisible();
      expect(statusVisible).toBe(true);

      const audit = await page.evaluate(auditInPage);
      expect(audit).toEqual({
        lowContrast: [],
        h1: 1,
        headingJumps: [],
        tablesWithoutCaption: 0,
        tablesWithoutTh: 0,
        thWithoutScope: 0,
        unlabelledSvgs: 0,
        emptyStatuses: 0,
        lang: 'en-GB',
        title: 'Conformance scorecard: Northvale Council',
      });
      // The NHS.UK stylesheet is applied (its table styles set a bottom border on cells).
      const border = await page
        .locator('td.nhsuk-table__cell')
        .first()
        .evaluate((td) => getComputedStyle(td).borderBottomStyle);
      expect(border).toBe('solid');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fits a phone screen: wide tables scroll inside their region, not the page', async () => {
    const { page, problems } = await open(writeScorecard(), { width: 375, height: 812 });
    try {
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.doc).toBeLessThanOrEqual(widths.viewport);
      const captionEdges = await page.evaluate(() =>
        [...document.querySelectorAll('caption')].map((c) => c.getBoundingClientRect().right),
      );
      expect(captionEdges.length).toBeGreaterThan(0);
      for (const right of captionEdges) expect(right).toBeLessThanOrEqual(widths.viewport);
      const shot = join(dir, 'scorecard-phone.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(5_000);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('prints to a non-empty PDF with the print styles', async () => {
    const { page, problems } = await open(writeScorecard(), { width: 1280, height: 900 });
    try {
      await page.emulateMedia({ media: 'print' });
      const overflow = await page
        .locator('.mdss-table-scroll')
        .first()
        .evaluate((el) => getComputedStyle(el).overflowX);
      expect(overflow).toBe('visible');
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('renders the ICS matrix accessibly, partners in alphabetical order', async () => {
    const matrix = buildIcsMatrix({
      partners: [riverside, oakwood, northvale],
      catalogue,
      data: {
        [northvale.id]: northvaleMarch(),
        [riverside.id]: allMetMarch(riverside.id),
        [oakwood.id]: allMetMarch(oakwood.id),
      },
      now,
    });
    const file = join(dir, 'matrix.html');
    writeFileSync(
      file,
      renderMatrixHtml(matrix, { styles, kindFilter: { action: 'matrix.html' } }),
    );
    const { page, problems } = await open(file, { width: 1280, height: 900 });
    try {
      const audit = await page.evaluate(auditInPage);
      expect(audit).toMatchObject({
        lowContrast: [],
        h1: 1,
        headingJumps: [],
        tablesWithoutCaption: 0,
        tablesWithoutTh: 0,
        thWithoutScope: 0,
        emptyStatuses: 0,
      });
      const partners = await page
        .locator('table')
        .first()
        .locator('tbody th[scope="row"] .mdss-heat__name')
        .allTextContents();
      expect(partners).toEqual(['Northvale Council', 'Oakwood Care Home', 'Riverside Surgery']);
      expect(await page.getByLabel('Kind of partner').inputValue()).toBe('');
      const shot = join(dir, 'matrix.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
