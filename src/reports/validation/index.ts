/**
 * Validation output for the CLI and the service: one entry point over the renderers, plus the
 * baseline (ratchet) used by `mdss validate --baseline`. Every renderer is pure and deterministic:
 * files sorted by path, issues in result order, no clock or environment read.
 * @module
 */
import type { FileResult, RunInfo } from './file-result.js';
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

/** The output formats of `mdss validate --format` and of the service's validation responses. */
export const validationFormats = [
  'text',
  'json',
  'operationoutcome',
  'operationoutcome-xml',
  'junit',
  'sarif',
  'github',
  'markdown',
] as const;

/** One output format. */
export type ValidationFormat = (typeof validationFormats)[number];

/** Options of every renderer together; each renderer reads only its own. */
export interface RenderValidationOptions
  extends TextOptions, JsonOptions, SarifOptions, MarkdownOptions, OperationOutcomeOptions {}

/** The media type to serve each format with. */
export const validationFormatMediaTypes: Readonly<Record<ValidationFormat, string>> = {
  text: 'text/plain; charset=utf-8',
  json: 'application/json',
  operationoutcome: 'application/fhir+json',
  'operationoutcome-xml': 'application/fhir+xml',
  junit: 'application/xml',
  sarif: 'application/sarif+json',
  github: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

/** True when `value` names a validation output format (for parsing `--format` and `?format=`). */
export function isValidationFormat(value: string): value is ValidationFormat {
  return (validationFormats as readonly string[]).includes(value);
}

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
