/**
 * What is kept of a submission: counts per requirement, issue code and element path. Never values
 * from the payload (no names, NHS numbers, dates of birth, free text). The store persists exactly this.
 * @module
 */
import { isBlocking } from '../issues/validity.js';
import type { FieldQuality, RecordRef, ValidationResult } from '../validation-result.js';
import { aggregateIssues } from './aggregate-issues.js';
import type { RequirementCatalogue } from './catalogue.js';
import { createRecordIndex } from './record-index.js';
import { countRequirementOutcomes } from './requirement-outcomes.js';
import { locateIssues } from './locate-issues.js';
import { createRequirementTracer } from './requirement-tracer.js';

/** Outcome of one requirement over the records of one submission. */
export interface RequirementOutcome {
  readonly requirementId: string;
  /** Records the requirement applied to. */
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  /** Records whose only failures for this requirement were waived by policy. */
  readonly waived: number;
}

/** Issues aggregated by code and element path (the FHIRPath expression with indexes removed). */
export interface IssueAggregate {
  readonly code: string;
  /** `Patient.identifier.value`, `Row.NHS_Number`: no indexes, no values. */
  readonly path: string;
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  /**
   * The constraint key (`pat-1`, `nhs-number-1`) for `invariant.*` issues: a key from the FHIR model
   * or the framework's profiles (`Issue.rule.constraintKey`), never payload text.
   */
  readonly rule?: string;
  readonly count: number;
  readonly requirements: readonly string[];
  readonly waived: number;
}

/** Everything a report needs from one submission. */
export interface SubmissionSummary {
  readonly partnerId: string;
  /** `fhir`, `cld`, `cin`, `pull`, … */
  readonly feed: string;
  /** `upload` (POST or CLI) or `pull` (federated check). */
  readonly kind: 'upload' | 'pull';
  readonly frameworkVersion: string;
  readonly validatorVersion: string;
  /** FHIR packages applied, `name#version`. */
  readonly packages: readonly string[];
  /** SHA-256 of the payload bytes, hex. */
  readonly payloadHash: string;
  readonly payloadSize: number;
  readonly recordCount: number;
  /** Record counts by type (`Patient`: 12, `cld-event`: 4000). */
  readonly recordTypes: Readonly<Record<string, number>>;
  /** ISO instant the submission was received. */
  readonly receivedAt: string;
  readonly durationMs: number;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly requirements: readonly RequirementOutcome[];
  readonly issues: readonly IssueAggregate[];
  /** Must-support coverage: element path → records where populated / records of that type. */
  readonly mustSupport?: readonly {
    readonly path: string;
    readonly populated: number;
    readonly total: number;
  }[];
  /**
   * Social-care returns: the national data-quality outcome counts per module × field, in the
   * dataset's field order (DHSC's for CLD). Counts only.
   */
  readonly fieldQuality?: readonly FieldQuality[];
}

/** What `summarizeSubmission` needs besides the result: who sent it, versions, and payload facts. */
export interface SubmissionContext {
  readonly partnerId: string;
  readonly feed: string;
  readonly kind: 'upload' | 'pull';
  readonly catalogue: RequirementCatalogue;
  readonly validatorVersion: string;
  readonly packages: readonly string[];
  readonly payloadHash: string;
  readonly payloadSize: number;
  /** ISO instant. */
  readonly receivedAt: string;
  readonly durationMs: number;
  /**
   * Requirement ids waived by the partner's policy when the submission was received (see
   * `activeWaivers` in src/policy): failures of these requirements count as waived, even on issues
   * that also bear on other requirements.
   */
  readonly waivedRequirements?: readonly string[];
  /** Type of the single record of a result without `records` (default by feed: `cld-event`, `cin-child`). */
  readonly recordType?: string;
}

const defaultRecordType: Readonly<Record<string, string>> = { cld: 'cld-event', cin: 'cin-child' };

/**
 * Summarises a validation result for storage and reports: record counts by type, per-requirement
 * outcomes (see requirement-outcomes.ts) and issue aggregates by code and element path. Issues are
 * traced against the catalogue here too, so a result that was never traced still gets its ids.
 * Pure: the same inputs always give the same summary.
 */
export function summarizeSubmission(
  result: ValidationResult,
  ctx: SubmissionContext,
): SubmissionSummary {
  const records: readonly RecordRef[] = result.records?.length
    ? result.records
    : [{ pointer: '', type: ctx.recordType ?? defaultRecordType[ctx.feed] ?? 'unknown' }];
  const located = locateIssues(
    result.issues,
    createRecordIndex(records),
    createRequirementTracer(ctx.catalogue),
    ctx.feed,
  );
  const recordTypes = new Map<string, number>();
  for (const r of records) recordTypes.set(r.type, (recordTypes.get(r.type) ?? 0) + 1);
  const live = result.issues.filter((i) => !i.waived);
  return {
    partnerId: ctx.partnerId,
    feed: ctx.feed,
    kind: ctx.kind,
    frameworkVersion: ctx.catalogue.framework.version,
    validatorVersion: ctx.validatorVersion,
    packages: [...ctx.packages].sort(),
    payloadHash: ctx.payloadHash,
    payloadSize: ctx.payloadSize,
    recordCount: records.length,
    recordTypes: Object.fromEntries(
      [...recordTypes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    receivedAt: ctx.receivedAt,
    durationMs: ctx.durationMs,
    valid: result.valid,
    errorCount: live.filter(isBlocking).length,
    warningCount: live.filter((i) => i.severity === 'warning').length,
    requirements: countRequirementOutcomes({
      catalogue: ctx.catalogue,
      feed: ctx.feed,
      kind: ctx.kind,
      records,
      issues: located,
      ...(ctx.waivedRequirements ? { waivedRequirements: ctx.waivedRequirements } : {}),
    }),
    issues: aggregateIssues(located),
    ...(result.dataQuality
      ? { fieldQuality: result.dataQuality.fields.map((f) => ({ ...f })) }
      : {}),
  };
}
