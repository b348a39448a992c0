import type {
  CanonicalResource,
  CodeSystem,
  StructureDefinition,
  ValueSet,
} from './conformance-resource.js';
import { isCanonicalResource } from './conformance-resource.js';

/**
 * Resolves canonical references (`url` or `url|version`) to conformance resources. One registry per
 * validator (never module-level), filled from the base R4 package, extra packages and loose files.
 * When several versions of a url are loaded, an unversioned reference resolves to the one loaded
 * last (later sources override earlier ones, as a partner IG overrides UK Core).
 */
export class CanonicalRegistry {
  /** By url: the one resource of the url, or its versions in load order (an array once there are two). */
  readonly #byUrl = new Map<string, CanonicalResource | CanonicalResource[]>();
  /** StructureDefinitions of kind resource/complex-type/primitive-type by `type` (base definitions). */
  readonly #baseByType = new Map<string, StructureDefinition>();
  /** Resources added by {@link addLazy} and not yet completed: their header, and how to complete it. */
  readonly #pending = new Map<
    CanonicalResource,
    (header: CanonicalResource) => CanonicalResource
  >();
  /** Facts added with resources by {@link addLazy}, by header and by completed resource. */
  readonly #facts = new Map<CanonicalResource, ResourceFacts>();
  #size = 0;

  /** Adds a resource (Bundles are unpacked). Resources without a url are ignored. */
  add(resource: unknown): void {
    if (typeof resource !== 'object' || resource === null) return;
    const r = resource as { resourceType?: string; entry?: { resource?: unknown }[] };
    if (r.resourceType === 'Bundle' && Array.isArray(r.entry)) {
      for (const e of r.entry) this.add(e?.resource);
      return;
    }
    if (!isCanonicalResource(resource)) return;
    const held = this.#byUrl.get(resource.url);
    if (held !== undefined) {
      const list = Array.isArray(held) ? held : [held];
      if (list !== held) this.#byUrl.set(resource.url, list);
      const same = list.findIndex((x) => x.version === resource.version);
      if (same >= 0) {
        const replaced = list.splice(same, 1)[0]!;
        this.#pending.delete(replaced);
        this.#facts.delete(replaced);
      } else this.#size++;
      list.push(resource);
    } else {
      this.#byUrl.set(resource.url, resource);
      this.#size++;
    }
    if (resource.resourceType === 'StructureDefinition') {
      const sd = resource as StructureDefinition;
      if (
        sd.derivation !== 'constraint' &&
        sd.type &&
        sd.url === `http://hl7.org/fhir/StructureDefinition/${sd.type}`
      ) {
        this.#baseByType.set(sd.type, sd);
      }
    }
  }

  /** Adds many resources. */
  addAll(resources: Iterable<unknown>): void {
    for (const r of resources) this.add(r);
  }

  /**
   * Adds a resource known by its header (resourceType, url, version and, for a StructureDefinition,
   * kind, type and derivation: what this registry indexes); `complete` returns the whole resource
   * (it is given the header, so one function can complete many) and is called once, when the
   * resource is first returned (validation packs load this way, see src/pack/load-pack.ts). A
   * header without a url is ignored. `facts`: what was derived from the whole resource when the
   * pack was built ({@link factsOf}), so it need not be completed for them.
   */
  addLazy(
    header: CanonicalResource,
    complete: (header: CanonicalResource) => CanonicalResource,
    facts?: ResourceFacts,
  ): void {
    if (!isCanonicalResource(header)) return;
    this.add(header);
    this.#pending.set(header, complete);
    if (facts !== undefined) this.#facts.set(header, facts);
  }

