/**
 * Builds the conformance reports from recorded submissions: one partner's scorecard (this period
 * against the one before) and the ICS-wide matrix. Shared by the service routes and `mdss report`.
 * The source is the store's read side, passed in (edge-safe: types only).
 * @module
 */
import type { Partner, PartnerKind } from './partner.js';
import type { PeriodData } from './period-data.js';
import type { ReportPeriod } from './report-period.js';
import { recentPeriods } from './report-period.js';
import type { ConformanceCatalogue } from './catalogue.js';
import type { Waiver } from './waiver.js';
import { buildScorecard, HISTORY_PERIODS } from './build-scorecard.js';
import { buildIcsMatrix, type IcsMatrix } from './build-ics-matrix.js';
import type { Scorecard } from './scorecard.js';
import type { ConstraintText } from './gap-rule.js';

/** The read operations reports need (the store implements them). */
export interface ReportSource {
  getPartner(id: string): Promise<Partner | undefined>;
  listPartners(filter?: { readonly kind?: PartnerKind }): Promise<Partner[]>;
  loadPartnerPeriod(partnerId: string, from: string, to: string): Promise<PeriodData>;
  listWaivers(partnerId?: string): Promise<Waiver[]>;
}

/** `period` and the periods before it (oldest first, `period` last), as read from the source. */
async function loadHistory(
  source: ReportSource,
  partnerId: string,
  period: ReportPeriod,
): Promise<PeriodData[]> {
  const out: PeriodData[] = [];
  for (const p of recentPeriods(period, HISTORY_PERIODS))
    out.push(await source.loadPartnerPeriod(partnerId, p.from, p.to));
  return out;
}

/**
 * One partner's scorecard for `period` (trend against the period before, history over the last
 * {@link HISTORY_PERIODS} periods); undefined for an unknown partner.
 */
export async function loadScorecard(
  source: ReportSource,
  catalogue: ConformanceCatalogue,
  partnerId: string,
  period: ReportPeriod,
  now: Date,
  constraintText?: ConstraintText,
): Promise<Scorecard | undefined> {
  const partner = await source.getPartner(partnerId);
  if (!partner) return undefined;
  const [periods, waivers] = await Promise.all([
    loadHistory(source, partnerId, period),
    source.listWaivers(partnerId),
  ]);
  const current = periods.at(-1) as PeriodData;
  return buildScorecard({
    partner,
    catalogue,
    current,
    history: periods.slice(0, -1),
    waivers,
    now,
    ...(constraintText && { constraintText }),
  });
}

/** The ICS matrix for `period`, optionally for one kind of partner. */
export async function loadIcsMatrix(
  source: ReportSource,
  catalogue: ConformanceCatalogue,
  period: ReportPeriod,
  now: Date,
  kind?: PartnerKind,
): Promise<IcsMatrix> {
  const partners = await source.listPartners(kind ? { kind } : undefined);
  const data: Record<string, PeriodData> = {};
  const history: Record<string, PeriodData[]> = {};
  for (const p of partners) {
    const periods = await loadHistory(source, p.id, period);
    data[p.id] = periods.at(-1) as PeriodData;
    history[p.id] = periods.slice(0, -1);
  }
  return buildIcsMatrix({
    partners,
    catalogue,
    data,
    history,
    waivers: await source.listWaivers(),
    now,
    ...(kind ? { filter: { kind } } : {}),
  });
}
