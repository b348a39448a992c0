import type { IssueCollector, IssueInput } from '../../issues/collector.js';
import type { IssueParamsOf, ReportableCode } from '../../issues/codes/index.js';
import type { IssueParams, Severity } from '../../issues/issue.js';
import { escapePointer } from '../../input/json-text.js';
import type { MembershipAnswers, RecordRef } from '../../validation-result.js';
import type { StructureModel } from '../definitions/compiled/structure-model.js';
import type { FhirPathEngine } from '../fhirpath.js';
import type { CompiledInvariant } from '../fhirpath-compiled/compile.js';
import type { LocalTerminology } from '../terminology/terminology.js';
import type { CompiledStructure, ElementNode } from '../definitions/compiled/element-node.js';
import type { ConstraintCache } from './invariants.js';
import type { CompiledSlicing, SliceServices } from './slicing/slice-matcher.js';
import type { SimpleInvariant } from './simple-invariant.js';
import type { ComplexTarget } from './walk-element.js';
import type { VitalSignsByCode } from './vital-signs.js';
import { IssueCollector as Collector } from '../../issues/collector.js';
import type { CodeSyntaxRule } from './code-syntax.js';

/** Runtime services and limits shared by every check of one validation call. */
export interface EngineServices {
  readonly model: StructureModel;
  readonly fhirpath: FhirPathEngine;
  readonly terminology: LocalTerminology;
  /** The compiled slicing of a sliced element (cached per validator). */
  readonly slicing: (sliced: ElementNode, structure: CompiledStructure) => CompiledSlicing;
  /** The compiled fast path of an invariant expression, or undefined (cached per validator). */
  readonly simpleInvariant: (expression: string) => SimpleInvariant | undefined;
  /** The short-circuit guard of an invariant expression, or undefined (cached per validator). */
  readonly invariantGuard: (expression: string) => SimpleInvariant | undefined;
  /** The invariant compiled to a closure for FHIRPath base `base`, or undefined (cached per validator). */
  readonly compiledInvariant: (base: string, expression: string) => CompiledInvariant | undefined;
  /** Constraints that apply per element node and value type (filled by invariants.ts). */
  /** Resource types held by an element of several types (null: not a resource element). */
  readonly resourceTypeCache: Map<ElementNode, string[] | null>;
  /** Whether a type name is a resource type (`[name]`, or `['Resource']`), null when a data type. */
  readonly resourceTypeByName: Map<string, string[] | null>;
  /** Reference target types and profiles per element (null: any type). */
  readonly referenceTargetCache: Map<
    ElementNode,
    { types: Set<string>; profiles: string[]; unresolved?: string[] } | null
  >;
  /**
   * What a Coding's checks need of its system, by system (see coding.ts): read once per system, with
   * the identifier-syntax answers of its codes (bounded).
   */
  readonly codeSyntaxMemo: {
    readonly bySystem: Map<string, CodingSystemFacts>;
    /**
     * The facts last met in each slot of systems (see system-slot.ts): the usual systems are found
     * by comparing strings, without hashing a payload's system for the Map.
     */
    readonly recent: (CodingSystemFacts | undefined)[];
    size: number;
  };
  /** Aggregation modes listed by an element's Reference types (null: none listed). */
  readonly referenceAggregationCache: Map<ElementNode, readonly string[] | null>;
  /** Constraint plans by element and type, shared between elements (invariants.ts). */
  readonly constraintCache: ConstraintCache;
  /** Walks a value against a profile silently, for `profile` discriminators; true when no errors. */
  readonly conformsTo: (ctx: ValidationContext, value: unknown, profile: string) => boolean;
  /**
   * Resources held outside the payload (the validator's `resolveReference` option): the resource a
   * literal reference names, or undefined.
   */
  readonly resolveExternal?: (reference: string) => Record<string, unknown> | undefined;
  /** Monotonic clock in milliseconds (injected: `performance.now` where available). */
  readonly now: () => number;
  /** code → (system, R4 vital signs profile) (built on first use, per validator; see vital-signs.ts). */
  readonly vitalSigns: () => VitalSignsByCode;
  /**
   * The profiles that apply to a resource that requests and declares none, by its type (or by the
   * vital signs profile of an Observation), when finding them reports nothing (walk-resource.ts):
   * for the engine options `options` (the validator's), a type's profiles resolved once.
   */
  readonly typeProfiles: {
    readonly options: EngineOptions;
    readonly byKey: Map<string, readonly CompiledStructure[]>;
  };
}

