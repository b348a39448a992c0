/** Why a code could not be checked offline. */
export type NotCheckedReason =
  'system-not-available' | 'value-set-not-expandable' | 'value-set-not-found';

/** One code of an expansion. */
export interface ExpansionMember {
  readonly system: string;
  readonly version?: string;
  readonly code: string;
  readonly display?: string;
}

/**
 * A part of a value set that could not be expanded offline (a SNOMED CT filter, a system that is not
 * loaded, an unsupported filter, a missing imported value set). `system` undefined means the part
 * may hold codes of any system.
 */
export interface OpenPart {
  readonly system?: string;
  readonly reason: NotCheckedReason;
}

/** The outcome of looking a code up in an expansion. */
export type MembershipResult =
  | { readonly status: 'member'; readonly member: ExpansionMember }
  | { readonly status: 'not-member' }
  | { readonly status: 'unknown'; readonly reason: NotCheckedReason };

/**
 * A (possibly partial) ValueSet expansion: the codes known to be in the set, plus the open parts
 * that could not be expanded. A code that is not a known member is only "not in the value set"
 * when no open include could hold its system; a known member whose system is touched by an open
 * exclude is not certain either.
 */
export class Expansion {
  readonly valueSet: string;
  readonly #members: ReadonlyMap<string, ExpansionMember>;
  /** system -> (folded) code -> member, for lookups without building a key string. */
  readonly #bySystem = new Map<string, Map<string, ExpansionMember>>();
  readonly #byCode = new Map<string, ExpansionMember[]>();
  readonly #caseInsensitiveSystems: ReadonlySet<string>;
  readonly openIncludes: readonly OpenPart[];
  readonly openExcludes: readonly OpenPart[];

  /**
   * @param members keyed by {@link memberKey} (codes already case-folded for case-insensitive systems)
   * @param caseInsensitiveSystems systems whose codes match in any case
   */
  constructor(
    valueSet: string,
    members: ReadonlyMap<string, ExpansionMember>,
    caseInsensitiveSystems: ReadonlySet<string>,
    openIncludes: readonly OpenPart[],
    openExcludes: readonly OpenPart[],
  ) {
    this.valueSet = valueSet;
    this.#members = members;
    this.#caseInsensitiveSystems = caseInsensitiveSystems;
    this.openIncludes = openIncludes;
    this.openExcludes = openExcludes;
    for (const m of members.values()) {
      const folded = caseInsensitiveSystems.has(m.system) ? m.code.toLowerCase() : m.code;
      let codes = this.#bySystem.get(m.system);
      if (!codes) this.#bySystem.set(m.system, (codes = new Map()));
      if (!codes.has(folded)) codes.set(folded, m);
      const key = m.code.toLowerCase();
      const list = this.#byCode.get(key);
      if (list) list.push(m);
      else this.#byCode.set(key, [m]);
    }
  }

  /** True when every part was expanded: membership answers are then definite. */
  get complete(): boolean {
    return this.openIncludes.length === 0 && this.openExcludes.length === 0;
  }

  /** Number of known members. */
  get size(): number {
    return this.#members.size;
  }

  /** The known members, in expansion order. */
  members(): IterableIterator<ExpansionMember> {
    return this.#members.values();
  }

  /** The systems of the known members and of the open includes (undefined = any system). */
  systems(): Set<string | undefined> {
    const out = new Set<string | undefined>();
    for (const m of this.#members.values()) out.add(m.system);
    for (const o of this.openIncludes) out.add(o.system);
    return out;
  }

  /**
   * Looks a code up. With `system` undefined (a `code` element, whose system is implied by the
   * value set) any member with that code matches. `version`, when given, must equal the member's.
   */
  check(system: string | undefined, code: string, version?: string): MembershipResult {
    const member =
      system === undefined ? this.#findAnySystem(code) : this.#find(system, code, version);
    if (member) {
      const exclude =
        this.openExcludes.length === 0
          ? undefined
          : this.openExcludes.find((o) => o.system === undefined || o.system === member.system);
      return exclude ? { status: 'unknown', reason: exclude.reason } : { status: 'member', member };
    }
    const include =
      this.openIncludes.length === 0
        ? undefined
        : this.openIncludes.find(
            (o) => system === undefined || o.system === undefined || o.system === system,
          );
    return include ? { status: 'unknown', reason: include.reason } : notMember;
  }

  #find(system: string, code: string, version: string | undefined): ExpansionMember | undefined {
    const folded = this.#caseInsensitiveSystems.has(system) ? code.toLowerCase() : code;
    const m = this.#bySystem.get(system)?.get(folded);
    if (!m) return undefined;
    if (version !== undefined && m.version !== undefined && m.version !== version) return undefined;
    return m;
  }

  #findAnySystem(code: string): ExpansionMember | undefined {
    const list = this.#byCode.get(code.toLowerCase()) ?? [];
    return list.find((m) => m.code === code || this.#caseInsensitiveSystems.has(m.system));
  }
}

const notMember: MembershipResult = Object.freeze({ status: 'not-member' });

/** The map key of a member: system and (already case-folded when needed) code. */
export function memberKey(system: string, code: string): string {
  return `${system}\u0000${code}`;
}
