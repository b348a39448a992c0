/**
 * Conformance reports: pure builders (scorecard, ICS matrix, evidence pack) over period aggregates,
 * and renderers (JSON, CSV, Markdown, HTML). Edge-safe: no Node built-ins, clock passed in.
 * @module
 */

export { aggregatePeriod } from './aggregate-period.js';
export {
  buildEvidencePack,
  renderEvidencePackJson,
  EVIDENCE_PACK_FORMAT,
} from './build-evidence-pack.js';
export type { EvidencePack, BuildEvidencePackInput } from './build-evidence-pack.js';
export { buildIcsMatrix, median } from './build-ics-matrix.js';
export type {
  IcsMatrix,
  MatrixRow,
  MatrixCell,
  PeerComparison,
  BuildIcsMatrixInput,
} from './build-ics-matrix.js';
export { buildScorecard } from './build-scorecard.js';
export type { BuildScorecardInput } from './build-scorecard.js';
export { toCanonicalJson } from './canonical-json.js';
export type {
  ConformanceCatalogue,
  CatalogueRequirement,
  CatalogueFramework,
} from './catalogue.js';
export { csvField, toCsv } from './csv.js';
export type { HtmlRenderOptions } from './html-page.js';
export { assessMaturity, MATURITY_LEVELS } from './maturity.js';
export type { Maturity, MaturityLevel } from './maturity.js';
export { PARTNER_KINDS, isPartnerKind } from './partner.js';
export type { Partner, PartnerKind, FhirEndpoint } from './partner.js';
export type {
  PeriodData,
  SubmissionEvidence,
  RequirementTotals,
  IssueTotals,
  MustSupportTotals,
} from './period-data.js';
export { renderMatrixCsv, renderScorecardCsv } from './render-csv.js';
export { renderMatrixJson, renderScorecardJson } from './render-json.js';
export { renderMatrixHtml } from './render-matrix-html.js';
export type { MatrixHtmlOptions } from './render-matrix-html.js';
export { renderMatrixMarkdown, renderScorecardMarkdown } from './render-markdown.js';
export { renderScorecardHtml } from './render-scorecard-html.js';
export { calendarMonth, previousPeriod } from './report-period.js';
export type { ReportPeriod } from './report-period.js';
export { DEFAULT_THRESHOLDS, passRate, statusForRate, trendFor } from './requirement-status.js';
export type { RequirementStatus, StatusThresholds, Trend } from './requirement-status.js';
export type { Scorecard, ScorecardRequirement, Gap, WaiverNote } from './scorecard.js';
export { isWaiverActive } from './waiver.js';
export type { Waiver } from './waiver.js';