/** Behaviour switches of the engine (per validator). */
export interface EngineOptions {
  /** Url prefixes of extensions that may be used without a definition (no `extension.unknown`). */
  readonly allowedExtensionDomains: readonly string[];
  /**
   * Report every unknown (non-modifier) extension as a warning, the policy before issue 15. Off by
   * default: an unknown extension is an error outside the namespaces where MDSS may lack a definition
   * that exists (see extension-namespaces.ts), as in the HL7 validator.
   */
  readonly unknownExtensionsAsWarnings: boolean;
  /** Accept NHS numbers from the 999 test range (the framework's "test data" setting). */
  readonly allowTestNumbers: boolean;
  /**
   * Profiles applied to every resource of a type, wherever it sits (root, Bundle entry, contained),
   * whether or not it declares them: how the framework's profiles apply to partners' data.
   */
  readonly profilesByType: Readonly<Record<string, readonly string[]>>;
  /**
   * Apply R4's vital signs profile matching an Observation's code (bodytemp for LOINC 8310-5, …), as
   * R4 requires and the HL7 validator does. On by default.
   */
  readonly vitalSignsProfiles: boolean;
  /**
   * Accept uri/url values on the example domains (example.org/.com/.net, acme.com). When false, such
   * a value is `primitive.example-url` (error), as the HL7 validator does without
   * `-allow-example-urls`: for data that must be real. On by default.
   */
  readonly allowExampleUrls: boolean;
  /**
   * Treat a reference that cannot be resolved as naming a resource of the type its URL says
   * (`Group/1`): a type the element does not allow is then an error. Off by default, as in the HL7
   * validator (`assumeValidRestReferences`): the type of an unresolved reference is only a warning.
   */
  readonly assumeValidRestReferences: boolean;
  /**
   * References must resolve (the HL7 validator's `validateReference: CHECK_EXISTS…`): a relative
   * `Type/id` reference that resolves nowhere in the payload (contained resources, the Bundle, the
   * resources of a Parameters) is `reference.not-found` (error). Off by default: a receiver may hold
   * the target.
   */
  readonly checkReferencesExist: boolean;
  /**
   * Check resources as HL7 publishes them (the HL7 validator's for-publication mode): a canonical
   * resource in HL7's namespace must name its work group (`canonical.hl7-workgroup-missing`). Off by
   * default.
   */
  readonly forPublication: boolean;
}

/** Defaults: every unknown extension is reported; test-range NHS numbers are flagged; vital signs profiles apply; example URLs pass. */
export const defaultEngineOptions: EngineOptions = {
  allowedExtensionDomains: [],
  unknownExtensionsAsWarnings: false,
  allowTestNumbers: false,
  profilesByType: {},
  vitalSignsProfiles: true,
  allowExampleUrls: true,
  assumeValidRestReferences: false,
  checkReferencesExist: false,
  forPublication: false,
};

/** Extra fields of a report besides code and params. */
export type ReportExtra = Pick<IssueInput, 'rule' | 'requirements'> & {
  readonly severity?: Severity;
};

/**
 * State of one validation: the issue collector, the current location as two stacks (FHIRPath
 * segments and JSON pointer tokens, rendered only when an issue is reported), depth and time limits,
 * and the resources being walked (for `%resource` / `%rootResource`).
 */
