import type { CodeSystem } from '../definitions/conformance-resource.js';

/** One concept of an indexed CodeSystem. */
export interface IndexedConcept {
  readonly code: string;
  readonly display?: string;
  /** Display values of all designations (any language), for the display check. */
  readonly designations: readonly string[];
  /** Property values by property code, as strings (`valueCode`, `valueString`, `valueBoolean` …). */
  readonly properties: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlySet<string>;
  readonly children: ReadonlySet<string>;
}

interface MutableConcept {
  code: string;
  display?: string;
  designations: string[];
  properties: Map<string, string[]>;
  parents: Set<string>;
  children: Set<string>;
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
    const links: [parent: string, child: string][] = [];
    this.#addConcepts(list<RawConcept>(codeSystem.concept), undefined, links);
    for (const [parent, child] of links) {
      const p = this.#concepts.get(this.#key(parent));
      const c = this.#concepts.get(this.#key(child));
      if (!p || !c || p === c) continue;
      p.children.add(c.code);
      c.parents.add(p.code);
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

  #addConcepts(
    concepts: readonly RawConcept[],
    parent: string | undefined,
    links: [string, string][],
  ): void {
    for (const raw of concepts) {
      if (typeof raw !== 'object' || raw === null || typeof raw.code !== 'string') continue;
      const concept: MutableConcept = {
        code: raw.code,
        ...(raw.display !== undefined ? { display: raw.display } : {}),
        designations: list<{ value?: unknown } | null>(raw.designation)
          .map((d) => d?.value)
          .filter((v): v is string => typeof v === 'string'),
        properties: new Map(),
        parents: new Set(),
        children: new Set(),
      };
      for (const prop of list<RawProperty | null>(raw.property)) {
        if (typeof prop !== 'object' || prop === null) continue;
        const value = propertyValue(prop);
        if (value === undefined || typeof prop.code !== 'string') continue;
        const values = concept.properties.get(prop.code) ?? [];
        values.push(value);
        concept.properties.set(prop.code, values);
        if (parentProperties.has(prop.code)) links.push([value, raw.code]);
        else if (childProperties.has(prop.code)) links.push([raw.code, value]);
      }
      if (!this.#concepts.has(this.#key(raw.code)))
        this.#concepts.set(this.#key(raw.code), concept);
      if (parent !== undefined) links.push([parent, raw.code]);
      this.#addConcepts(list<RawConcept>(raw.concept), raw.code, links);
    }
  }
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
