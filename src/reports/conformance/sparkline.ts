/**
 * A small inline SVG sparkline of pass rates (0–1): a polyline with a dot on the latest value, a
 * `<title>` and an `aria-label` that read the values out, so it is never the only carrier of the
 * information.
 * @module
 */

import { formatPercent } from './report-format.js';
import { html, type SafeHtml } from './safe-html.js';

/** Most points drawn; older points are dropped (and the label says so). */
export const SPARKLINE_MAX_POINTS = 24;

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 3;

/**
 * Renders the sparkline for `series` (oldest first), labelled with `subject`.
 * @example renderSparkline([0.8, 0.9, 1], 'MDS-01 pass rate')
 */
export function renderSparkline(series: readonly number[], subject: string): SafeHtml {
  const points = series.slice(-SPARKLINE_MAX_POINTS);
  const values = points.map(formatPercent).join(', ');
  const label =
    points.length === 0
      ? `${subject}: no submissions checked in this period`
      : `${subject} by submission${series.length > points.length ? ` (last ${points.length} of ${series.length})` : ''}: ${values}`;
  const x = (i: number): number =>
    points.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  const y = (v: number): number => PAD + (1 - Math.max(0, Math.min(1, v))) * (HEIGHT - 2 * PAD);
  const coords = points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  return html`<svg class="mdss-sparkline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><title>${label}</title><line x1="${PAD}" y1="${PAD}" x2="${WIDTH - PAD}" y2="${PAD}" class="mdss-sparkline__target"/>${
    points.length > 1
      ? html`<polyline points="${coords}" fill="none" class="mdss-sparkline__line"/>`
      : null
  }${last !== undefined ? html`<circle cx="${x(points.length - 1).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2.5" class="mdss-sparkline__dot"/>` : null}</svg>`;
}