export class ValidationContext {
  /** FHIRPath pieces: `Patient`, `.name`, `[0]`, `.value.ofType(Quantity)`. */
  readonly expr: string[] = stack();
  /** JSON pointer tokens (unescaped). */
  readonly ptr: string[] = stack();
  readonly records: RecordRef[] = stack();
  /**
   * The pointers of {@link records}, made by the first walk of a value already walked that meets a
   * resource (see {@link rewalking}) and kept from then on: a resource met again (walked again for
   * another profile) sits at a pointer already recorded. Undefined until then: a resource met outside
   * such a walk is met for the first time.
   */
  recordedPointers: Set<string> | undefined;
  /** Per record being timed, innermost last: the ms its nested records took (see walk-resource). */
  readonly nestedMs: number[] = stackOfNumbers();
  /** Resources being walked, innermost last. */
  readonly resources: Record<string, unknown>[] = stack();
  /** Resources that can hold contained resources (not themselves contained), innermost last. */
  readonly containers: Record<string, unknown>[] = stack();
  /** Paths and types of the complex values being walked (extension contexts), innermost last. */
  readonly elements: ComplexTarget[] = stack();
  /** Profiles applied during this validation (canonical|version). */
  readonly appliedProfiles = new Set<string>();
  /** Bundles being walked, innermost last, each with its fullUrl index (built once, linear). */
  readonly bundles: BundleIndex[] = stack();
  depth = 0;
  stopped = false;
  /**
   * The walker's cardinality counts, a stack shared by the objects being walked (each uses the
   * slots from the top it found to the top it set; see walkComplex): no array per object.
   */
  readonly counts: number[] = [];
  countsTop = 0;
  /**
   * Properties of the objects walked once (see walkComplex): a count that counts no property twice,
   * for the duplicate-name check of the parsed text (`duplicatesOf`). A walk of a value already
   * walked (another profile, an extension's definition, a type profile) runs with
   * {@link rewalking} above zero and counts nothing.
   */
  tally = 0;
  /** How many walks of values already walked are under way (see {@link tally}). */
  rewalking = 0;
  /** Slice matching services bound to this context (reference resolution needs the walk state). */
  readonly sliceServices: SliceServices;
  /** Terminology-server answers for slice membership (the checker's second pass), when given. */
  membership: MembershipAnswers | undefined;
  /**
   * Values being checked against profiles by `conformsTo`, with those profiles (shared with silent
   * child contexts): a check met again inside itself (a profile whose references must conform to
   * the same profile, round a circle of resources) is taken to hold.
   */
  conforming: Map<object, Set<string>> | undefined;
  /** True when `options.profilesByType` names some type (so a resource's type is looked up there). */
  readonly hasProfilesByType: boolean;
  /**
   * True when `for...in` over any object of this walk yields its own names alone (walkComplex then
   * skips its own-name test, a call per name): set by the validator when the payload is JSON text it
   * parsed (every object then has `Object.prototype` as prototype, as `JSON.parse` makes them, or
   * was made by the engine) and no plain object inherits an enumerable name (see
   * `inheritsEnumerableNames`). A value given as an object may have any prototype: false then.
   */
  ownNamesOnly = false;
  #steps = 0;
  readonly #deadline: number;
  /**
   * The terminology of this validation: the validator's, or (when the payload carries CodeSystems or
   * ValueSets, contained or in a Bundle) one over the payload's that defers to the validator's.
   */
  readonly terminology: LocalTerminology;

  constructor(
    readonly services: EngineServices,
    readonly collector: IssueCollector,
    readonly limits: { readonly maxDepth: number; readonly timeBudgetMs: number },
    readonly options: EngineOptions = defaultEngineOptions,
    terminology?: LocalTerminology,
  ) {
    this.terminology = terminology ?? services.terminology;
    this.hasProfilesByType = hasSomeKey(options.profilesByType);
    this.#deadline = services.now() + limits.timeBudgetMs;
    this.sliceServices = {
      model: services.model,
      resolve: (ref) => this.resolveReference(ref),
      conforms: (value, profile) => services.conformsTo(this, value, profile),
      inValueSet: (valueSet, value) =>
        inValueSet(this.terminology, valueSet, value, this.membership),
    };
  }

  /** A child context for silent checks: same services and walk state, its own collector. */
  silent(): ValidationContext {
    const child = new ValidationContext(
      this.services,
      new Collector({ maxIssues: 50 }),
      this.limits,
      this.options,
      this.terminology,
    );
    child.membership = this.membership;
    child.ownNamesOnly = this.ownNamesOnly;
    child.conforming = this.conforming ??= new Map();
    child.resources.push(...this.resources);
    child.containers.push(...this.containers);
    child.bundles.push(...this.bundles);
    return child;
  }

