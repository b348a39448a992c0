/**
 * Validation output for the CLI and the service: one entry point over the renderers, plus the
 * baseline (ratchet) used by `mdss validate --baseline`. Every renderer is pure and deterministic:
 * files sorted by path, issues in result order, no clock or environment read.
 * @module
 */
import type { FileResult, RunInfo } from './file-result.js';
import type { ValidationFormat } from './formats.js';
import { renderGithub } from './render-github.js';
import { renderJson, type JsonOptions } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown, type MarkdownOptions } from './render-markdown.js';
import {
  renderOperationOutcome,
  renderOperationOutcomeXml,
  type OperationOutcomeOptions,
} from './render-operation-outcome.js';
import { renderSarif, type SarifOptions } from './render-sarif.js';
import { renderText, type TextOptions } from './render-text.js';

export type { FileResult, RunInfo } from './file-result.js';
export { compareToBaseline, createBaseline, failOn, fingerprintIssue } from './baseline.js';
export type {
  Baseline,
  BaselineComparison,
  BaselineEntry,
  BaselineIssue,
  FileIssue,
} from './baseline.js';
export { parseBaseline } from './parse-baseline.js';
export { baselineStates } from './baseline-states.js';
export type { BaselineState } from './baseline-states.js';
export { countIssues, summariseFiles, sortFiles } from './summarise-files.js';
export type { IssueCounts, RunTotals } from './summarise-files.js';
export { renderGithub } from './render-github.js';
export { renderJson, toJsonReport } from './render-json.js';
export type { JsonOptions, JsonReport } from './render-json.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown } from './render-markdown.js';
export { toFhirXml } from './operation-outcome-xml.js';
export {
  renderOperationOutcome,
  renderOperationOutcomeXml,
  toFileOperationOutcome,
  toOperationOutcomeBundle,
  validatedFeedExtension,
  validatedFileExtension,
  waivedExtension,
} from './render-operation-outcome.js';
export { renderSarif, toSarif } from './render-sarif.js';
export { renderText } from './render-text.js';

/** Options of every renderer together; each renderer reads only its own. */
export interface RenderValidationOptions
  extends TextOptions, JsonOptions, SarifOptions, MarkdownOptions, OperationOutcomeOptions {}

export {
  isValidationFormat,
  validationFormatMediaTypes,
  validationFormats,
  type ValidationFormat,
} from './formats.js';

/**
 * Renders validation results in one format.
 * @example
 * const out = renderValidation('sarif', files, { toolName: 'mdss', toolVersion: '0.1.0', frameworkVersion: '1.0.0' });
 */
export function renderValidation(
  format: ValidationFormat,
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: RenderValidationOptions = {},
): string {
  switch (format) {
    case 'text':
      return renderText(files, runInfo, options);
    case 'json':
      return renderJson(files, runInfo, options);
    case 'operationoutcome':
      return renderOperationOutcome(files, runInfo, options);
    case 'operationoutcome-xml':
      return renderOperationOutcomeXml(files, runInfo, options);
    case 'junit':
      return renderJunit(files, runInfo);
    case 'sarif':
      return renderSarif(files, runInfo, options);
    case 'github':
      return renderGithub(files);
    case 'markdown':
      return renderMarkdown(files, runInfo, options);
  }
}
