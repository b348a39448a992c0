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
.mdss-table-scroll{position:relative;overflow-x:auto;-webkit-overflow-scrolling:touch;margin-bottom:24px}
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
.mdss-width--wide{max-width:1600px}
.mdss-report .mdss-title{margin-bottom:8px}
.mdss-facts-line{margin-bottom:12px}
.mdss-report .mdss-tight{margin-bottom:8px}
.mdss-report .mdss-headline li{margin-bottom:4px}
.mdss-headline{border-left:8px solid #005eb8;padding:8px 16px;margin-bottom:16px}
.mdss-headline ul{margin:0}
.mdss-report .mdss-heat__table{width:auto;font-size:.8rem;margin:0}
.mdss-report .mdss-heat th,.mdss-report .mdss-heat td{padding:2px;vertical-align:middle}
.mdss-report .mdss-heat caption{font-size:1rem}
.mdss-heat__partner{position:sticky;left:0;z-index:1;background:#fff;min-width:10rem;max-width:13rem;text-align:left}
.mdss-heat__name{display:-webkit-box;-webkit-line-clamp:2;line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;font-weight:600}
.mdss-heat__id{display:block;font-size:.75rem;font-weight:400}
.mdss-heat__num{min-width:4.5rem;font-size:.8rem}
.mdss-report .mdss-heat__req{text-align:center;line-height:1.1;font-size:.75rem;position:relative;min-width:2.5rem}
.mdss-heat__level{display:block;font-weight:400;color:#4c6272}
.mdss-colhead{display:inline-block}
.mdss-colhead:hover::after,.mdss-colhead:focus::after{content:attr(data-title);position:absolute;top:100%;right:0;z-index:3;background:#212b32;color:#fff;padding:4px 8px;width:16rem;font-weight:400;white-space:normal;text-align:left;font-size:.85rem}
.mdss-heat__cell{padding:1px!important}
.mdss-heat__link{display:block;text-decoration:none}
.mdss-heat__link:focus .mdss-cell,.mdss-heat__link:hover .mdss-cell{outline:3px solid #212b32;outline-offset:-3px}
.mdss-cell--compact{text-align:center;padding:2px 1px;font-size:.75rem;line-height:1.25;min-width:2.4rem}
.mdss-cell__symbol,.mdss-cell__rate{display:block}
.mdss-cell--key{display:inline-block;padding:2px 8px;margin:2px 0;font-size:.85rem}
.mdss-level{font-weight:700}
.mdss-charts{display:flex;flex-wrap:wrap;gap:8px 32px}
.mdss-figure{margin:0 0 16px}
.mdss-figure figcaption{margin-bottom:4px}
.mdss-chart{max-width:100%;height:auto;display:block}
.mdss-chart__track{fill:#eef0f1}
.mdss-chart__bar{fill:#005eb8}
.mdss-chart__name,.mdss-chart__value{fill:#212b32}
.mdss-chart__grid{stroke:#d8dde0;stroke-width:1}
.mdss-chart__line{fill:none;stroke:#005eb8;stroke-width:2}
.mdss-chart__line--1{stroke:#330072;stroke-dasharray:5 3}
.mdss-chart__dot--0{fill:#005eb8}
.mdss-chart__dot--1{fill:#330072}
.mdss-small-multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 24px}
.mdss-figure--small figcaption{font-weight:600;font-size:.9rem}
.mdss-key-list dt{font-weight:600;margin-top:12px}
.mdss-key-list dd{margin:0}
.mdss-example code{overflow-wrap:anywhere}
.mdss-fix{margin:4px 0 0;font-size:.9rem}
.mdss-glance{border-left:8px solid #005eb8;padding:8px 16px;margin-bottom:24px;display:flex;flex-wrap:wrap;gap:8px 32px;align-items:flex-start}
.mdss-glance__figures{display:grid;grid-template-columns:repeat(2,minmax(12rem,1fr));gap:8px 24px;margin:0;flex:1 1 24rem}
.mdss-glance__figures dt{font-weight:600;font-size:.9rem}
.mdss-glance__figures dd{margin:0}
.mdss-facts--2col{grid-template-columns:max-content 1fr max-content 1fr}
.mdss-big{font-size:1.6rem;font-weight:700}
@media (max-width:640px){.mdss-table-scroll caption{max-width:calc(100vw - 32px);position:sticky;left:0}.mdss-facts,.mdss-glance__figures{grid-template-columns:1fr}.mdss-glance{padding:8px}.mdss-facts dd{margin-bottom:8px}.mdss-report th,.mdss-report td{padding:6px 4px}}
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
  .mdss-colhead::after{display:none!important}
  .mdss-heat__partner{position:static}
  .mdss-chart__bar,.mdss-chart__track{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .mdss-figure,.mdss-key-list dd{break-inside:avoid}
}
`;
