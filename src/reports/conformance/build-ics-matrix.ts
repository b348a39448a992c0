/**
 * The ICS-wide matrix: partners × requirements, each cell a status and pass rate, filterable by
 * partner kind, with a peer comparison per requirement (how many partners meet it, median pass
 * rate). Deliberately not a league table: partners are listed by name, never by score, and no rank
 * or total score is computed. Pure.
 * @module
 */

import { buildScorecard, toReportPartner } from './build-scorecard.js';
import type { CatalogueRequirement, ConformanceCatalogue } from './catalogue.js';
import { compareText } from './compare-text.js';
import type { Maturity, MaturityLevel } from './maturity.js';
import type { Partner, PartnerKind } from './partner.js';
import type { PeriodData } from './period-data.js';
import {
  DEFAULT_THRESHOLDS,
  passRate,
  type RequirementStatus,
  type StatusThresholds,
  type Trend,
} from './requirement-status.js';
import type { DataQualityIndex } from './data-quality.js';
import type { PeriodPoint, ReportFramework, ReportPartner } from './scorecard.js';
import type { Waiver } from './waiver.js';

/** One cell: a partner against a requirement. */
export interface MatrixCell {
  readonly requirementId: string;
  readonly status: RequirementStatus;
  readonly passRate: number | null;
  readonly checked: number;
  readonly passed: number;
  /** The previous period's pass rate (null: not checked then, or no previous period given). */
  readonly previousPassRate: number | null;
  readonly trend: Trend;
}

/** One partner's row. */
export interface MatrixRow {
  readonly partner: ReportPartner;
  readonly maturity: Pick<Maturity, 'level' | 'name'>;
  readonly submissions: number;
  readonly cells: readonly MatrixCell[];
  /** Headline figures per period, oldest first, the current period last. */
  readonly history: readonly PeriodPoint[];
  /** The previous period's maturity level (null when no previous period was given). */
  readonly previousMaturityLevel: MaturityLevel | null;
  /** DQMI-style data-quality index per dataset for the period. */
  readonly dataQuality: readonly DataQualityIndex[];
}

/** Peer comparison for one requirement across the partners shown. */
export interface PeerComparison {
  readonly requirementId: string;
  readonly level: CatalogueRequirement['level'];
  /** Partners for which the requirement was checked (or waived). */
  readonly partnersChecked: number;
  readonly met: number;
  readonly partly: number;
  readonly notMet: number;
  readonly notChecked: number;
  readonly waived: number;
  /** Median pass rate over partners that were checked; null when none was. */
  readonly medianPassRate: number | null;
  /** Records that passed ÷ records checked, summed over the partners shown; null when none was checked. */
  readonly icsPassRate: number | null;
}

/** The ICS matrix. */
export interface IcsMatrix {
  readonly kind: 'mdss.ics-matrix';
  readonly generatedAt: string;
  readonly framework: ReportFramework;
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly filter: { readonly kind?: PartnerKind };
  readonly thresholds: StatusThresholds;
  readonly requirements: readonly Pick<
    CatalogueRequirement,
    'id' | 'title' | 'level' | 'guidance'
  >[];
  /** Ordered by partner name, then id: alphabetical, never by result. */
  readonly rows: readonly MatrixRow[];
  readonly peers: readonly PeerComparison[];
  /** How many partners are at each maturity level (0–4). */
  readonly maturityDistribution: Readonly<Record<`${MaturityLevel}`, number>>;
}

/** Input of {@link buildIcsMatrix}. */
export interface BuildIcsMatrixInput {
  readonly partners: readonly Partner[];
  readonly catalogue: ConformanceCatalogue;
  /** Period aggregates by partner id; a partner without an entry has nothing checked. */
  readonly data: Readonly<Record<string, PeriodData>>;
  /** Earlier periods by partner id, oldest first (the previous period last): trends and history. */
  readonly history?: Readonly<Record<string, readonly PeriodData[]>>;
  readonly filter?: { readonly kind?: PartnerKind };
  readonly waivers?: readonly Waiver[];
  /** Generation time (decides active waivers). */
  readonly now: Date;
  readonly thresholds?: Partial<StatusThresholds>;
}

