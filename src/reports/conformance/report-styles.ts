/**
 * The report's own CSS, always inlined after the NHS.UK design system styles (which the caller
 * passes in, see `renderHtmlPage`). It adds what nhsuk-frontend has no component for: status
 * colours that pair with text, the heat-map cells, the sparkline, horizontal scrolling of wide
 * tables on a phone, and print rules. It also gives a readable page when the NHS.UK CSS is absent.
 * @module
 */

/** Report CSS (constant; no user data). */
export const REPORT_CSS = `
.mdss-report td code { overflow-wrap: anywhere; word-break: break-word; }
.mdss-report{font-family:"Frutiger W01",Arial,sans-serif;color:#212b32;line-height:1.5}
.mdss-report h1,.mdss-report h2{line-height:1.25}
.mdss-header{background:#005eb8;color:#fff;padding:12px 0}
.mdss-header p{margin:0;font-weight:600;font-size:1.1rem}
.mdss-width{max-width:1100px;margin:0 auto;padding:0 16px}
.mdss-table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin-bottom:24px}
.mdss-table-scroll:focus{outline:3px solid #ffeb3b}
.mdss-report table{border-collapse:collapse;width:100%}
.mdss-report th,.mdss-report td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid #d8dde0}
.mdss-report caption{text-align:left;font-weight:600;padding-bottom:8px}
.mdss-status{display:inline-block;padding:2px 8px;border:1px solid currentColor;border-radius:0;font-weight:600;white-space:nowrap}
.mdss-status--met{background:#cce2d8;color:#005a30}
.mdss-status--partly{background:#fff7bf;color:#594d00}
.mdss-status--not-met{background:#f6d7d2;color:#942514}
.mdss-status--not-checked{background:#eef0f1;color:#3d4951}
.mdss-status--waived{background:#dbd5e9;color:#3d2375}
.mdss-cell{display:block;padding:4px 6px;font-size:.9rem;white-space:nowrap}
.mdss-muted{color:#4c6272}
.mdss-sparkline{vertical-align:middle;margin-right:6px}
.mdss-sparkline__line{stroke:#005eb8;stroke-width:1.5}
.mdss-sparkline__dot{fill:#005eb8}
.mdss-sparkline__target{stroke:#d8dde0;stroke-width:1;stroke-dasharray:2 2}
.mdss-maturity{border-left:8px solid #005eb8;padding:8px 16px;background:#fff;margin-bottom:24px}
.mdss-maturity p{margin:4px 0}
.mdss-facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 24px}
.mdss-facts dt{font-weight:600}
.mdss-facts dd{margin:0}
.mdss-filter select{margin-right:8px}
.mdss-footer{border-top:4px solid #005eb8;padding:16px 0;margin-top:32px;font-size:.9rem}
@media (max-width:640px){.mdss-table-scroll caption{max-width:calc(100vw - 32px);position:sticky;left:0}.mdss-facts{grid-template-columns:1fr}.mdss-facts dd{margin-bottom:8px}.mdss-report th,.mdss-report td{padding:6px 4px}}
@media print{
  @page{margin:12mm}
  .mdss-filter{display:none}
  .mdss-header{background:none;color:#000;border-bottom:2px solid #000}
  .mdss-table-scroll{overflow:visible}
  .mdss-report{font-size:10pt}
  .mdss-report tr,.mdss-maturity{break-inside:avoid}
  .mdss-report h2{break-after:avoid}
  .mdss-status,.mdss-cell{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .mdss-width{max-width:none;padding:0}
}
`;