  /**
   * The facts added with the resource that {@link resolve} returns for `reference` and
   * `resourceType` (see {@link addLazy}), without completing it; undefined when it came without
   * (another resource of the url loaded later, or one not from a pack).
   */
  factsOf(reference: string, resourceType: string): ResourceFacts | undefined {
    if (this.#facts.size === 0) return undefined;
    const found = this.#find(reference, resourceType);
    return found && this.#facts.get(found);
  }

  /** Number of resources held (one per url and version). */
  get size(): number {
    return this.#size;
  }

  /** The complete resource for one held here (completing a lazily added one, in place in the indexes). */
  #complete<T extends CanonicalResource | undefined>(resource: T): T {
    if (resource === undefined || this.#pending.size === 0) return resource;
    const complete = this.#pending.get(resource);
    if (!complete) return resource;
    this.#pending.delete(resource);
    const full = complete(resource);
    const facts = this.#facts.get(resource);
    if (facts !== undefined) this.#facts.set(full, facts);
    const held = this.#byUrl.get(resource.url!)!;
    if (Array.isArray(held)) held[held.indexOf(resource)] = full;
    else this.#byUrl.set(resource.url!, full);
    const type = (resource as StructureDefinition).type;
    if (type !== undefined && (this.#baseByType.get(type) as unknown) === resource)
      this.#baseByType.set(type, full as StructureDefinition);
    return full as T;
  }

  /** Resolves `url` or `url|version`; undefined when not loaded. */
  resolve<T extends CanonicalResource = CanonicalResource>(
    reference: string,
    resourceType?: string,
  ): T | undefined {
    const found = this.#find(reference, resourceType);
    return found && (this.#complete(found) as T);
  }

  /** What {@link resolve} returns, not completed. */
  #find(reference: string, resourceType: string | undefined): CanonicalResource | undefined {
    const bar = reference.indexOf('|');
    const url = bar >= 0 ? reference.slice(0, bar) : reference;
    const version = bar >= 0 ? reference.slice(bar + 1) : undefined;
    const held = this.#byUrl.get(url);
    if (held === undefined) return undefined;
    if (!Array.isArray(held)) return matches(held, resourceType, version) ? held : undefined;
    for (let i = held.length - 1; i >= 0; i--) {
      const r = held[i]!;
      if (matches(r, resourceType, version)) return r;
    }
    return undefined;
  }

  /** A StructureDefinition by canonical, or by bare type name (`Patient`, `HumanName`, `string`). */
  structureDefinition(urlOrType: string): StructureDefinition | undefined {
    if (!urlOrType.includes('/') && !urlOrType.includes(':')) return this.baseDefinition(urlOrType);
    return this.resolve<StructureDefinition & CanonicalResource>(
      urlOrType,
      'StructureDefinition',
    ) as StructureDefinition | undefined;
  }

  /** The base (core) definition of a type name. */
  baseDefinition(type: string): StructureDefinition | undefined {
    const sd = this.#baseByType.get(type);
    return sd && (this.#complete(sd as CanonicalResource) as StructureDefinition);
  }

  valueSet(reference: string): ValueSet | undefined {
    return this.resolve(reference, 'ValueSet') as ValueSet | undefined;
  }

  codeSystem(reference: string): CodeSystem | undefined {
    return this.resolve(reference, 'CodeSystem') as CodeSystem | undefined;
  }

  /** True when a resource type name is a known resource (`kind: resource`, not abstract or a datatype). */
  isResourceType(name: string): boolean {
    const sd = this.#baseByType.get(name);
    return sd !== undefined && sd.kind === 'resource';
  }

  /** Every loaded resource (all versions), in load order per url. */
  *allResources(): Iterable<CanonicalResource> {
    for (const [url, held] of this.#byUrl) {
      // a version added meanwhile is yielded too (the url's entry becomes an array)
      const list = Array.isArray(held) ? held : undefined;
      if (list === undefined) yield this.#complete(held as CanonicalResource);
      const now = list ?? this.#byUrl.get(url);
      if (Array.isArray(now))
        for (let i = list ? 0 : 1; i < now.length; i++) yield this.#complete(now[i]!);
    }
  }

  /** The canonical urls of the loaded resources of one resourceType, without completing lazily added ones. */
  *urls(resourceType: string): Iterable<string> {
    for (const [url, held] of this.#byUrl)
      if (
        Array.isArray(held)
          ? held.some((r) => r.resourceType === resourceType)
          : held.resourceType === resourceType
      )
        yield url;
  }

  /** All loaded resources of one resourceType (latest version of each url). */
  *all<T extends CanonicalResource = CanonicalResource>(resourceType: string): Iterable<T> {
    for (const held of this.#byUrl.values()) {
      if (!Array.isArray(held)) {
        if (held.resourceType === resourceType) yield this.#complete(held) as T;
        continue;
      }
      const list = held;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i]!.resourceType === resourceType) {
          yield this.#complete(list[i]!) as T;
          break;
        }
      }
    }
  }
}

/**
 * Facts derived from a whole resource when a validation pack was built (pure data, e.g. the codes a
 * profile fixes), read by name with {@link CanonicalRegistry.factsOf}.
 */
export type ResourceFacts = Readonly<Record<string, unknown>>;

/** True when `r` is what a reference with this resourceType and version (if any) asks for. */
function matches(
  r: CanonicalResource,
  resourceType: string | undefined,
  version: string | undefined,
): boolean {
  if (resourceType && r.resourceType !== resourceType) return false;
  return version === undefined || r.version === version || matchesMajorMinor(r.version, version);
}

/** `1.2` matches `1.2.3` (FHIR's major.minor version matching for canonical references). */
function matchesMajorMinor(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  return /^\d+\.\d+$/.test(wanted) && actual.startsWith(`${wanted}.`);
}