/**
 * Builds the matrix.
 * @example buildIcsMatrix({ partners, catalogue, data: { [p.id]: period }, filter: { kind: 'council' }, now })
 */
export function buildIcsMatrix(input: BuildIcsMatrixInput): IcsMatrix {
  const kind = input.filter?.kind;
  const partners = input.partners
    .filter((p) => kind === undefined || p.kind === kind)
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  const periods = partners
    .map((p) => input.data[p.id])
    .filter((d): d is PeriodData => d !== undefined);

  const rows: MatrixRow[] = partners.map((partner) => {
    const current = input.data[partner.id] ?? emptyPeriod(partner.id, periods[0]);
    const card = buildScorecard({
      partner,
      catalogue: input.catalogue,
      current,
      ...(input.history?.[partner.id] !== undefined && { history: input.history[partner.id] }),
      waivers: input.waivers ?? [],
      now: input.now,
      ...(input.thresholds !== undefined && { thresholds: input.thresholds }),
    });
    return {
      partner: toReportPartner(partner),
      maturity: { level: card.maturity.level, name: card.maturity.name },
      submissions: card.summary.submissions,
      cells: card.requirements.map((r) => ({
        requirementId: r.id,
        status: r.status,
        passRate: r.passRate,
        checked: r.checked,
        passed: r.passed,
        previousPassRate: r.previousPassRate,
        trend: r.trend,
      })),
      history: card.history,
      previousMaturityLevel: card.overview.previous?.maturityLevel ?? null,
      dataQuality: card.dataQuality,
    };
  });

  const peers = input.catalogue.requirements.map((req, index): PeerComparison => {
    const cells = rows.map((r) => r.cells[index]).filter((c): c is MatrixCell => c !== undefined);
    const by = (s: RequirementStatus): number => cells.filter((c) => c.status === s).length;
    const rates = cells.map((c) => c.passRate).filter((r): r is number => r !== null);
    return {
      requirementId: req.id,
      level: req.level,
      partnersChecked: cells.length - by('not-checked'),
      met: by('met'),
      partly: by('partly'),
      notMet: by('not-met'),
      notChecked: by('not-checked'),
      waived: by('waived'),
      medianPassRate: median(rates),
      icsPassRate: passRate(
        cells.reduce((n, c) => n + c.checked, 0),
        cells.reduce((n, c) => n + c.passed, 0),
      ),
    };
  });

  const distribution = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0 };
  for (const r of rows) distribution[`${r.maturity.level}`] += 1;

  return {
    kind: 'mdss.ics-matrix',
    generatedAt: input.now.toISOString(),
    framework: {
      id: input.catalogue.framework.id,
      version: input.catalogue.framework.version,
      ...(input.catalogue.framework.title !== undefined && {
        title: input.catalogue.framework.title,
      }),
    },
    period: periods[0] ? { from: periods[0].from, to: periods[0].to } : null,
    filter: kind === undefined ? {} : { kind },
    thresholds: { ...DEFAULT_THRESHOLDS, ...input.thresholds },
    requirements: input.catalogue.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      level: r.level,
      ...(r.guidance !== undefined && { guidance: r.guidance }),
    })),
    rows,
    peers,
    maturityDistribution: distribution,
  };
}

/**
 * Median of numbers (mean of the two middle values for an even count); null for none.
 * @example median([0.5, 1, 0.9]) // 0.9
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

function emptyPeriod(partnerId: string, like: PeriodData | undefined): PeriodData {
  return {
    partnerId,
    from: like?.from ?? '',
    to: like?.to ?? '',
    submissions: [],
    requirements: [],
    series: [],
    issues: [],
    mustSupport: [],
    recordTypes: {},
  };
}
