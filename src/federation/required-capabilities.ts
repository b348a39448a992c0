/**
 * What the framework requires of a partner's FHIR endpoint, derived from data: the resource types
 * are those the framework's FHIR profiles (profiles/fhir) constrain, each with the profiles that
 * apply to it; every type needs `read` and `search-type`; the key search parameters come from the
 * small table below, chosen from the requirements that need them.
 *
 * | requirement | what the endpoint must offer |
 * | --- | --- |
 * | FHIR version | `fhirVersion` 4.0.x (R4) |
 * | format | `json` (`application/fhir+json`) |
 * | resource types | every type a framework profile constrains (Bundle excepted: it is a container, not a RESTful type) |
 * | interactions | `read` and `search-type` on each type |
 * | search parameters | {@link keySearchParams}: `identifier` for people and organisations (MDS-01, MDS-08), `patient` for records about a person |
 * | profiles | the framework profiles of each type in `supportedProfile` (warning only) |
 *
 * `_count` is a result parameter that servers seldom declare, so it is checked by behaviour (a
 * sampled page larger than `_count`) rather than from the CapabilityStatement.
 * @module
 */

/** What one resource type must offer. */
export interface RequiredResource {
  readonly type: string;
  readonly interactions: readonly string[];
  readonly searchParams: readonly string[];
  /** Framework profile canonicals the endpoint should declare in `supportedProfile`. */
  readonly profiles: readonly string[];
}

/** Everything the framework requires of an endpoint. */
export interface RequiredCapabilities {
  /** Accepted `fhirVersion` prefix (`4.0.`). */
  readonly fhirVersionPrefix: string;
  /** The version named in issues (`4.0.1`). */
  readonly fhirVersion: string;
  /** Accepted `format` codes for JSON (any one of them). */
  readonly jsonFormats: readonly string[];
  readonly resources: readonly RequiredResource[];
}

/** Interactions every required type must declare. */
export const requiredInteractions: readonly string[] = ['read', 'search-type'];

/** Resource types a framework profile constrains but that are not RESTful search targets. */
export const notRestfulTypes: ReadonlySet<string> = new Set(['Bundle']);

/** Key search parameters per type; types not listed need `patient`. */
export const keySearchParams: Readonly<Record<string, readonly string[]>> = {
  Patient: ['identifier'],
  Organization: ['identifier'],
  Practitioner: ['identifier'],
  PractitionerRole: ['practitioner', 'organization'],
  Location: ['identifier'],
};

/** Search parameters needed on a type without an entry in {@link keySearchParams}. */
export const defaultSearchParams: readonly string[] = ['patient'];

/** Options of {@link deriveRequiredCapabilities}. */
export interface RequiredCapabilitiesOptions {
  /** Resource type → framework profile canonicals (`profilesByType` in src/framework). */
  readonly profilesByType: Readonly<Record<string, readonly string[]>>;
  /**
   * The partner's `fhirEndpoint.resourceTypes`, when its registry entry narrows what it publishes:
   * only these framework types are then required.
   */
  readonly resourceTypes?: readonly string[];
}

/** Derives the table of required capabilities, sorted by resource type. Pure. */
export function deriveRequiredCapabilities(
  options: RequiredCapabilitiesOptions,
): RequiredCapabilities {
  const only =
    options.resourceTypes && options.resourceTypes.length > 0
      ? new Set(options.resourceTypes)
      : undefined;
  const resources = Object.keys(options.profilesByType)
    .filter((t) => !notRestfulTypes.has(t) && (!only || only.has(t)))
    .sort()
    .map((type) => ({
      type,
      interactions: requiredInteractions,
      searchParams: keySearchParams[type] ?? defaultSearchParams,
      profiles: [...(options.profilesByType[type] ?? [])].sort(),
    }));
  return {
    fhirVersionPrefix: '4.0.',
    fhirVersion: '4.0.1',
    jsonFormats: ['json', 'application/fhir+json', 'application/json'],
    resources,
  };
}
