/**
 * What `mdss standards` and `GET /v1/standards` show: the framework's identity and version, and the
 * requirement list, optionally filtered.
 * @module
 */
import type {
  CheckKind,
  Requirement,
  RequirementCatalogue,
  RequirementLevel,
} from './catalogue.js';

/** The framework's identity, version and requirement counts. */
export interface FrameworkInfo {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly canonicalBase: string;
  readonly date: string;
  readonly status: 'draft' | 'active' | 'retired';
  readonly requirementCount: number;
  readonly mustCount: number;
  readonly shouldCount: number;
  /** Feeds the catalogue covers, sorted. */
  readonly feeds: readonly string[];
}

/** One line of the requirement list. */
export interface RequirementListing {
  readonly id: string;
  readonly title: string;
  readonly level: RequirementLevel;
  readonly feeds: readonly string[];
  readonly recordTypes: readonly string[];
  /** Kinds of check, distinct, in catalogue order. */
  readonly checkedBy: readonly CheckKind[];
  readonly since: string;
}

/** Filters for `listRequirements`; all optional, combined with AND. */
export interface RequirementFilter {
  readonly feed?: string;
  readonly level?: RequirementLevel;
  readonly recordType?: string;
  readonly ids?: readonly string[];
}

/** The framework's identity and counts, for `/v1/standards` and every result. */
export function frameworkInfo(catalogue: RequirementCatalogue): FrameworkInfo {
  const f = catalogue.framework;
  const reqs = catalogue.requirements;
  return {
    id: f.id,
    version: f.version,
    title: f.title,
    canonicalBase: f.canonicalBase,
    date: f.date,
    status: f.status,
    requirementCount: reqs.length,
    mustCount: reqs.filter((r) => r.level === 'MUST').length,
    shouldCount: reqs.filter((r) => r.level === 'SHOULD').length,
    feeds: [...new Set(reqs.flatMap((r) => r.appliesTo.feeds))].sort(),
  };
}

function matches(r: Requirement, filter: RequirementFilter): boolean {
  if (filter.feed !== undefined && !r.appliesTo.feeds.includes(filter.feed)) return false;
  if (filter.level !== undefined && r.level !== filter.level) return false;
  if (filter.ids !== undefined && !filter.ids.includes(r.id)) return false;
  if (filter.recordType !== undefined) {
    const types = r.appliesTo.recordTypes ?? [];
    if (types.length > 0 && !types.includes(filter.recordType)) return false;
  }
  return true;
}

/** The requirements as short listings, sorted by id (numeric-aware). */
export function listRequirements(
  catalogue: RequirementCatalogue,
  filter: RequirementFilter = {},
): RequirementListing[] {
  return catalogue.requirements
    .filter((r) => matches(r, filter))
    .map((r) => ({
      id: r.id,
      title: r.title,
      level: r.level,
      feeds: r.appliesTo.feeds,
      recordTypes: r.appliesTo.recordTypes ?? [],
      checkedBy: [...new Set(r.checkedBy.map((c) => c.kind))],
      since: r.since,
    }))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** One requirement by id (case-insensitive), or undefined. */
export function findRequirement(
  catalogue: RequirementCatalogue,
  id: string,
): Requirement | undefined {
  const wanted = id.toUpperCase();
  return catalogue.requirements.find((r) => r.id === wanted);
}
