/**
 * The fields of the requirement catalogue (`profiles/requirements.json`) that reports read. The
 * framework module owns the full catalogue type; this is the minimal structural view so reports stay
 * decoupled from it (any value with these fields is accepted).
 * @module
 */

/** MUST or SHOULD, as the framework states the requirement. */
export type RequirementLevel = 'MUST' | 'SHOULD';

/** The framework's identity and version. */
export interface CatalogueFramework {
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly date?: string;
  readonly status?: string;
}

/** One requirement (MDS-nn) as reports need it. */
export interface CatalogueRequirement {
  readonly id: string;
  readonly title: string;
  readonly level: RequirementLevel;
  /** What to do when it is not met (the catalogue's `guidance`). */
  readonly guidance?: { readonly fix: string; readonly example?: string };
}

/** The requirement catalogue: framework identity plus its requirements. */
export interface ConformanceCatalogue {
  readonly framework: CatalogueFramework;
  readonly requirements: readonly CatalogueRequirement[];
}
