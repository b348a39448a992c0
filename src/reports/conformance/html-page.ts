/**
 * The HTML document around a report body. Styles are passed in: the Node layer reads the NHS.UK
 * design system CSS (`nhsuk-frontend`) from node_modules (see `src/store/read-nhsuk-css.ts`) and
 * hands it over; the edge build passes a string bundled at build time, or nothing (the report's own
 * CSS still gives a readable, printable page). No script, no external request.
 * @module
 */

import { REPORT_CSS } from './report-styles.js';
import { html, trustedHtml, type SafeHtml } from './safe-html.js';

/** Options common to the HTML renderers. */
export interface HtmlRenderOptions {
  /** The NHS.UK frontend CSS to inline (recommended). */
  readonly styles?: string;
}

/** Makes CSS text safe inside `<style>`: no sequence can close the element early. */
export function toStyleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * A complete, self-contained HTML document.
 * @example renderHtmlPage({ title: 'Scorecard', body: html`<h1>Scorecard</h1>` })
 */
export function renderHtmlPage(page: {
  readonly title: string;
  readonly body: SafeHtml;
  readonly styles?: string;
  readonly wide?: boolean;
}): string {
  const styles = trustedHtml(toStyleText(`${page.styles ?? ''}\n${REPORT_CSS}`));
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${page.title}</title>
<style>${styles}</style>
</head>
<body class="mdss-report">
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="mdss-header"><div class="mdss-width"><p>MDSS: minimum data-sharing standards</p></div></header>
<main class="nhsuk-main-wrapper" id="maincontent">
<div class="mdss-width${page.wide === true ? ' mdss-width--wide' : ''}">
${page.body}
</div>
</main>
<footer class="mdss-footer"><div class="mdss-width"><p>No patient data: this report holds counts, issue codes and element paths only.</p></div></footer>
</body>
</html>
`.value;
}
