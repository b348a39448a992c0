/**
 * The evidence pack: what was tested, when, and with which framework, validator and package
 * versions; the hashes of the submissions; the results per requirement and the waivers in force.
 * Deterministic: arrays sorted, no random or database ids, generation time passed in, so two packs
 * of the same data are byte-identical (render with {@link renderEvidencePackJson}) and diff cleanly.
 * @module
 */

import { buildScorecard, toReportPartner } from './build-scorecard.js';
import { toCanonicalJson } from './canonical-json.js';
import type { ConformanceCatalogue } from './catalogue.js';
import { compareText } from './compare-text.js';
import type { Partner } from './partner.js';
import type { PeriodData, SubmissionEvidence } from './period-data.js';
import type { RequirementStatus, StatusThresholds } from './requirement-status.js';
import type { ReportFramework, ReportPartner, Scorecard } from './scorecard.js';
import type { Waiver } from './waiver.js';

/** Evidence pack format version (bump on incompatible change). */
export const EVIDENCE_PACK_FORMAT = 1;

/** The evidence pack. */
export interface EvidencePack {
  readonly kind: 'mdss.evidence-pack';
  readonly format: number;
  readonly generatedAt: string;
  readonly partner: ReportPartner;
  readonly framework: ReportFramework;
  readonly period: { readonly from: string; readonly to: string };
  /** Distinct versions seen across the period's submissions, sorted. */
  readonly tooling: {
    readonly frameworkVersions: readonly string[];
    readonly validatorVersions: readonly string[];
    readonly packages: readonly string[];
  };
  /** Every submission of the period, by received time then hash. */
  readonly submissions: readonly SubmissionEvidence[];
  readonly results: readonly {
    readonly requirementId: string;
    readonly level: 'MUST' | 'SHOULD';
    readonly status: RequirementStatus;
    readonly checked: number;
    readonly passed: number;
    readonly failed: number;
    readonly passRate: number | null;
  }[];
  readonly maturity: { readonly level: number; readonly name: string };
  readonly thresholds: StatusThresholds;
  readonly waivers: Scorecard['waivers'];
}

/** Input of {@link buildEvidencePack}. */
export interface BuildEvidencePackInput {
  readonly partner: Partner;
  readonly catalogue: ConformanceCatalogue;
  readonly period: PeriodData;
  readonly waivers: readonly Waiver[];
  /** Generation time, printed in the pack and deciding active waivers. */
  readonly now: Date;
  readonly thresholds?: Partial<StatusThresholds>;
}

/**
 * Builds the evidence pack.
 * @example renderEvidencePackJson(buildEvidencePack({ partner, catalogue, period, waivers, now }))
 */
export function buildEvidencePack(input: BuildEvidencePackInput): EvidencePack {
  const card = buildScorecard({
    partner: input.partner,
    catalogue: input.catalogue,
    current: input.period,
    waivers: input.waivers,
    now: input.now,
    ...(input.thresholds !== undefined && { thresholds: input.thresholds }),
  });
  const submissions = [...input.period.submissions]
    .map((s) => ({ ...s, packages: [...s.packages].sort(compareText) }))
    .sort(
      (a, b) =>
        compareText(a.receivedAt, b.receivedAt) || compareText(a.payloadHash, b.payloadHash),
    );
  const distinct = (values: readonly string[]): string[] => [...new Set(values)].sort(compareText);
  return {
    kind: 'mdss.evidence-pack',
    format: EVIDENCE_PACK_FORMAT,
    generatedAt: input.now.toISOString(),
    partner: toReportPartner(input.partner),
    framework: card.framework,
    period: card.period,
    tooling: {
      frameworkVersions: distinct(submissions.map((s) => s.frameworkVersion)),
      validatorVersions: distinct(submissions.map((s) => s.validatorVersion)),
      packages: distinct(submissions.flatMap((s) => s.packages)),
    },
    submissions,
    results: [...card.requirements]
      .sort((a, b) => compareText(a.id, b.id))
      .map((r) => ({
        requirementId: r.id,
        level: r.level,
        status: r.status,
        checked: r.checked,
        passed: r.passed,
        failed: r.failed,
        passRate: r.passRate,
      })),
    maturity: { level: card.maturity.level, name: card.maturity.name },
    thresholds: card.thresholds,
    waivers: card.waivers,
  };
}

/** The pack as canonical JSON (sorted keys, two-space indent, final newline). */
export function renderEvidencePackJson(pack: EvidencePack): string {
  return toCanonicalJson(pack);
}
