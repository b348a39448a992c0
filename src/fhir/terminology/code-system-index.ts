import type { CodeSystem } from '../definitions/conformance-resource.js';

/** One concept of an indexed CodeSystem. */
export interface IndexedConcept {
  readonly code: string;
  readonly display?: string | undefined;
  /** Display values of all designations (any language), for the display check. */
  readonly designations: readonly string[];
  /** Property values by property code, as strings (`valueCode`, `valueString`, `valueBoolean` …). */
  readonly properties: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlySet<string>;
  readonly children: ReadonlySet<string>;
}

/**
 * A concept while the index is built. Concepts without designations, properties or links share the
 * index's empty list, map and set (never written to); a concept gets its own when it has one.
 */
interface MutableConcept {
  readonly code: string;
  readonly display: string | undefined;
  readonly designations: readonly string[];
  properties: ReadonlyMap<string, readonly string[]>;
  parents: ReadonlySet<string>;
  children: ReadonlySet<string>;
}

type RawConcept = NonNullable<CodeSystem['concept']>[number];
type RawProperty = NonNullable<RawConcept['property']>[number];

/** Property codes whose value names a parent or a child concept (FHIR's standard concept properties). */
const parentProperties = new Set(['parent', 'subsumedBy']);
const childProperties = new Set(['child']);

/**
 * A CodeSystem indexed for lookup and subsumption: concepts by code (case-folded when the system is
 * not case-sensitive), and the is-a hierarchy from `concept` nesting and from the `parent`,
 * `subsumedBy` and `child` properties (polyhierarchies are allowed).
 */
export class CodeSystemIndex {
  readonly url: string;
  readonly version: string | undefined;
  /** `complete`, `fragment`, `example`, `not-present` or `supplement`. */
  readonly content: string;
  /** True only when the CodeSystem says `caseSensitive: true`; otherwise codes match in any case. */
  readonly caseSensitive: boolean;
  /** Property codes declared in `CodeSystem.property`. */
  readonly declaredProperties: ReadonlySet<string>;
  /** The declared type of each property (`code`, `Coding`, `string`, `integer`, `boolean`, `dateTime`, `decimal`). */
  readonly propertyTypes: ReadonlyMap<string, string>;
  readonly #concepts = new Map<string, MutableConcept>();
  /** What concepts without designations, properties, parents or children share (never written to). */
  readonly #none: readonly string[] = [];
  readonly #noProperties: ReadonlyMap<string, readonly string[]> = new Map();
  readonly #noCodes: ReadonlySet<string> = new Set();

