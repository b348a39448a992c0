/**
 * Waivers: a partner's agreed, time-limited exceptions. A waiver names either a requirement
 * (`MDS-04`) or an issue code, optionally at one element path. It carries a reason and may carry an
 * expiry; an expired waiver no longer hides anything, so the gap shows again.
 * @module
 */

import { compareText } from './compare-text.js';

/** One waiver, as stored. */
export interface Waiver {
  readonly id: string;
  readonly partnerId: string;
  /** Waives a whole requirement. */
  readonly requirementId?: string;
  /** Waives one issue code … */
  readonly code?: string;
  /** … at this element path only (any path when absent). */
  readonly path?: string;
  readonly reason: string;
  /**
   * Last day (`YYYY-MM-DD`, inclusive, UTC) or instant (exclusive) the waiver applies. No expiry when
   * absent.
   */
  readonly until?: string;
  readonly createdAt?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a waiver stops applying, in ms since the epoch; `Infinity` without expiry. A date-only
 * `until` covers that whole UTC day.
 */
export function waiverEnd(waiver: Pick<Waiver, 'until'>): number {
  if (waiver.until === undefined) return Number.POSITIVE_INFINITY;
  if (DATE_ONLY.test(waiver.until)) return Date.parse(`${waiver.until}T00:00:00.000Z`) + 86_400_000;
  const end = Date.parse(waiver.until);
  return Number.isNaN(end) ? Number.NEGATIVE_INFINITY : end;
}

/**
 * Whether a waiver applies at `now` (an unparseable expiry counts as expired, never as forever).
 * @example isWaiverActive({ until: '2026-06-30' }, new Date('2026-06-30T23:00:00Z')) // true
 */
export function isWaiverActive(waiver: Pick<Waiver, 'until'>, now: Date): boolean {
  return now.getTime() < waiverEnd(waiver);
}

/** The waiver of a whole requirement for this partner, preferring an active one, then the latest expired. */
export function findRequirementWaiver(
  waivers: readonly Waiver[],
  partnerId: string,
  requirementId: string,
  now: Date,
): { readonly waiver: Waiver; readonly active: boolean } | undefined {
  return pickWaiver(
    waivers.filter((w) => w.partnerId === partnerId && w.requirementId === requirementId),
    now,
  );
}

/** The waiver of an issue code at a path for this partner (a waiver without path matches every path). */
export function findIssueWaiver(
  waivers: readonly Waiver[],
  partnerId: string,
  code: string,
  path: string,
  now: Date,
): { readonly waiver: Waiver; readonly active: boolean } | undefined {
  return pickWaiver(
    waivers.filter(
      (w) =>
        w.partnerId === partnerId && w.code === code && (w.path === undefined || w.path === path),
    ),
    now,
  );
}

function pickWaiver(
  candidates: readonly Waiver[],
  now: Date,
): { readonly waiver: Waiver; readonly active: boolean } | undefined {
  const active = candidates.filter((w) => isWaiverActive(w, now));
  const pool = active.length > 0 ? active : candidates;
  const best = [...pool].sort((a, b) => waiverEnd(b) - waiverEnd(a) || compareText(a.id, b.id))[0];
  return best === undefined ? undefined : { waiver: best, active: active.length > 0 };
}
