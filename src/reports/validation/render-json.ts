/**
 * The machine-readable validation report: a stable JSON document for scripts and the HTTP service.
 * Per file: feed, validity, truncation, counts and issues (code, severity, message, locations,
 * params, requirement ids, rule, waiver). Registry data (FHIR issue type, default severity, spec
 * link) is not repeated per issue: it appears once per code present, under `codes`.
 * Keys are written in a fixed order, files sorted by path, issues in result order, codes sorted.
 * @module
 */
import type { DataQualityView } from '../../validation-result.js';
import { issueCodes } from '../../issues/codes/index.js';
import type { Issue, IssueParams, IssueRule, Position, Severity } from '../../issues/issue.js';
import type { BaselineComparison, BaselineEntry } from './baseline.js';
import { baselineStates, type BaselineState } from './baseline-states.js';
import type { FileResult, RunInfo } from './file-result.js';
import {
  compareCodeUnits,
  countIssues,
  sortFiles,
  summariseFiles,
  type IssueCounts,
  type RunTotals,
} from './summarise-files.js';

/** One issue in the JSON report. */
export interface JsonIssue {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly expression: string;
  readonly pointer: string;
  readonly position?: Position;
  readonly params: IssueParams;
  readonly requirements?: readonly string[];
  readonly rule?: IssueRule;
  readonly waived?: { readonly reason: string; readonly until?: string };
  /** Present when the report compares with a baseline (waived issues have none). */
  readonly baseline?: BaselineState;
}

/** One file in the JSON report. */
export interface JsonFile {
  readonly file: string;
  readonly feed: string;
  readonly valid: boolean;
  readonly truncated: boolean;
  readonly recordCount: number;
  readonly profiles: readonly string[];
  readonly counts: IssueCounts;
  readonly issues: readonly JsonIssue[];
  /** Social-care returns: the national data-quality outcome per field (counts). */
  readonly dataQuality?: DataQualityView;
}

/** Registry data of one code present in the report. */
export interface JsonCode {
  readonly defaultSeverity: Severity;
  readonly fhirIssueType: string;
  readonly spec?: string;
}

/** The whole JSON report (`format: 'mdss-validation'`, `formatVersion: 1`). */
export interface JsonReport {
  readonly format: 'mdss-validation';
  readonly formatVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly frameworkVersion: string;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly valid: boolean;
  readonly totals: RunTotals;
  readonly files: readonly JsonFile[];
  readonly codes: Readonly<Record<string, JsonCode>>;
  /** Present when the report compares with a baseline. */
  readonly baseline?: {
    readonly new: number;
    readonly known: number;
    readonly fixed: readonly BaselineEntry[];
    readonly unchecked: readonly BaselineEntry[];
  };
}

/** Options of {@link renderJson}. */
export interface JsonOptions {
  /** A comparison with a baseline: per-issue `baseline` state and a top-level `baseline` section. */
  readonly baseline?: BaselineComparison;
}

/** Builds the JSON report as a value (the service can embed it; {@link renderJson} prints it). */
export function toJsonReport(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: JsonOptions = {},
): JsonReport {
  const sorted = sortFiles(files);
  const states = options.baseline ? baselineStates(options.baseline) : undefined;
  const codes = new Set<string>();
  const jsonFiles = sorted.map(({ file, feed, result }): JsonFile => {
    for (const issue of result.issues) codes.add(issue.code);
    return {
      file,
      feed,
      valid: result.valid,
      truncated: result.truncated,
      recordCount: result.recordCount,
      profiles: [...result.profiles],
      counts: countIssues(result.issues),
      issues: result.issues.map((issue) => toJsonIssue(issue, states?.get(issue))),
      ...(result.dataQuality ? { dataQuality: result.dataQuality } : {}),
    };
  });
  const codeTable: Record<string, JsonCode> = {};
  for (const code of [...codes].sort(compareCodeUnits)) {
    const def = issueCodes[code];
    if (!def) continue; // not in the registry: the issue itself still carries everything it has
    codeTable[code] = {
      defaultSeverity: def.severity,
      fhirIssueType: def.fhirIssueType,
      ...(def.spec ? { spec: def.spec } : {}),
    };
  }
  return {
    format: 'mdss-validation',
    formatVersion: 1,
    tool: { name: runInfo.toolName, version: runInfo.toolVersion },
    frameworkVersion: runInfo.frameworkVersion,
    ...(runInfo.startedAt === undefined ? {} : { startedAt: runInfo.startedAt }),
    ...(runInfo.durationMs === undefined ? {} : { durationMs: runInfo.durationMs }),
    valid: sorted.every((f) => f.result.valid),
    totals: summariseFiles(sorted),
    files: jsonFiles,
    codes: codeTable,
    ...(options.baseline
      ? {
          baseline: {
            new: options.baseline.newIssues.length,
            known: options.baseline.known.length,
            fixed: options.baseline.fixed,
            unchecked: options.baseline.unchecked,
          },
        }
      : {}),
  };
}

/**
 * Renders the JSON report, two-space indented, ending with a newline.
 * @example JSON.parse(renderJson(files, runInfo)).totals.error
 */
export function renderJson(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: JsonOptions = {},
): string {
  return `${JSON.stringify(toJsonReport(files, runInfo, options), null, 2)}\n`;
}

function toJsonIssue(issue: Issue, state: BaselineState | undefined): JsonIssue {
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    expression: issue.expression,
    pointer: issue.pointer,
    ...(issue.position
      ? { position: { line: issue.position.line, column: issue.position.column } }
      : {}),
    params: issue.params,
    ...(issue.requirements?.length ? { requirements: [...issue.requirements] } : {}),
    ...(issue.rule ? { rule: issue.rule } : {}),
    ...(issue.waived ? { waived: issue.waived } : {}),
    ...(state ? { baseline: state } : {}),
  };
}
