import type { CanonicalRegistry } from '../definitions/canonical-registry.js';
import type { ValueSet } from '../definitions/conformance-resource.js';
import { CodeSystemIndex } from './code-system-index.js';
import type { IndexedConcept } from './code-system-index.js';
import { expandValueSet } from './expand-value-set.js';
import { Expansion } from './expansion.js';
import type { NotCheckedReason } from './expansion.js';
import { defaultNotCheckableSystems } from './not-checkable-systems.js';
import { detached, systemSlot } from './system-slot.js';

export { Expansion } from './expansion.js';
export type { ExpansionMember, NotCheckedReason, OpenPart } from './expansion.js';

/** A code to check: the fields of a Coding (a `code` element gives only `code`). */
export interface CodingInput {
  readonly system?: string;
  readonly version?: string;
  readonly code?: string;
  readonly display?: string;
}

/**
 * The answer of a ValueSet membership check. `not-checked` is never a pass: the caller reports
 * `binding.not-checked` so that an unchecked code is visible.
 */
export type CodeValidation =
  | { readonly outcome: 'valid'; readonly display?: string; readonly displayMismatch?: boolean }
  | {
      readonly outcome: 'invalid';
      readonly reason: 'not-in-value-set' | 'unknown-code' | 'unknown-system-version';
    }
  | { readonly outcome: 'not-checked'; readonly reason: NotCheckedReason };

/** Where terminology resources come from: a {@link CanonicalRegistry}, or any lookup of the same shape. */
export type TerminologySource = Pick<CanonicalRegistry, 'codeSystem' | 'valueSet'>;

/** The answer of {@link LocalTerminology.checkCoding}. */
export type CodingCheck =
  | { readonly outcome: 'not-available' }
  | { readonly outcome: 'supplement' }
  | { readonly outcome: 'unknown-code' }
  | { readonly outcome: 'found'; readonly display?: string; readonly displayMismatch?: boolean };

/** Options of {@link LocalTerminology}. */
export interface LocalTerminologyOptions {
  /**
   * Terminology to defer to for what `registry` does not hold: a validation's payload terminology
   * (contained and Bundle CodeSystems and ValueSets) sits over the validator's, whose expansions and
   * indexes stay cached.
   */
  readonly fallback?: LocalTerminology;
  /**
   * Systems never checked offline, in addition to {@link defaultNotCheckableSystems} (SNOMED CT,
   * dm+d, LOINC, UCUM, ICD …), even when a CodeSystem resource for them is loaded.
   */
  readonly notCheckableSystems?: readonly string[];
}

/**
 * Offline terminology over the conformance resources of a {@link CanonicalRegistry}: ValueSet
 * expansion, membership checks and CodeSystem lookup. Expansions and CodeSystem indexes are cached
 * per instance (one instance per validator; never shared module state).
 */
export class LocalTerminology {
  readonly #registry: TerminologySource;
  readonly #fallback: LocalTerminology | undefined;
  readonly #notCheckable: ReadonlySet<string>;
  readonly #expansions = new Map<string, Expansion | undefined>();
  readonly #codeSystems = new Map<string, CodeSystemIndex | undefined>();
  readonly #inProgress = new Set<string>();
  /** Answers for codings without version or display, by value set, system and code (bounded). */
  readonly #answers = new Map<string, Map<string, Map<string, CodeValidation>>>();
  /** Expansions of ValueSet resources given as objects (contained or in the payload). */
  readonly #byResource = new WeakMap<ValueSet, Expansion>();
  #answerCount = 0;
  /**
   * Answers of {@link checkCodingOf} by system (null: not checkable), version and code (bounded); the
   * display is judged per call against the remembered concept (no payload text is kept).
   */
  readonly #codingAnswers = new Map<
    string,
    Map<string | undefined, Map<string, CodeAnswer>> | null
  >();
  #codingAnswerCount = 0;
  /** The system last met in each slot (see system-slot.ts) and its entry of {@link #codingAnswers}. */
  readonly #recentSystems: (string | undefined)[] = [];
  readonly #recentAnswers: (Map<string | undefined, Map<string, CodeAnswer>> | null)[] = [];

