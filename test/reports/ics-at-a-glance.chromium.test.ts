/**
 * Issue 17's "done when", in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core),
 * offline (every request that is not a local file, or not the service's own origin, is aborted and
 * counted): after `mdss demo` in an empty folder, every requirement column of the ICS matrix is on a
 * 1280×900 screen without horizontal scrolling, each partner row links to its scorecard, the page
 * has charts, axe-core finds no violation (charts included) on the matrix and a scorecard, and the
 * scorecards' JSON has a previous-period figure and a series of at least 3 points; `/docs` of a
 * running service draws its operations with no request leaving the origin.
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { run as demo } from '../../src/cli/demo-command.js';
import type { Scorecard } from '../../src/reports/conformance/scorecard.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { baseValidator } from '../server/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `${CHROMIUM} not found: Chromium report tests skipped (apt-get install -y chromium)`,
  );
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe.skipIf(!hasChromium)(
  'reports an ICS digital lead reads at a glance (headless Chromium, offline)',
  () => {
    let browser: Browser;
    let dir: string;
    let reports: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mdss-glance-'));
      const io: CliIo = {
        cwd: dir,
        env: {},
        stdoutIsTTY: false,
        stderrIsTTY: false,
        stdout: () => undefined,
        stderr: () => undefined,
        now: () => new Date('2026-12-06T10:00:00Z'),
      };
      expect(await demo(['--db', join('data', 'mdss.sqlite')], io)).toBe(0);
      reports = join(dir, 'data', 'reports');
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
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Opens a page that may only reach `allowed` URLs; everything else is aborted and listed. */
    async function open(
      url: string,
      allowed: (u: string) => boolean,
      viewport = { width: 1280, height: 900 },
    ): Promise<{ page: Page; outside: string[]; problems: string[] }> {
      const page = await browser.newPage({ viewport });
      const outside: string[] = [];
      const problems: string[] = [];
      await page.route('**/*', (route) => {
        const u = route.request().url();
        if (allowed(u)) return route.continue();
        outside.push(u);
        return route.abort('internetdisconnected');
      });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(url, { waitUntil: 'load' });
      return { page, outside, problems };
    }

    const local = (u: string): boolean => u.startsWith('file:') || u.startsWith('data:');

    async function axe(page: Page): Promise<AxeResult['violations']> {
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<AxeResult> } }).axe.run(
          document,
        ),
      );
      return result.violations;
    }

    it('shows every requirement column of the ICS matrix at 1280×900 without horizontal scrolling, rows linking to scorecards, with charts and no axe violation', async () => {
      const { page, outside, problems } = await open(
        pathToFileURL(join(reports, 'ics-report.html')).href,
        local,
      );
      try {
        const layout = await page.evaluate(() => {
          const heads = [...document.querySelectorAll('.mdss-heat__req')].map((th) =>
            th.getBoundingClientRect(),
          );
          const region = document.querySelector('.mdss-heat') as HTMLElement;
          return {
            columns: heads.length,
            rightmost: Math.max(...heads.map((r) => r.right)),
            leftmost: Math.min(...heads.map((r) => r.left)),
            viewport: window.innerWidth,
            pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
            regionScrolls: region.scrollWidth > region.clientWidth,
          };
        });
        expect(layout.columns).toBe(20);
        expect(layout.leftmost).toBeGreaterThanOrEqual(0);
        expect(layout.rightmost).toBeLessThanOrEqual(layout.viewport);
        expect(layout.pageScrolls).toBe(false);
        expect(layout.regionScrolls).toBe(false);

        const rows = await page.locator('.mdss-heat tbody tr').count();
        expect(rows).toBe(7);
        const links = await page
          .locator('.mdss-heat tbody th[scope="row"] a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(links).toHaveLength(7);
        for (const href of links) expect(existsSync(join(reports, href)), href).toBe(true);
        const cellLinks = await page
          .locator('.mdss-heat tbody td a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(cellLinks.length).toBeGreaterThan(50);
        for (const href of cellLinks) expect(href).toMatch(/^[a-z0-9-]+\.html#gaps-mds-\d\d$/);

        expect(await page.locator('svg.mdss-chart[role="img"]').count()).toBeGreaterThanOrEqual(3);
        expect(await axe(page)).toEqual([]);
        expect(outside).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('keeps the page from scrolling sideways on a phone (the heat map scrolls in its region, the partner column stays)', async () => {
      const { page, outside } = await open(
        pathToFileURL(join(reports, 'ics-report.html')).href,
        local,
        { width: 375, height: 812 },
      );
      try {
        const widths = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          sticky: getComputedStyle(document.querySelector('.mdss-heat tbody th') as Element)
            .position,
        }));
        expect(widths.doc).toBeLessThanOrEqual(widths.viewport);
        expect(widths.sticky).toBe('sticky');
        expect(outside).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it("links each cell to that partner's gaps for the requirement, and the scorecard has no axe violation", async () => {
      const { page, outside, problems } = await open(
        pathToFileURL(join(reports, 'riverside-gp-practice.html')).href,
        local,
      );
      try {
        expect(await page.locator('#gaps-mds-01').count()).toBe(1);
        expect(await page.locator('#req-mds-01').count()).toBe(1);
        expect(await page.locator('svg.mdss-chart').count()).toBeGreaterThanOrEqual(1);
        expect(await axe(page)).toEqual([]);
        expect(outside).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it("gives each scorecard's JSON a previous-period figure and a series of at least 3 points", () => {
      const cards = readdirSync(reports)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(reports, f), 'utf8')) as Scorecard);
      expect(cards).toHaveLength(7);
      for (const card of cards) {
        expect(card.overview.previous?.passRate).toEqual(expect.any(Number));
        expect(card.history.filter((p) => p.passRate !== null).length).toBeGreaterThanOrEqual(3);
        expect(card.requirements.some((r) => r.previousPassRate !== null)).toBe(true);
      }
    });

    describe('/docs of a running service', () => {
      let running: RunningServer;
      beforeAll(async () => {
        running = await startServer({
          port: 0,
          host: '127.0.0.1',
          validator: baseValidator(),
          store: false,
          log: () => undefined,
        });
      });
      afterAll(async () => {
        await running?.close();
      });

      it('draws its operations with no request leaving the origin', async () => {
        const origin = new URL(running.url).origin;
        const { page, outside, problems } = await open(
          `${running.url}/docs`,
          (u) => new URL(u).origin === origin || u.startsWith('data:'),
        );
        try {
          await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
          expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
          expect(await page.locator('.opblock-summary-path').allTextContents()).toContain(
            '/openapi.json',
          );
          expect(outside).toEqual([]);
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      });
    });
  },
);
