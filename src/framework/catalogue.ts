/**
 * The requirement catalogue of the framework (profiles/requirements.json): types and loading.
 * The catalogue is data; every other module reads it through these types.
 * @module
 */
import { ConfigError } from '../errors.js';
import { validate } from '../generated/schemas/requirements.js';
import { deepFreeze } from './deep-freeze.js';

/** MUST requirements decide conformance; SHOULD requirements decide maturity above the minimum. */
export type RequirementLevel = 'MUST' | 'SHOULD';

/** How a requirement is checked. `aggregate` and `capability` checks are made per submission, not per record. */
export type CheckKind =
  'profile-element' | 'json-schema' | 'england-rule' | 'cross-record' | 'aggregate' | 'capability';

/** One way a requirement is checked: the kind of check and a human-readable reference to it. */
export interface RequirementCheck {
  readonly kind: CheckKind;
  readonly ref: string;
}

/**
 * Maps issues to a requirement: an issue code (or `family.*`), optionally restricted to an element
 * path prefix (no indexes), a feed, the canonical of the rule's profile, or an invariant key.
 */
export interface RequirementTrace {
  readonly code: string;
  readonly path?: string;
  readonly feed?: string;
  readonly profile?: string;
  readonly constraintKey?: string;
}

/** What a requirement applies to: feeds (`fhir`, `cld`, `cin`), record types and elements. */
export interface RequirementScope {
  readonly feeds: readonly string[];
  /** Resource types or feed record kinds; absent or empty means every record of the feeds. */
  readonly recordTypes?: readonly string[];
  readonly elements?: readonly string[];
}

/** A short, specific fix for a requirement that is not met. */
export interface RequirementGuidance {
  readonly fix: string;
  readonly example?: string;
}

/** One requirement of the framework (MDS-nn). */
export interface Requirement {
  readonly id: string;
  readonly title: string;
  readonly rationale: string;
  /** What to do when the requirement is not met, with an example of a correct value where one helps. */
  readonly guidance?: RequirementGuidance;
  readonly level: RequirementLevel;
  readonly appliesTo: RequirementScope;
  readonly checkedBy: readonly RequirementCheck[];
  readonly traces: readonly RequirementTrace[];
  /** Framework version the requirement arrived in. */
  readonly since: string;
  readonly sources: readonly string[];
  readonly notes?: string;
}

/** Identity and version of the framework. */
export interface FrameworkMeta {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly description?: string;
  readonly canonicalBase: string;
  readonly date: string;
  readonly status: 'draft' | 'active' | 'retired';
}

/** A loaded, validated, frozen catalogue. */
export interface RequirementCatalogue {
  readonly framework: FrameworkMeta;
  readonly requirements: readonly Requirement[];
}

/** Compares two semantic versions (pre-release tags ignored): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('-')[0]!.split('.').map(Number);
  const pb = b.split('-')[0]!.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Validates catalogue JSON against schemas/requirements.schema.json (precompiled) and the rules a
 * schema cannot express (unique ids, trace feeds within the requirement's feeds, `since` not after
 * the framework version), and returns a frozen copy. Throws `ConfigError` (code
 * `catalogue.invalid`) when the catalogue is broken.
 */
export function loadCatalogue(json: unknown): RequirementCatalogue {
  if (!validate(json)) {
    const detail = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
      .join('; ');
    throw new ConfigError('catalogue.invalid', `Invalid requirement catalogue: ${detail}`);
  }
  const data = json as { framework: FrameworkMeta; requirements: Requirement[] };
  const seen = new Set<string>();
  for (const r of data.requirements) {
    if (seen.has(r.id))
      throw new ConfigError(
        'catalogue.invalid',
        `Invalid requirement catalogue: duplicate requirement id ${r.id}`,
      );
    seen.add(r.id);
    const stray = r.traces.find((t) => t.feed !== undefined && !r.appliesTo.feeds.includes(t.feed));
    if (stray)
      throw new ConfigError(
        'catalogue.invalid',
        `Invalid requirement catalogue: ${r.id} traces ${stray.code} in feed ${stray.feed}, which it does not apply to`,
      );
    if (compareVersions(r.since, data.framework.version) > 0) {
      throw new ConfigError(
        'catalogue.invalid',
        `Invalid requirement catalogue: ${r.id} is since ${r.since}, after framework version ${data.framework.version}`,
      );
    }
  }
  return deepFreeze({
    framework: structuredClone(data.framework),
    requirements: structuredClone(data.requirements),
  });
}
