/**
 * Builds the conformance reports from recorded submissions: one partner's scorecard (this period
 * against the one before) and the ICS-wide matrix. Shared by the service routes and `mdss report`.
 * The source is the store's read side, passed in (edge-safe: types only).
 * @module
 */
import type { Partner, PartnerKind } from './partner.js';
import type { PeriodData } from './period-data.js';
import type { ReportPeriod } from './report-period.js';
import { previousPeriod } from './report-period.js';
import type { ConformanceCatalogue } from './catalogue.js';
import type { Waiver } from './waiver.js';
import { buildScorecard } from './build-scorecard.js';
import { buildIcsMatrix, type IcsMatrix } from './build-ics-matrix.js';
import type { Scorecard } from './scorecard.js';

/** The read operations reports need (the store implements them). */
export interface ReportSource {
  getPartner(id: string): Promise<Partner | undefined>;
  listPartners(filter?: { readonly kind?: PartnerKind }): Promise<Partner[]>;
  loadPartnerPeriod(partnerId: string, from: string, to: string): Promise<PeriodData>;
  listWaivers(partnerId?: string): Promise<Waiver[]>;
}

/** One partner's scorecard for `period` (trend against the period before); undefined for an unknown partner. */
export async function loadScorecard(source: ReportSource, catalogue: ConformanceCatalogue, partnerId: string, period: ReportPeriod, now: Date): Promise<Scorecard | undefined> {
  const partner = await source.getPartner(partnerId);
  if (!partner) return undefined;
  const before = previousPeriod(period);
  const [current, previous, waivers] = await Promise.all([
    source.loadPartnerPeriod(partnerId, period.from, period.to),
    source.loadPartnerPeriod(partnerId, before.from, before.to),
    source.listWaivers(partnerId),
  ]);
  return buildScorecard({ partner, catalogue, current, previous, waivers, now });
}

/** The ICS matrix for `period`, optionally for one kind of partner. */
export async function loadIcsMatrix(source: ReportSource, catalogue: ConformanceCatalogue, period: ReportPeriod, now: Date, kind?: PartnerKind): Promise<IcsMatrix> {
  const partners = await source.listPartners(kind ? { kind } : undefined);
  const data: Record<string, PeriodData> = {};
  for (const p of partners) data[p.id] = await source.loadPartnerPeriod(p.id, period.from, period.to);
  return buildIcsMatrix({ partners, catalogue, data, waivers: await source.listWaivers(), now, ...(kind ? { filter: { kind } } : {}) });
}