  constructor(registry: TerminologySource, options: LocalTerminologyOptions = {}) {
    this.#registry = registry;
    this.#fallback = options.fallback;
    this.#notCheckable = new Set([
      ...defaultNotCheckableSystems,
      ...(options.notCheckableSystems ?? []),
    ]);
  }

  /** True when codes of `system` can be looked up offline (a loaded CodeSystem with content). */
  isAvailable(system: string, version?: string): boolean {
    return this.codeSystem(system, version) !== undefined;
  }

  /**
   * The indexed CodeSystem for `system` (and `version` when given), or undefined when it is not
   * loaded, is `not-present`/`supplement`, lists no concepts, or is in the not-checkable list.
   */
  codeSystem(system: string, version?: string): CodeSystemIndex | undefined {
    if (this.#notCheckable.has(system)) return undefined;
    const key = version === undefined ? system : `${system}|${version}`;
    if (this.#codeSystems.has(key)) return this.#codeSystems.get(key);
    const cs = this.#registry.codeSystem(key);
    if (!cs && this.#fallback) return this.#fallback.codeSystem(system, version);
    // a CodeSystem with no concepts is treated as not present (R4's message-events says `complete` but lists none)
    const usable =
      cs && cs.content !== 'not-present' && !isSupplement(cs) && (cs.concept?.length ?? 0) > 0;
    const index = usable ? new CodeSystemIndex(cs) : undefined;
    // a payload's system: kept as a copy (never a slice of an XML document's text), and bounded
    keepBounded(this.#codeSystems, key, index);
    return index;
  }

  /** The expansion of a ValueSet (`url` or `url|version`), or undefined when it is not loaded. Cached. */
  expand(valueSet: string): Expansion | undefined {
    if (this.#expansions.has(valueSet)) return this.#expansions.get(valueSet);
    if (this.#inProgress.has(valueSet)) {
      return new Expansion(
        valueSet,
        new Map(),
        new Set(),
        [{ reason: 'value-set-not-expandable' }],
        [],
      );
    }
    const vs = this.#registry.valueSet(valueSet);
    if (!vs && this.#fallback) return this.#fallback.expand(valueSet);
    if (!vs) {
      // an unknown url may come from a payload: a copy (see detached), and bounded
      keepBounded(this.#expansions, valueSet, undefined);
      return undefined;
    }
    this.#inProgress.add(valueSet);
    try {
      const expansion = expandValueSet(vs, {
        codeSystem: (s, v) => this.codeSystem(s, v),
        expand: (u) => this.expand(u),
      });
      keepBounded(this.#expansions, valueSet, expansion);
      return expansion;
    } finally {
      this.#inProgress.delete(valueSet);
    }
  }

  /**
   * Checks a code against a ValueSet. A coding without `system` (a `code` element) takes its system
   * from the value set. Valid codes of a local CodeSystem also get a display check. A coding
   * `version` that no loaded copy of a local system has is checked against the loaded version: a
   * member is valid, a non-member gives `unknown-system-version` (the code may exist in the version
   * sent), never a false `unknown-code`.
   */
  validateCode(valueSet: string, coding: CodingInput): CodeValidation {
    // the same status codes and systems recur in every resource: answers are kept (the expansions
    // they come from are cached anyway), except for codings whose version or display matter
    if (coding.version !== undefined || coding.display !== undefined)
      return this.#validateCode(valueSet, coding);
    // nested maps on the strings as they are: no key string is built per call
    let bySystem = this.#answers.get(valueSet);
    if (bySystem === undefined) this.#answers.set(valueSet, (bySystem = new Map()));
    const system = coding.system ?? '';
    let byCode = bySystem.get(system);
    if (byCode === undefined) bySystem.set(detached(system), (byCode = new Map()));
    const code = coding.code ?? '';
    const known = byCode.get(code);
    if (known !== undefined) return known;
    const answer = this.#validateCode(valueSet, coding);
    if (++this.#answerCount > maxAnswers) {
      this.#answers.clear();
      this.#answerCount = 0;
    } else byCode.set(detached(code), answer);
    return answer;
  }

  /**
   * Checks a code against a ValueSet resource that is not (or need not be) in the registry: one
   * contained in, or carried by, the payload. Its expansion is kept for the lifetime of the object.
   */
  validateCodeIn(valueSet: ValueSet, coding: CodingInput): CodeValidation {
    return this.#check(this.expandResource(valueSet), coding);
  }

  /** The expansion of a ValueSet resource (payload or contained), kept per object. */
  expandResource(valueSet: ValueSet): Expansion {
    let expansion = this.#byResource.get(valueSet);
    if (expansion === undefined) {
      expansion = expandValueSet(valueSet, {
        codeSystem: (s, v) => this.codeSystem(s, v),
        expand: (u) => this.expand(u),
      });
      this.#byResource.set(valueSet, expansion);
    }
    return expansion;
  }

  #validateCode(valueSet: string, coding: CodingInput): CodeValidation {
    const expansion = this.expand(valueSet);
    if (!expansion) return { outcome: 'not-checked', reason: 'value-set-not-found' };
    return this.#check(expansion, coding);
  }

  #check(expansion: Expansion, coding: CodingInput): CodeValidation {
    const { system, code } = coding;
    if (code === undefined || code === '')
      return { outcome: 'invalid', reason: 'not-in-value-set' };
    const versionUnknown =
      system !== undefined &&
      coding.version !== undefined &&
      this.#unknownVersion(system, coding.version);
    const version = versionUnknown ? undefined : coding.version;
    const result = expansion.check(system, code, version);
    if (result.status === 'unknown') return { outcome: 'not-checked', reason: result.reason };
    if (result.status === 'not-member') {
      if (versionUnknown) return { outcome: 'invalid', reason: 'unknown-system-version' };
      const cs = system === undefined ? undefined : this.codeSystem(system, version);
      const unknown = cs !== undefined && cs.complete && cs.get(code) === undefined;
      return { outcome: 'invalid', reason: unknown ? 'unknown-code' : 'not-in-value-set' };
    }
    const member = result.member;
    const concept = this.codeSystem(member.system, version)?.get(code);
    // plain assignments: conditional object spreads are slow on this hot path
    const valid: { outcome: 'valid'; display?: string; displayMismatch?: boolean } = {
      outcome: 'valid',
    };
    const display = concept?.display ?? member.display;
    if (display !== undefined) valid.display = display;
    if (coding.display !== undefined && concept && !displayMatches(coding.display, concept))
      valid.displayMismatch = true;
    return valid;
  }

  /**
   * Checks a Coding against its own CodeSystem, whatever the element's binding: `supplement` when the
   * system names a CodeSystem supplement (never a valid Coding.system), `unknown-code` when a complete
   * local CodeSystem lacks the code, `found` (with a display check) when it has it, and
   * `not-available` when the system (or the version given) is not loaded with content, or is not
   * checkable offline.
   */
  checkCoding(coding: CodingInput): CodingCheck {
    const { system, code } = coding;
    if (system === undefined || code === undefined) return notAvailable;
    return this.checkCodingOf(system, code, coding.version, coding.display);
  }

  /**
   * {@link checkCoding} on the fields themselves (no coding object is made). Answers are remembered
   * per system, version and code for this instance's life (bounded: cleared when full); a display
   * other than the concept's own is compared to it on each call.
   */
  checkCodingOf(
    system: string,
    code: string,
    version: string | undefined,
    display: string | undefined,
  ): CodingCheck {
    // nested maps on the strings as they are: no key string is built per call (a system not
    // checkable offline is remembered as null: one lookup answers its codings); the system last met
    // in its slot answers without hashing the system
    const slot = systemSlot(system);
    let byVersion: Map<string | undefined, Map<string, CodeAnswer>> | null | undefined;
    if (this.#recentSystems[slot] === system) byVersion = this.#recentAnswers[slot]!;
    else {
      byVersion = this.#codingAnswers.get(system);
      if (byVersion === undefined) {
        if (this.#notCheckable.has(system)) {
          if (++this.#codingAnswerCount > maxAnswers) this.#forgetCodings();
          else this.#recentCoding(slot, system, null);
          return notAvailable;
        }
        this.#recentCoding(slot, system, (byVersion = new Map()));
      } else {
        // the Map keeps the system first met; this one may be part of a payload's text
        this.#recentSystems[slot] = detached(system);
        this.#recentAnswers[slot] = byVersion;
      }
    }
    if (byVersion === null) return notAvailable;
    let byCode = byVersion.get(version);
    if (byCode === undefined)
      byVersion.set(version === undefined ? version : detached(version), (byCode = new Map()));
    let known = byCode.get(code);
    if (known === undefined) {
      known = this.#codeAnswer(system, code, version);
      if (++this.#codingAnswerCount > maxAnswers) this.#forgetCodings();
      else byCode.set(detached(code), known);
    }
    const concept = known.concept;
    if (
      display === undefined ||
      concept === undefined ||
      concept.display === undefined ||
      display === concept.display ||
      displayMatches(display, concept)
    )
      return known.check;
    return (known.mismatch ??= { ...(known.check as FoundCheck), displayMismatch: true });
  }

  /** Remembers the answers of a system (null: not checkable) in the map and in its slot. */
  #recentCoding(
    slot: number,
    system: string,
    answers: Map<string | undefined, Map<string, CodeAnswer>> | null,
  ): void {
    const kept = detached(system);
    this.#codingAnswers.set(kept, answers);
    this.#recentSystems[slot] = kept;
    this.#recentAnswers[slot] = answers;
  }

  /** Empties {@link #codingAnswers} and its slots (when full). */
  #forgetCodings(): void {
    this.#codingAnswers.clear();
    this.#recentSystems.length = 0;
    this.#recentAnswers.length = 0;
    this.#codingAnswerCount = 0;
  }

  /** The answer for a code of a system (and version), with the concept a display is judged against. */
  #codeAnswer(system: string, code: string, version: string | undefined): CodeAnswer {
    const cs = this.codeSystem(system, version);
    if (!cs) return codeAnswer(this.#isSupplement(system) ? supplement : notAvailable);
    const concept = cs.get(code);
    if (!concept) return codeAnswer(cs.complete ? unknownCode : notAvailable);
    const found: FoundCheck = { outcome: 'found' };
    if (concept.display !== undefined) found.display = concept.display;
    return codeAnswer(found, concept);
  }

  #isSupplement(system: string): boolean {
    const cs = this.#registry.codeSystem(system);
    if (cs) return isSupplement(cs);
    const fallback = this.#fallback;
    return fallback ? fallback.#isSupplement(system) : false;
  }

  /**
   * Looks a code up in a local CodeSystem. Undefined when the system is not available locally, or
   * when it is a fragment/example that does not hold the code (absence proves nothing there).
   */
  lookup(
    system: string,
    code: string,
    version?: string,
  ): { found: boolean; display?: string } | undefined {
    const cs = this.codeSystem(system, version);
    if (!cs) return undefined;
    const concept = cs.get(code);
    if (concept)
      return concept.display === undefined
        ? { found: true }
        : { found: true, display: concept.display };
    return cs.complete ? { found: false } : undefined;
  }

  /** A version given in the data that no loaded, complete, versioned copy of a local system has. */
  #unknownVersion(system: string, version: string): boolean {
    const latest = this.codeSystem(system);
    if (!latest || !latest.complete || latest.version === undefined) return false;
    return this.codeSystem(system, version) === undefined;
  }
}

/** The `found` answer of {@link LocalTerminology.checkCoding}. */
type FoundCheck = { outcome: 'found'; display?: string; displayMismatch?: boolean };

/** A remembered answer of {@link LocalTerminology.checkCodingOf} for one code. */
interface CodeAnswer {
  /** The answer without a display, or with one that matches. */
  readonly check: CodingCheck;
  /** The concept found, a given display is compared to. */
  readonly concept: IndexedConcept | undefined;
  /** The answer with a display that does not match (made on the first). */
  mismatch: CodingCheck | undefined;
}

/** A {@link CodeAnswer} (one shape for all). */
function codeAnswer(check: CodingCheck, concept?: IndexedConcept): CodeAnswer {
  return { check, concept, mismatch: undefined };
}

/**
 * Bound on the code systems and value sets remembered by url (loaded or not): the urls a payload
 * names are remembered too, so the maps are emptied when they reach it.
 */
const maxCodeSystems = 10_000;

/** Sets `key` (as a copy: see `detached`) in `map`, emptied first when it holds {@link maxCodeSystems}. */
function keepBounded<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= maxCodeSystems) map.clear();
  map.set(detached(key), value);
}

/** Bound on the remembered answers of {@link LocalTerminology.validateCode} and of {@link LocalTerminology.checkCodingOf} (each cleared when reached). */
const maxAnswers = 20_000;

/** The answers of {@link LocalTerminology.checkCoding} that carry nothing else, shared. */
const notAvailable: CodingCheck = Object.freeze({ outcome: 'not-available' });
const supplement: CodingCheck = Object.freeze({ outcome: 'supplement' });
const unknownCode: CodingCheck = Object.freeze({ outcome: 'unknown-code' });

/** A CodeSystem supplement: `content: supplement`, or a `supplements` canonical (whatever the content says). */
function isSupplement(cs: { content?: string }): boolean {
  return (
    cs.content === 'supplement' || typeof (cs as { supplements?: unknown }).supplements === 'string'
  );
}

/** Display comparison: case-insensitive, whitespace-normalised, against display and designations. */
function displayMatches(given: string, concept: IndexedConcept): boolean {
  const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
  if (concept.display === undefined || given === concept.display) return true;
  const wanted = norm(given);
  return norm(concept.display) === wanted || concept.designations.some((d) => norm(d) === wanted);
}
