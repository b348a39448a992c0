import type { ValueSet } from '../definitions/conformance-resource.js';
import { applyFilter } from './apply-filter.js';
import type { ValueSetFilter } from './apply-filter.js';
import type { CodeSystemIndex } from './code-system-index.js';
import type { ExpansionMember, OpenPart } from './expansion.js';
import { Expansion, memberKey } from './expansion.js';

/** What an expansion reads: local CodeSystems and (for `include.valueSet`) other expansions. */
export interface ExpansionSources {
  /** The CodeSystem when it is available offline; undefined when not loaded, `not-present` or not checkable. */
  codeSystem(system: string, version?: string): CodeSystemIndex | undefined;
  /** The expansion of an imported value set; undefined when it is not loaded. */
  expand(valueSet: string): Expansion | undefined;
}

type Include = NonNullable<NonNullable<ValueSet['compose']>['include']>[number];
type Contains = NonNullable<NonNullable<ValueSet['expansion']>['contains']>[number];

interface Part {
  readonly members: Map<string, ExpansionMember>;
  readonly open: OpenPart[];
}

/**
 * Expands a ValueSet offline. `compose` is evaluated when present (include/exclude by concept list,
 * whole system, filters, `valueSet` imports, pinned versions); parts that cannot be expanded become
 * open parts. A stored `expansion.contains` is used as the definition when there is no `compose`,
 * and as known members (never as proof of absence) when the compose could not be fully expanded.
 */
export function expandValueSet(valueSet: ValueSet, sources: ExpansionSources): Expansion {
  const builder = new ExpansionBuilder(sources);
  const url = valueSet.url ?? '';
  const members = new Map<string, ExpansionMember>();
  const openIncludes: OpenPart[] = [];
  const openExcludes: OpenPart[] = [];
  const compose = valueSet.compose;
  if (compose) {
    for (const inc of list<Include>(compose.include)) {
      const part = builder.include(inc);
      for (const [k, m] of part.members) if (!members.has(k)) members.set(k, m);
      openIncludes.push(...part.open);
    }
    for (const exc of list<Include>(compose.exclude)) {
      const part = builder.include(exc);
      for (const k of part.members.keys()) members.delete(k);
      openExcludes.push(...part.open);
    }
  }
  const stored = valueSet.expansion;
  if (stored && (!compose || openIncludes.length > 0)) {
    const flat: ExpansionMember[] = [];
    flatten(list<Contains>(stored.contains), flat);
    for (const m of flat) {
      const k = builder.key(m.system, m.code);
      if (!members.has(k)) members.set(k, m);
    }
    const total = typeof stored.total === 'number' ? stored.total : flat.length;
    if (!compose && ((stored.offset ?? 0) > 0 || total > flat.length))
      openIncludes.push({ reason: 'value-set-not-expandable' });
  } else if (!compose) {
    openIncludes.push({ reason: 'value-set-not-expandable' });
  }
  return new Expansion(
    url,
    members,
    builder.caseInsensitive,
    dedupe(openIncludes),
    dedupe(openExcludes),
  );
}

class ExpansionBuilder {
  readonly caseInsensitive = new Set<string>();
  readonly #sources: ExpansionSources;

  constructor(sources: ExpansionSources) {
    this.#sources = sources;
  }

  /** The member key, with the code folded when the system's CodeSystem is not case-sensitive. */
  key(system: string, code: string, cs?: CodeSystemIndex): string {
    const index = cs ?? this.#sources.codeSystem(system);
    if (index && !index.caseSensitive) {
      this.caseInsensitive.add(system);
      return memberKey(system, code.toLowerCase());
    }
    return memberKey(system, code);
  }

  /** One include (or exclude): the intersection of its system part and its imported value sets. */
  include(inc: Include): Part {
    const parts: Part[] = [];
    if (typeof inc !== 'object' || inc === null) return { members: new Map(), open: [] };
    if (typeof inc.system === 'string') parts.push(this.#systemPart(inc, inc.system));
    for (const url of list<unknown>(inc.valueSet))
      if (typeof url === 'string') parts.push(this.#importPart(url, inc.system));
    const [first, ...rest] = parts;
    if (!first) return { members: new Map(), open: [] };
    const members = new Map(
      [...first.members].filter(([k]) => rest.every((p) => p.members.has(k))),
    );
    const open = parts
      .flatMap((p) => p.open)
      .map((o) => (o.system === undefined && inc.system ? { ...o, system: inc.system } : o));
    return { members, open };
  }

  #systemPart(inc: Include, system: string): Part {
    const cs = this.#sources.codeSystem(system, inc.version);
    const members = new Map<string, ExpansionMember>();
    const concepts = list<{ code?: unknown; display?: string } | null>(inc.concept);
    if (concepts.length > 0) {
      for (const c of concepts) {
        if (typeof c?.code !== 'string') continue;
        members.set(
          this.key(system, c.code, cs),
          member(system, c.code, inc.version, cs?.get(c.code)?.display ?? c.display),
        );
      }
      return { members, open: [] };
    }
    if (!cs) return { members, open: [{ system, reason: 'system-not-available' }] };
    const open: OpenPart[] = cs.complete ? [] : [{ system, reason: 'system-not-available' }];
    let codes: Iterable<string> = [...cs.concepts()].map((c) => c.code);
    for (const filter of list<ValueSetFilter>(inc.filter)) {
      const selected = applyFilter(cs, filter);
      if (!selected)
        return { members: new Map(), open: [{ system, reason: 'value-set-not-expandable' }] };
      codes = [...codes].filter((c) => selected.has(c));
    }
    for (const code of codes) {
      members.set(
        this.key(system, code, cs),
        member(system, code, inc.version, cs.get(code)?.display),
      );
    }
    return { members, open };
  }

  #importPart(url: string, system: string | undefined): Part {
    const imported = this.#sources.expand(url);
    if (!imported)
      return {
        members: new Map(),
        open: [{ ...(system ? { system } : {}), reason: 'value-set-not-found' }],
      };
    const uncertain = imported.openExcludes;
    const members = new Map<string, ExpansionMember>();
    for (const m of imported.members()) {
      if (system !== undefined && m.system !== system) continue;
      if (uncertain.some((o) => o.system === undefined || o.system === m.system)) continue;
      members.set(this.key(m.system, m.code), m);
    }
    return { members, open: [...imported.openIncludes, ...uncertain] };
  }
}

function flatten(contains: readonly Contains[], out: ExpansionMember[]): void {
  for (const c of contains) {
    if (typeof c !== 'object' || c === null) continue;
    if (typeof c.system === 'string' && typeof c.code === 'string')
      out.push(member(c.system, c.code, c.version, c.display));
    flatten(list<Contains>(c.contains), out);
  }
}

/** A member built with plain assignments (conditional spreads are slow for large systems). */
function member(
  system: string,
  code: string,
  version: string | undefined,
  display: string | undefined,
): ExpansionMember {
  const m: { system: string; code: string; version?: string; display?: string } = { system, code };
  if (version !== undefined) m.version = version;
  if (display !== undefined) m.display = display;
  return m;
}

/** The array, or empty for anything else (malformed resources never throw). */
function list<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function dedupe(parts: readonly OpenPart[]): OpenPart[] {
  const seen = new Set<string>();
  return parts.filter((p) => {
    const k = `${p.system ?? '*'}\u0000${p.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