  /**
   * Resolves a Reference value (or a reference string): `#id` to a contained resource of the current
   * container; otherwise through the innermost Bundle's fullUrl / `Type/id` index.
   */
  resolveReference(ref: unknown): Record<string, unknown> | undefined {
    const text =
      typeof ref === 'string'
        ? ref
        : typeof ref === 'object' && ref !== null
          ? (ref as { reference?: unknown }).reference
          : undefined;
    if (typeof text !== 'string') return undefined;
    if (text.startsWith('#')) {
      const container = this.containers[this.containers.length - 1];
      const contained = container?.['contained'];
      if (!Array.isArray(contained)) return undefined;
      return contained.find(
        (c): c is Record<string, unknown> =>
          typeof c === 'object' && c !== null && (c as { id?: unknown }).id === text.slice(1),
      );
    }
    for (let i = this.bundles.length - 1; i >= 0; i--) {
      const hit = this.bundles[i]!.lookup(text);
      if (hit.length === 1) return hit[0];
    }
    if (this.options.checkReferencesExist) return inParameters(this.resources[0], text);
    return undefined;
  }

  /** Current FHIRPath expression. */
  expression(): string {
    return this.expr.join('');
  }

  /** Current JSON pointer. */
  pointer(): string {
    let out = '';
    for (const t of this.ptr) out += '/' + escapePointer(t);
    return out;
  }

  /** Reports an issue at the current location; `params` are typed from the code's registry template. */
  report<C extends string>(
    code: ReportableCode<C>,
    params?: IssueParamsOf<C>,
    extra: ReportExtra = {},
  ): void {
    this.collector.add<string>({
      code,
      expression: this.expression(),
      pointer: this.pointer(),
      params: (params ?? {}) as IssueParams,
      ...extra,
    });
  }

