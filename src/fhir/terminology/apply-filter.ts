import type { CodeSystemIndex, IndexedConcept } from './code-system-index.js';

/** A `ValueSet.compose.include.filter`. */
export interface ValueSetFilter {
  readonly property?: string;
  readonly op?: string;
  readonly value?: string;
}

/** Properties that name the concept itself. */
const conceptProperties = new Set(['concept', 'code']);

/**
 * The codes of a local CodeSystem selected by one filter, or undefined when the filter cannot be
 * evaluated offline (unknown operator, property the CodeSystem does not declare, invalid regex).
 * Supports `is-a`, `descendent-of`, `is-not-a`, `generalizes`, `=`, `in`, `not-in`, `regex` and
 * `exists`; the hierarchy comes from {@link CodeSystemIndex}.
 */
export function applyFilter(cs: CodeSystemIndex, filter: ValueSetFilter): Set<string> | undefined {
  if (typeof filter !== 'object' || filter === null) return undefined;
  const { property, op, value } = filter;
  if (typeof property !== 'string' || typeof op !== 'string' || typeof value !== 'string')
    return undefined;
  switch (op) {
    case 'is-a':
    case 'descendent-of':
    case 'is-not-a':
    case 'generalizes':
      return conceptProperties.has(property) ? hierarchyFilter(cs, op, value) : undefined;
    case '=':
      return select(cs, property, (v) => v === value);
    case 'in':
    case 'not-in': {
      const values = new Set(value.split(',').map((v) => v.trim()));
      const selected = select(cs, property, (v) => values.has(v));
      return op === 'in' || selected === undefined ? selected : complement(cs, selected);
    }
    case 'regex': {
      const re = compileRegex(value);
      return re ? select(cs, property, (v) => re.test(v)) : undefined;
    }
    case 'exists': {
      if (value !== 'true' && value !== 'false') return undefined;
      const having = select(cs, property, () => true);
      return having === undefined || value === 'true' ? having : complement(cs, having);
    }
    default:
      return undefined;
  }
}

function hierarchyFilter(cs: CodeSystemIndex, op: string, value: string): Set<string> {
  const concept = cs.get(value);
  if (!concept) return op === 'is-not-a' ? complement(cs, new Set()) : new Set();
  if (op === 'descendent-of') return cs.descendants(concept.code);
  if (op === 'generalizes') return new Set([concept.code, ...cs.ancestors(concept.code)]);
  const isA = new Set([concept.code, ...cs.descendants(concept.code)]);
  return op === 'is-a' ? isA : complement(cs, isA);
}

/** Codes whose `property` has a value accepted by `test`; undefined for an unknown property. */
function select(
  cs: CodeSystemIndex,
  property: string,
  test: (v: string) => boolean,
): Set<string> | undefined {
  const values = propertyReader(cs, property);
  if (!values) return undefined;
  const out = new Set<string>();
  for (const c of cs.concepts()) if (values(c).some(test)) out.add(c.code);
  return out;
}

/** How to read a property's values from a concept, or undefined when the property is not known. */
function propertyReader(
  cs: CodeSystemIndex,
  property: string,
): ((c: IndexedConcept) => readonly string[]) | undefined {
  if (conceptProperties.has(property)) return (c) => [c.code];
  if (property === 'display') return (c) => (c.display === undefined ? [] : [c.display]);
  if (property === 'parent') return (c) => [...c.parents];
  if (property === 'child') return (c) => [...c.children];
  if (cs.declaredProperties.has(property)) return (c) => c.properties.get(property) ?? [];
  return undefined;
}

function complement(cs: CodeSystemIndex, codes: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const c of cs.concepts()) if (!codes.has(c.code)) out.add(c.code);
  return out;
}

/** FHIR regex filters match the whole value; an invalid pattern makes the filter not evaluable. */
function compileRegex(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try the next flag set; a pattern invalid in both is not evaluable
    }
  }
  return undefined;
}
