/**
 * Inline SVG charts drawn on the server: horizontal bars and a small line chart over periods. No
 * script, no external resource; each chart is an image with an `aria-label` and `<title>` that read
 * every value out (the same figures are in a table nearby), prints in black, blue and grey, and
 * scales to its container (viewBox, `max-width: 100%`).
 * @module
 */

import { html, type SafeHtml } from './safe-html.js';

/** One bar: a name, a value from 0 to `max`, and the value as printed. */
export interface Bar {
  readonly name: string;
  readonly value: number | null;
  readonly text: string;
}

const FONT = 12;

/**
 * Horizontal bars, one per row, with the name on the left and the printed value on the right.
 * @example renderBarChart({ label: 'Partners per maturity level', max: 7, bars: [{ name: 'Level 1', value: 3, text: '3' }] })
 */
export function renderBarChart(chart: {
  readonly label: string;
  readonly max: number;
  readonly bars: readonly Bar[];
  readonly nameWidth?: number;
  readonly className?: string;
}): SafeHtml {
  const nameWidth = chart.nameWidth ?? 150;
  const barWidth = 360;
  const row = 22;
  const width = nameWidth + barWidth + 70;
  const height = chart.bars.length * row + 8;
  const label = `${chart.label}: ${chart.bars.map((b) => `${b.name} ${b.text}`).join('; ')}`;
  const scale = (v: number): number =>
    chart.max > 0 ? (Math.max(0, Math.min(chart.max, v)) / chart.max) * barWidth : 0;
  return html`<svg class="mdss-chart ${chart.className ?? ''}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${chart.bars.map(
    (b, i) => {
      const y = 4 + i * row;
      const w = b.value === null ? 0 : scale(b.value);
      return html`<text x="${nameWidth - 6}" y="${y + 15}" text-anchor="end" font-size="${FONT}" class="mdss-chart__name">${b.name}</text><rect x="${nameWidth}" y="${y + 3}" width="${barWidth}" height="${row - 8}" class="mdss-chart__track"/>${
        w > 0
          ? html`<rect x="${nameWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" class="mdss-chart__bar"/>`
          : null
      }<text x="${nameWidth + barWidth + 6}" y="${y + 15}" font-size="${FONT}" class="mdss-chart__value">${b.text}</text>`;
    },
  )}</svg>`;
}

/** One line of a {@link renderLineChart}: values per period (null: no data then), 0–1. */
export interface Line {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly texts: readonly string[];
}

/**
 * A line chart of rates (0–100 %) over periods: gridlines at 0, 50 and 100 %, a dot per value, a
 * legend below for more than one line (lines are also told apart by dash pattern, not colour alone).
 * @example renderLineChart({ label: 'Pass rate by month', periods: ['2026-01', '2026-02'], lines: [{ name: 'Pass rate', values: [0.8, 0.9], texts: ['80.0%', '90.0%'] }] })
 */
export function renderLineChart(chart: {
  readonly label: string;
  readonly periods: readonly string[];
  readonly lines: readonly Line[];
  readonly width?: number;
  readonly height?: number;
}): SafeHtml {
  const width = chart.width ?? 320;
  const plotTop = 8;
  const plotHeight = (chart.height ?? 120) - 8;
  const left = 40;
  const right = 24;
  const legend = chart.lines.length > 1 ? 18 : 0;
  const height = plotTop + plotHeight + 22 + legend;
  const n = chart.periods.length;
  const x = (i: number): number =>
    n <= 1 ? left + (width - left - right) / 2 : left + (i * (width - left - right)) / (n - 1);
  const y = (v: number): number => plotTop + (1 - Math.max(0, Math.min(1, v))) * plotHeight;
  const label = `${chart.label}: ${chart.lines.map((l) => `${l.name}: ${chart.periods.map((p, i) => `${p} ${l.texts[i] ?? '–'}`).join(', ')}`).join('; ')}`;
  const grid = [0, 0.5, 1].map(
    (v) =>
      html`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="mdss-chart__grid"/><text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="10" class="mdss-chart__name">${v * 100}%</text>`,
  );
  const ticks = chart.periods.map(
    (p, i) =>
      html`<text x="${x(i).toFixed(1)}" y="${plotTop + plotHeight + 14}" text-anchor="middle" font-size="10" class="mdss-chart__name">${p}</text>`,
  );
  const lines = chart.lines.map((l, li) => {
    const points = l.values.map((v, i) =>
      v === null ? null : { x: x(i).toFixed(1), y: y(v).toFixed(1) },
    );
    const segments: string[][] = [[]];
    for (const p of points) {
      if (p === null) segments.push([]);
      else segments[segments.length - 1]?.push(`${p.x},${p.y}`);
    }
    return html`${segments.filter((s) => s.length > 1).map((s) => html`<polyline points="${s.join(' ')}" fill="none" class="mdss-chart__line mdss-chart__line--${li}"/>`)}${points.map(
      (p) =>
        p === null
          ? null
          : html`<circle cx="${p.x}" cy="${p.y}" r="2.5" class="mdss-chart__dot mdss-chart__dot--${li}"/>`,
    )}`;
  });
  const key =
    legend === 0
      ? null
      : chart.lines.map(
          (l, li) =>
            html`<line x1="${left + li * 150}" x2="${left + li * 150 + 20}" y1="${height - 6}" y2="${height - 6}" class="mdss-chart__line mdss-chart__line--${li}"/><text x="${left + li * 150 + 24}" y="${height - 2}" font-size="10" class="mdss-chart__name">${l.name}</text>`,
        );
  return html`<svg class="mdss-chart mdss-chart--line" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${grid}${ticks}${lines}${key}</svg>`;
}

/** A period's start as `YYYY-MM` (chart axis labels). */
export function monthLabel(from: string): string {
  return from.slice(0, 7);
}