  /** Counts one step of work; stops the walk when the time budget is spent. */
  tick(): boolean {
    if (this.stopped) return false;
    if ((++this.#steps & 255) === 0 && this.services.now() > this.#deadline) {
      this.stopped = true;
      this.collector.limitReached('timeBudgetMs', this.limits.timeBudgetMs);
      return false;
    }
    return true;
  }

  /** Enters one nesting level; false (and a limit issue) past maxDepth. */
  enter(): boolean {
    if (++this.depth > this.limits.maxDepth) {
      if (!this.stopped) {
        this.report('input.too-deep', { limit: this.limits.maxDepth });
        this.stopped = true;
        this.collector.limitReached('maxDepth', this.limits.maxDepth);
      }
      return false;
    }
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /** Pushes one property step (`.name` / `name`). */
  pushProperty(fhirPathPiece: string, jsonName: string): void {
    this.expr.push(fhirPathPiece);
    this.ptr.push(jsonName);
  }

  /** Pushes an array index step (`[i]` / `i`). */
  pushIndex(i: number): void {
    if (i < indexPieces.length) {
      this.expr.push(indexPieces[i]!);
      this.ptr.push(indexTokens[i]!);
      return;
    }
    this.expr.push(`[${i}]`);
    this.ptr.push(String(i));
  }

  pop(): void {
    this.expr.pop();
    this.ptr.pop();
  }
}

/** True when an object has an enumerable property (without listing them). */
function hasSomeKey(obj: object): boolean {
  for (const _ in obj) return true;
  return false;
}

/** The resource of a Parameters (parameter.resource, at any depth of parts) that `Type/id` names. */
function inParameters(
  root: Record<string, unknown> | undefined,
  reference: string,
): Record<string, unknown> | undefined {
  if (root?.['resourceType'] !== 'Parameters') return undefined;
  const slash = reference.indexOf('/');
  if (slash <= 0 || reference.indexOf('/', slash + 1) >= 0) return undefined;
  const type = reference.slice(0, slash);
  const id = reference.slice(slash + 1);
  const search = (parameters: unknown, depth: number): Record<string, unknown> | undefined => {
    if (!Array.isArray(parameters) || depth > 16) return undefined;
    for (const p of parameters) {
      if (typeof p !== 'object' || p === null) continue;
      const r = (p as { resource?: unknown }).resource as Record<string, unknown> | undefined;
      if (r && r['resourceType'] === type && r['id'] === id) return r;
      const hit = search((p as { part?: unknown }).part, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  return search(root['parameter'], 0);
}

/** How many array indexes {@link ValidationContext.pushIndex} takes from its tables (0 … 511). */
export const indexTokenCount = 512;
/** `[i]` and `i` for the first indexes, made once (array items are walked by the million). */
const indexPieces: readonly string[] = Array.from({ length: indexTokenCount }, (_, i) => `[${i}]`);
const indexTokens: readonly string[] = Array.from({ length: indexTokenCount }, (_, i) => String(i));

/** The JSON pointer token pushIndex pushes for index `i` below {@link indexTokenCount} (the same string). */
export function indexToken(i: number): string | undefined {
  return indexTokens[i];
}

/** Facts of one Coding.system, read once per validator (see coding.ts). */
export interface CodingSystemFacts {
  /** The system these facts are of. */
  readonly system: string;
  /** The system starts with a URI scheme (`^[A-Za-z][A-Za-z0-9+.-]*:`): absolute. */
  readonly absolute: boolean;
  /** The system has a `/ValueSet/` segment (it may name a ValueSet). */
  readonly valueSetPath: boolean;
  /** Identifier-syntax answers by code (null: no problem); null when the system has no syntax. */
  readonly codes: Map<string, CodeSyntaxRule | null> | null;
  /** Never checked offline by any terminology (a default not-checkable system: SNOMED CT, LOINC …). */
  readonly neverChecked: boolean;
}

/** The fullUrl index of one Bundle. */
export interface BundleIndex {
  /** The Bundle indexed. */
  readonly bundle: Record<string, unknown>;
  /** `Bundle.type` (document, message, transaction, collection, …). */
  readonly type: string | undefined;
  /**
   * Every entry with a fullUrl has a resource, and no fullUrl repeats or holds a NUL: bdl-7 holds
   * (see native-invariants.ts) without a pass of its own.
   */
  readonly fullUrlsUnique: boolean;
  /** Resources a reference resolves to (several = ambiguous). */
  lookup(reference: string): Record<string, unknown>[];
  /**
   * Whether a literal reference has an accepted form (`test`'s answer), remembered per fullUrl the
   * reference is exactly (the same entries are referenced again and again).
   */
  hasReferenceForm(reference: string, test: (reference: string) => boolean): boolean;
  /** The resources whose entry has exactly this fullUrl (no `Type/id` fallback). */
  byFullUrl(url: string): Record<string, unknown>[];
  /** The fullUrl of the entry holding `resource`, when it has one. */
  fullUrlOf(resource: Record<string, unknown>): string | undefined;
}

function inValueSet(
  tx: LocalTerminology,
  valueSet: string,
  value: unknown,
  membership: MembershipAnswers | undefined,
): boolean | undefined {
  const codings: { system?: string; code?: string }[] = [];
  if (typeof value === 'string') codings.push({ code: value });
  else if (typeof value === 'object' && value !== null) {
    const v = value as { coding?: unknown; system?: unknown; code?: unknown };
    if (Array.isArray(v.coding))
      for (const c of v.coding)
        if (typeof c === 'object' && c !== null)
          codings.push(c as { system?: string; code?: string });
    if (typeof v.code === 'string')
      codings.push({ ...(typeof v.system === 'string' ? { system: v.system } : {}), code: v.code });
  }
  let unknown = false;
  for (const c of codings) {
    if (typeof c.code !== 'string') continue;
    const r = tx.validateCode(valueSet, {
      ...(c.system ? { system: c.system } : {}),
      code: c.code,
    });
    if (r.outcome === 'valid') return true;
    if (r.outcome !== 'not-checked') continue;
    if (membership) {
      const question = { valueSet, ...(c.system ? { system: c.system } : {}), code: c.code };
      const answer = membership.answer(question);
      if (answer === true) return true;
      if (answer === false) continue;
      membership.ask?.(question);
    }
    unknown = true;
  }
  return unknown ? undefined : false;
}

/**
 * An empty array whose elements kind already holds any value. An array made by `[]` starts as a
 * list of small integers, and V8 does not inline `push` onto it where, as on the walk's stacks of
 * strings and objects, the first push changes its kind: every push was a call of the generic
 * builtin (≈ 100 instructions each, 2 % of a warm validation).
 */
function stack<T>(): T[] {
  const a: T[] = [undefined as T];
  a.pop();
  return a;
}

/** An empty array of numbers already of the kind that holds any number (see {@link stack}). */
function stackOfNumbers(): number[] {
  const a = [0.5];
  a.pop();
  return a;
}