  constructor(codeSystem: CodeSystem) {
    this.url = codeSystem.url ?? '';
    this.version = codeSystem.version;
    this.content = codeSystem.content ?? 'complete';
    this.caseSensitive = codeSystem.caseSensitive === true;
    this.declaredProperties = new Set(
      list<{ code?: unknown } | null>(codeSystem.property)
        .map((p) => p?.code)
        .filter((c): c is string => typeof c === 'string'),
    );
    const types = new Map<string, string>();
    for (const p of list<{ code?: unknown; type?: unknown } | null>(codeSystem.property))
      if (typeof p?.code === 'string' && typeof p.type === 'string') types.set(p.code, p.type);
    this.propertyTypes = types;
    // parent and child codes, in pairs
    const links: string[] = [];
    this.#addConcepts(list<RawConcept>(codeSystem.concept), undefined, links);
    for (let i = 0; i < links.length; i += 2) {
      const p = this.#concepts.get(this.#key(links[i]!));
      const c = this.#concepts.get(this.#key(links[i + 1]!));
      if (!p || !c || p === c) continue;
      if (p.children === this.#noCodes) p.children = new Set();
      (p.children as Set<string>).add(c.code);
      if (c.parents === this.#noCodes) c.parents = new Set();
      (c.parents as Set<string>).add(p.code);
    }
  }

  /** True when every code of the system is in this resource (`content: complete`). */
  get complete(): boolean {
    return this.content === 'complete';
  }

  /** Number of concepts. */
  get size(): number {
    return this.#concepts.size;
  }

  /** The concept with this code (case-folded unless the system is case-sensitive). */
  get(code: string): IndexedConcept | undefined {
    return this.#concepts.get(this.#key(code));
  }

  /** All concepts, in definition order. */
  concepts(): IterableIterator<IndexedConcept> {
    return this.#concepts.values();
  }

  /** The codes subsumed by `code` (not including itself); empty when the code is unknown. */
  descendants(code: string): Set<string> {
    return this.#walk(code, (c) => c.children);
  }

  /** The codes that subsume `code` (not including itself). */
  ancestors(code: string): Set<string> {
    return this.#walk(code, (c) => c.parents);
  }

  /** The key used for matching: the code itself, or lower-cased when not case-sensitive. */
  #key(code: string): string {
    return this.caseSensitive ? code : code.toLowerCase();
  }

  #walk(code: string, next: (c: MutableConcept) => ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    const start = this.#concepts.get(this.#key(code));
    if (!start) return out;
    const stack = [...next(start)];
    while (stack.length > 0) {
      const c = this.#concepts.get(this.#key(stack.pop()!));
      if (!c || out.has(c.code) || c === start) continue;
      out.add(c.code);
      stack.push(...next(c));
    }
    return out;
  }

  #addConcepts(concepts: readonly RawConcept[], parent: string | undefined, links: string[]): void {
    for (const raw of concepts) {
      if (typeof raw !== 'object' || raw === null || typeof raw.code !== 'string') continue;
      const code = raw.code;
      const concept: MutableConcept = {
        code,
        display: raw.display,
        designations: Array.isArray(raw.designation)
          ? designationValues(raw.designation)
          : this.#none,
        properties: this.#noProperties,
        parents: this.#noCodes,
        children: this.#noCodes,
      };
      if (Array.isArray(raw.property)) this.#addProperties(concept, raw.property, links);
      const key = this.#key(code);
      if (!this.#concepts.has(key)) this.#concepts.set(key, concept);
      if (parent !== undefined) links.push(parent, code);
      if (Array.isArray(raw.concept)) this.#addConcepts(raw.concept, code, links);
    }
  }

  #addProperties(concept: MutableConcept, props: readonly unknown[], links: string[]): void {
    for (const prop of props as readonly (RawProperty | null)[]) {
      if (typeof prop !== 'object' || prop === null) continue;
      const value = propertyValue(prop);
      if (value === undefined || typeof prop.code !== 'string') continue;
      if (concept.properties === this.#noProperties) concept.properties = new Map();
      const properties = concept.properties as Map<string, string[]>;
      const values = properties.get(prop.code) ?? [];
      values.push(value);
      properties.set(prop.code, values);
      if (parentProperties.has(prop.code)) links.push(value, concept.code);
      else if (childProperties.has(prop.code)) links.push(concept.code, value);
    }
  }
}

/** The string values of a concept's designations. */
function designationValues(designations: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const d of designations as readonly ({ value?: unknown } | null)[]) {
    const v = d?.value;
    if (typeof v === 'string') out.push(v);
  }
  return out;
}

/** The array, or empty for anything else (malformed resources never throw). */
function list<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A concept property value as a string (codes, strings, booleans, numbers, dates). */
function propertyValue(prop: RawProperty): string | undefined {
  const p = prop as unknown as Record<string, unknown>;
  for (const key of [
    'valueCode',
    'valueString',
    'valueBoolean',
    'valueInteger',
    'valueDecimal',
    'valueDateTime',
  ]) {
    const v = p[key];
    if (v !== undefined && v !== null) return String(v);
  }
  const coding = p['valueCoding'] as { code?: unknown } | undefined;
  return typeof coding?.code === 'string' ? coding.code : undefined;
}
