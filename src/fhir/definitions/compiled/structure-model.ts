import type { CanonicalRegistry } from '../canonical-registry.js';
import type { StructureDefinition } from '../conformance-resource.js';
import { compileStructure } from './compile-structure.js';
import type { ChildEntry, CompiledStructure, ElementNode } from './element-node.js';

/** Children of an element together with the structure they belong to (for contentReference). */
export interface ResolvedChildren {
  readonly children: ReadonlyMap<string, ChildEntry>;
  /**
   * The same entries as {@link children} in a prototype-less object: the walker looks up every JSON
   * property name here (a property lookup by the parser's internalized name, cheaper than `Map.get`).
   */
  readonly byName: Readonly<Record<string, ChildEntry | undefined>>;
  readonly list: readonly ElementNode[];
  /** The children whose count can break cardinality: min > 0 (or a required slice), or a max below what the JSON shape already allows. */
  readonly cardinalityChecks: readonly ElementNode[];
  readonly structure: CompiledStructure;
  /**
   * The walker's memo of JSON property names by position: objects of one element usually list their
   * names in one order, so the name at position `i` is compared (by identity) with the one met there
   * last, and its entry ({@link nameMemoEntries}) reused without a lookup in {@link byName}. Filled by
   * the walker; at most {@link nameMemoSize} positions.
   */
  readonly nameMemo: string[];
  /** The entries (or undefined: not a child) of the names in {@link nameMemo}, position by position. */
  readonly nameMemoEntries: (ChildEntry | undefined)[];
}

/** How many leading property positions of an object the walker's name memo covers. */
export const nameMemoSize = 64;

function resolvedOf(
  children: ReadonlyMap<string, ChildEntry>,
  list: readonly ElementNode[],
  structure: CompiledStructure,
): ResolvedChildren {
  const cardinalityChecks = list.filter(
    (el) =>
      el.min > 0 ||
      el.max < (el.isArray ? Infinity : 1) ||
      el.slices?.some((s) => s.min > 0) === true, // a required slice is missing when no item is
  );
  cardinalityChecks.forEach((el, i) => (el.cardinalitySlot = i));
  for (const entry of children.values()) entry.cardinalitySlot = entry.element.cardinalitySlot;
  const byName = Object.create(null) as Record<string, ChildEntry | undefined>;
  for (const [name, entry] of children) byName[name] = entry;
  return {
    children,
    byName,
    list,
    cardinalityChecks,
    structure,
    nameMemo: [],
    nameMemoEntries: [],
  };
}

/** Supplies a StructureDefinition with a snapshot (the snapshot generator plugs in here). */
export type SnapshotSource = (sd: StructureDefinition) => StructureDefinition | undefined;

/**
 * Compiled StructureDefinitions of one validator, compiled lazily on first use and cached. Owns
 * the rules for where an element's children come from: the snapshot, a contentReference, or the
 * definition of the element's type.
 */
export class StructureModel {
  readonly #cache = new Map<string, CompiledStructure | null>();
  readonly #bases = new Map<string, CompiledStructure | null>();
  readonly #empty: ResolvedChildren | undefined = undefined;
  /** Resolved children per element node (own snapshot children) and per base type. */
  readonly #own = new Map<ElementNode, ResolvedChildren>();
  readonly #ofType = new Map<string, ResolvedChildren | null>();

  constructor(
    readonly registry: CanonicalRegistry,
    private readonly snapshots: SnapshotSource = (sd) => (sd.snapshot ? sd : undefined),
  ) {}

  /** The compiled base definition of a type (`Patient`, `HumanName`, `string`). */
  base(type: string): CompiledStructure | undefined {
    // by the type name as given: no key string is built per call (this is on the walker's hot path)
    const hit = this.#bases.get(type);
    if (hit !== undefined) return hit ?? undefined;
    const compiled = this.#store(`type:${type}`, this.registry.baseDefinition(type));
    this.#bases.set(type, compiled ?? null);
    return compiled;
  }

  /**
   * The compiled base definition of a resource type (as {@link CanonicalRegistry.isResourceType}
   * says, `kind: resource`), or undefined for any other name: one lookup once the type is compiled.
   */
  resourceBase(type: string): CompiledStructure | undefined {
    const hit = this.#bases.get(type);
    if (hit !== undefined) return hit !== null && hit.kind === 'resource' ? hit : undefined;
    return this.registry.isResourceType(type) ? this.base(type) : undefined;
  }

  /** The compiled StructureDefinition for a canonical (`url` or `url|version`). */
  profile(canonical: string): CompiledStructure | undefined {
    const hit = this.#cache.get(canonical);
    if (hit !== undefined) return hit ?? undefined;
    return this.#store(canonical, this.registry.structureDefinition(canonical));
  }

  #store(key: string, sd: StructureDefinition | undefined): CompiledStructure | undefined {
    const withSnapshot = sd ? this.snapshots(sd) : undefined;
    const compiled = withSnapshot ? compileStructure(withSnapshot) : undefined;
    this.#cache.set(key, compiled ?? null);
    return compiled;
  }

  /**
   * Where the children of `node` (inside `structure`) come from: its own snapshot children; the
   * element named by its contentReference; or the base definition of `type` (the element's single
   * type, or the chosen type of a choice element).
   */
  childrenOf(
    node: ElementNode,
    structure: CompiledStructure,
    type: string | undefined,
  ): ResolvedChildren | undefined {
    if (node.children) {
      let own = this.#own.get(node);
      if (!own)
        this.#own.set(node, (own = resolvedOf(node.children, node.childList ?? [], structure)));
      return own;
    }
    if (node.contentReference) {
      const target = structure.byId.get(node.contentReference);
      if (target) return this.childrenOf(target, structure, type);
    }
    if (!type) return this.#empty;
    const hit = this.#ofType.get(type);
    if (hit !== undefined) return hit ?? undefined;
    const t = this.base(type);
    const resolved = t?.root.children
      ? resolvedOf(t.root.children, t.root.childList ?? [], t)
      : undefined;
    this.#ofType.set(type, resolved ?? null);
    return resolved;
  }
}
