/**
 * A Measure's CQL criteria against its libraries: a criteria of language `text/cql.identifier`
 * names an expression of the Measure's library, and one of language `text/cql` that is a plain
 * (optionally library-qualified) identifier does too (R4 Expression.expression). When every
 * library the Measure names is found with its CQL source (contained, in the enclosing Bundle, or
 * loaded), a name that no `define` of those libraries declares is an error at the criteria.
 * A library that cannot be found, or has no CQL source, is not judged.
 * @module
 */
import type { ValidationContext } from './validation-context.js';
import { canonicalMatches } from './questionnaire/resolve.js';
import { isObject } from './walk-element.js';

type Json = Record<string, unknown>;

/** A library's name (for `Lib.Name` qualifiers) and the names its `define`s declare. */
interface LibraryDefinitions {
  readonly names: ReadonlySet<string>;
  readonly defines: ReadonlySet<string>;
}

const reDefine =
  /^[ \t]*define[ \t]+(?:(?:public|private)[ \t]+)?(?:fluent[ \t]+)?(?:function[ \t]+)?(?:"((?:[^"\\]|\\.)+)"|([A-Za-z_][A-Za-z0-9_]*))/gm;
const reLibraryHeader = /^\s*library\s+(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))/m;
/** `Name`, `"Name"`, `Lib.Name`, `Lib."Name"`, `"Lib"."Name"` (a reference to a definition, nothing more). */
const reQualified =
  /^(?:(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\.)?(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))$/;

/** Checks one Measure (already walked structurally). */
export function checkMeasure(ctx: ValidationContext, measure: Json): void {
  const refs = Array.isArray(measure['library'])
    ? measure['library'].filter((r): r is string => typeof r === 'string')
    : [];
  if (refs.length === 0) return;
  const libraries: LibraryDefinitions[] = [];
  for (const ref of refs) {
    const library = findLibrary(ctx, measure, ref);
    const definitions = library ? definitionsOf(library) : undefined;
    if (!definitions) return; // a library we cannot read: the criteria cannot be judged
    libraries.push(definitions);
  }
  forEachCriteria(ctx, measure, (criteria) => {
    const name = referencedName(criteria, libraries);
    if (name !== undefined && !libraries.some((l) => l.defines.has(name)))
      ctx.report('measure.criteria-not-in-library', { name });
  });
}

/** The definition a criteria names, when it names one of these libraries' definitions plainly. */
function referencedName(criteria: Json, libraries: LibraryDefinitions[]): string | undefined {
  const language = criteria['language'];
  const expression = criteria['expression'];
  if (typeof expression !== 'string') return undefined;
  if (language === 'text/cql.identifier') {
    const m = reQualified.exec(expression);
    const qualifier = m?.[1] ?? m?.[2];
    if (m && qualifier !== undefined && libraries.some((l) => l.names.has(qualifier)))
      return m[3] ?? m[4];
    return expression.replace(/^"(.*)"$/, '$1');
  }
  if (language !== 'text/cql') return undefined;
  const m = reQualified.exec(expression.trim());
  if (!m) return undefined; // an inline CQL expression, not a reference
  const qualifier = m[1] ?? m[2];
  // unqualified CQL is a reference only when quoted (a bare word may be a keyword or literal)
  if (qualifier === undefined) return m[3];
  return libraries.some((l) => l.names.has(qualifier)) ? (m[3] ?? m[4]) : undefined;
}

/** Calls `visit` at every criteria of the Measure, with the location set. */
function forEachCriteria(ctx: ValidationContext, measure: Json, visit: (c: Json) => void): void {
  const at = (parent: Json, property: string, inner: (item: Json) => void) => {
    const items = parent[property];
    if (!Array.isArray(items)) return;
    ctx.pushProperty(`.${property}`, property);
    items.forEach((item, i) => {
      if (!isObject(item)) return;
      ctx.pushIndex(i);
      inner(item);
      ctx.pop();
    });
    ctx.pop();
  };
  const criteria = (item: Json) => {
    const c = item['criteria'];
    if (!isObject(c)) return;
    ctx.pushProperty('.criteria', 'criteria');
    visit(c);
    ctx.pop();
  };
  at(measure, 'group', (group) => {
    at(group, 'population', criteria);
    at(group, 'stratifier', (stratifier) => {
      criteria(stratifier);
      at(stratifier, 'component', criteria);
    });
  });
  at(measure, 'supplementalData', criteria);
}

/** The names and definitions of a Library's CQL source (the first `text/cql` content with data). */
function definitionsOf(library: Json): LibraryDefinitions | undefined {
  const content = Array.isArray(library['content']) ? library['content'] : [];
  for (const c of content) {
    if (!isObject(c) || c['contentType'] !== 'text/cql' || typeof c['data'] !== 'string') continue;
    const text = decodeBase64Utf8(c['data']);
    if (text === undefined) return undefined;
    const defines = new Set<string>();
    for (const m of text.matchAll(reDefine)) defines.add(m[1] ?? m[2]!);
    const names = new Set<string>();
    if (typeof library['name'] === 'string') names.add(library['name']);
    const header = reLibraryHeader.exec(text);
    if (header) names.add(header[1] ?? header[2]!);
    return { names, defines };
  }
  return undefined;
}

function decodeBase64Utf8(data: string): string | undefined {
  try {
    const binary = atob(data.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

function findLibrary(ctx: ValidationContext, measure: Json, ref: string): Json | undefined {
  const isLibrary = (r: unknown): r is Json => isObject(r) && r['resourceType'] === 'Library';
  const contained = Array.isArray(measure['contained']) ? measure['contained'] : [];
  if (ref.startsWith('#'))
    return contained.find((c): c is Json => isLibrary(c) && c['id'] === ref.slice(1));
  const local = contained.find((c): c is Json => isLibrary(c) && canonicalMatches(c, ref));
  if (local) return local;
  for (const container of ctx.containers) {
    if (container['resourceType'] !== 'Bundle' || !Array.isArray(container['entry'])) continue;
    for (const entry of container['entry']) {
      const r = isObject(entry) ? entry['resource'] : undefined;
      if (isLibrary(r) && canonicalMatches(r, ref)) return r;
    }
  }
  const loaded = ctx.services.model.registry.resolve(ref, 'Library') as unknown;
  return isLibrary(loaded) ? loaded : undefined;
}
