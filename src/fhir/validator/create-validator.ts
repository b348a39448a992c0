import { IssueCollector } from '../../issues/collector.js';
import {
  duplicatesOf,
  parseJsonUnchecked,
  ParsedJsonText,
  ParsedJsonValue,
  type DuplicateProperty,
  type UncheckedJson,
} from '../../input/json-text.js';
import { withPositions } from '../../input/issue-positions.js';
import { inheritsEnumerableNames } from '../../input/json-shape.js';
import type { ValidateOptions, ValidationResult } from '../../validation-result.js';
import type { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { StructureModel, type SnapshotSource } from '../definitions/compiled/structure-model.js';
import type { CompiledStructure, ElementNode } from '../definitions/compiled/element-node.js';
import { SnapshotGenerator } from '../definitions/snapshot/index.js';
import { compileSlicing, type CompiledSlicing } from './slicing/slice-matcher.js';
import {
  compileInvariantGuard,
  compileSimpleInvariant,
  type SimpleInvariant,
} from './simple-invariant.js';
import { defaultEngineOptions, type EngineOptions } from './validation-context.js';
import { walkComplex } from './walk-element.js';
import { matchesFixed, matchesPattern } from './value-match.js';
import { FhirPathEngine, type FhirPathProvision } from '../fhirpath.js';
import { compileInvariant, type CompiledInvariant } from '../fhirpath-compiled/compile.js';
import { ConstraintCache } from './invariants.js';
import { LocalTerminology } from '../terminology/terminology.js';
import { payloadTerminology } from '../terminology/payload-terminology.js';
import { ValidationContext, type EngineServices } from './validation-context.js';
import { isObject, jsonKind } from './walk-element.js';
import { validateResource } from './walk-resource.js';
import { structureTarget } from './walk-target.js';
import { isValid } from '../../issues/validity.js';
import { vitalSignsByCode, vitalSignsIndex, type VitalSignsByCode } from './vital-signs.js';
import { memberOf } from './member-of.js';

/** Options of {@link createValidator}. */
export interface ValidatorOptions {
  /** Conformance resources to validate against: the base R4 definitions plus any packages. */
  readonly registry: CanonicalRegistry;
  /** Supplies snapshots for differential-only profiles (the snapshot generator). */
  readonly snapshots?: SnapshotSource;
  /** Monotonic clock in ms; defaults to `performance.now()`. */
  readonly now?: () => number;
  /** Defaults for every call. */
  readonly defaults?: ValidateOptions;
  /** Engine behaviour (e.g. extension domains allowed without a definition). */
  readonly engine?: Partial<EngineOptions>;
  /**
   * Where fhirpath.js comes from: Node passes `loadNodeFhirPath` (src/node/fhirpath-node.ts), bundles
   * the static import of `src/fhir/fhirpath-bundled.ts`. Absent: the process-wide `provideFhirPath`.
   */
  readonly fhirPath?: () => FhirPathProvision;
  /**
   * Resources the receiver holds outside the payload (a store, a folder of instances): called with a
   * literal reference (`Patient/1`, an absolute URL) that resolves nowhere in the payload; returns
   * the resource it names, or undefined. A target found this way is checked like one in a Bundle:
   * its type, and its conformance to the element's target profiles (the HL7 validator's
   * `validateReference: CHECK_VALID`). Must be synchronous.
   */
  readonly resolveReference?: (reference: string) => unknown;
}

/** A validator: owns its compiled structures and FHIRPath cache; safe to reuse across calls. */
export interface Validator {
  readonly registry: CanonicalRegistry;
  /**
   * Validates a FHIR resource given as JSON text (issues get line/column), as text already read
   * by `parseJson` (a `ParsedJsonText`: not parsed again), or as a parsed value (a
   * `ParsedJsonValue` when `JSON.parse` made it: its names are then read as parsed text's).
   * Never throws for bad data: malformed JSON is a fatal `input.invalid-json` issue.
   */
  validate(input: string | unknown, options?: ValidateOptions): ValidationResult;
}

/**
 * Creates a validator over a registry of conformance resources.
 * @example
 * const v = createValidator({ registry });
 * const { valid, issues } = v.validate('{"resourceType":"Patient","foo":1}');
 */
export function createValidator(options: ValidatorOptions): Validator {
  const generator = new SnapshotGenerator(options.registry);
  const snapshots: SnapshotSource =
    options.snapshots ??
    ((sd) => {
      if (sd.snapshot?.element?.length) return sd;
      const generated = generator.generate(sd).structureDefinition;
      return generated.snapshot?.element?.length ? generated : undefined;
    });
  const model = new StructureModel(options.registry, snapshots);
  const engineOptions: EngineOptions = {
    ...defaultEngineOptions,
    ...options.engine,
    profilesByType: mergeProfiles(
      options.engine?.profilesByType ?? {},
      implementationGuideGlobals(options.registry),
    ),
  };
  const terminology = new LocalTerminology(options.registry);
  const fhirpath = new FhirPathEngine(options.fhirPath, {
    memberOf: (value, valueSet) => memberOf(terminology, valueSet, value),
  });
  const now = options.now ?? (() => performance.now());
  const simpleInvariants = new Map<string, SimpleInvariant | null>();
  const guards = new Map<string, SimpleInvariant | null>();
  const compiledInvariants = new Map<string, CompiledInvariant | null>();
  let vitalSigns: VitalSignsByCode | undefined;
  const services: EngineServices = {
    model,
    fhirpath,
    now,
    // a pack's build-time facts stand for its profiles when they compile from their own snapshots
    vitalSigns: () =>
      (vitalSigns ??= vitalSignsByCode(vitalSignsIndex(model, options.snapshots === undefined))),
    typeProfiles: { options: engineOptions, byKey: new Map() },
    terminology,
    slicing(sliced: ElementNode, structure: CompiledStructure) {
      // kept on the element (its model is this validator's): the walker reads it there
      let compiled = sliced.compiledSlicing as CompiledSlicing | undefined;
      if (!compiled) sliced.compiledSlicing = compiled = compileSlicing(model, sliced, structure);
      return compiled;
    },
    simpleInvariant(expression) {
      let compiled = simpleInvariants.get(expression);
      if (compiled === undefined)
        simpleInvariants.set(expression, (compiled = compileSimpleInvariant(expression) ?? null));
      return compiled ?? undefined;
    },
    invariantGuard(expression) {
      let compiled = guards.get(expression);
      if (compiled === undefined)
        guards.set(expression, (compiled = compileInvariantGuard(expression) ?? null));
      return compiled ?? undefined;
    },
    compiledInvariant(base, expression) {
      const key = `${base}\u0000${expression}`;
      let compiled = compiledInvariants.get(key);
      if (compiled === undefined)
        compiledInvariants.set(key, (compiled = compileInvariant(model, base, expression) ?? null));
      return compiled ?? undefined;
    },
    constraintCache: new ConstraintCache(),
    resourceTypeCache: new Map(),
    resourceTypeByName: new Map(),
    referenceTargetCache: new Map(),
    referenceAggregationCache: new Map(),
    codeSyntaxMemo: { bySystem: new Map(), recent: [], size: 0 },
    ...(options.resolveReference
      ? { resolveExternal: externalResolver(options.resolveReference) }
      : {}),
    conformsTo(ctx, value, profile) {
      const compiled = model.profile(profile);
      if (!compiled) return false;
      if (typeof value !== 'object' || value === null)
        return primitiveConforms(compiled.root.valueRules, value);
      // a check met again inside itself (resources that refer round a circle) is taken to hold
      const conforming = (ctx.conforming ??= new Map());
      let inProgress = conforming.get(value);
      if (inProgress?.has(profile)) return true;
      if (!inProgress) conforming.set(value, (inProgress = new Set()));
      inProgress.add(profile);
      try {
        return conformsToProfile(ctx, value, compiled);
      } finally {
        inProgress.delete(profile);
      }
    },
  };
  /** The walk of `conformsTo` (apart, so the in-progress bookkeeping wraps it). */
  function conformsToProfile(
    ctx: ValidationContext,
    value: object,
    compiled: CompiledStructure,
  ): boolean {
    const child = ctx.silent();
    // the type decides, not `kind` (a Coding profile may say kind = resource)
    const isResource =
      compiled.type === 'Resource' ||
      compiled.type === 'DomainResource' ||
      model.registry.isResourceType(compiled.type);
    // a resource of another type never conforms (a Patient to a Practitioner profile), whatever it shares
    const resourceType = (value as { resourceType?: unknown }).resourceType;
    if (
      isResource &&
      compiled.type !== 'Resource' &&
      compiled.type !== 'DomainResource' &&
      resourceType !== compiled.type
    )
      return false;
    walkComplex(
      child,
      value as Record<string, unknown>,
      structureTarget(child, compiled, compiled.type, isResource),
    );
    return !child.collector.hasErrors();
  }
  return {
    registry: options.registry,
    validate(input, callOptions = {}) {
      const opts = { ...options.defaults, ...callOptions };
      const newCollector = () =>
        new IssueCollector({
          ...(opts.maxIssues === undefined ? {} : { maxIssues: opts.maxIssues }),
          ...(opts.showValues ? { showValues: true } : {}),
        });
      // JSON text, or text a door already parsed (ParsedJsonText: parsed once per payload)
      const text =
        typeof input === 'string'
          ? input
          : input instanceof ParsedJsonText
            ? input.text
            : undefined;
      // a value a door parsed from JSON itself: read as parsed text is (own names, `_name` gate)
      const plainJson = text !== undefined || input instanceof ParsedJsonValue;
      let value: unknown = input instanceof ParsedJsonValue ? input.value : input;
      let duplicates: readonly DuplicateProperty[] | undefined;
      // text parsed here: its repeated names are looked for after the walk, which counts properties
      let unchecked: UncheckedJson | undefined;
      if (text !== undefined) {
        const parsed = input instanceof ParsedJsonText ? input.parsed : parseJsonUnchecked(text);
        if (!parsed.ok) {
          const collector = newCollector();
          const { detail, line, column } = parsed.error;
          collector.add({
            code: 'input.invalid-json',
            expression: '',
            pointer: '',
            params: { detail, line, column },
            position: { line, column },
          });
          return finish(collector, [], text);
        }
        value = parsed.value;
        if ('src' in parsed) unchecked = parsed;
        else duplicates = parsed.duplicates;
      }
      if (!isObject(value)) {
        const collector = newCollector();
        if (unchecked) duplicates = duplicatesOf(unchecked);
        if (duplicates) reportDuplicateProperties(collector, duplicates, value);
        collector.add({
          code: 'input.not-a-resource',
          expression: '',
          pointer: '',
          params: { found: jsonKind(value) },
        });
        return finish(collector, [], text);
      }
      const resource = value;
      const walk = (found: readonly DuplicateProperty[] | undefined) => {
        const collector = newCollector();
        if (found) reportDuplicateProperties(collector, found, resource);
        const ctx = new ValidationContext(
          services,
          collector,
          { maxDepth: opts.maxDepth ?? 200, timeBudgetMs: opts.timeBudgetMs ?? 30_000 },
          engineOptions,
          payloadTerminology(resource, terminology),
        );
        ctx.membership = opts.membership;
        // text parsed by JSON.parse, or a value a door parsed so (ParsedJsonValue): plain objects
        // only (their own names, unless Object.prototype holds enumerable ones)
        ctx.ownNamesOnly = plainJson && !inheritsEnumerableNames();
        validateResource(ctx, resource, undefined, opts.profiles ?? []);
        return { collector, ctx };
      };
      let run = walk(duplicates);
      if (unchecked) {
        // the walk counted the properties it met once; names the text repeats are reported first,
        // as when they are found before the walk: the (rare) payload that has them is walked again
        const found = duplicatesOf(unchecked, run.ctx.tally);
        if (found) run = walk(found);
      }
      return finish(run.collector, run.ctx.records, text, [...run.ctx.appliedProfiles]);
    },
  };
}

/**
 * `input.duplicate-property` for every object that repeats a property name: FHIR JSON forbids it
 * and `JSON.parse` silently keeps the last value, so two readers could see different data.
 * `parseJson` / `duplicatesOf` find them (a cheap name count; the scanner only when the count differs).
 */
function reportDuplicateProperties(
  collector: IssueCollector,
  duplicates: readonly DuplicateProperty[],
  value: unknown,
): void {
  const rootType =
    isObject(value) && typeof value['resourceType'] === 'string' ? value['resourceType'] : '';
  for (const d of duplicates) {
    collector.add({
      code: 'input.duplicate-property',
      expression: pointerExpression(rootType, d.pointer),
      pointer: d.pointer,
      params: { name: d.name },
      position: d.position,
    });
  }
}

/** A FHIRPath-like expression for a pointer from the root (`/entry/0/resource/code` → `Bundle.entry[0].resource.code`). */
function pointerExpression(rootType: string, pointer: string): string {
  let out = rootType;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^(?:0|[1-9]\d*)$/.test(token) ? `[${token}]` : `${out ? '.' : ''}${token}`;
  }
  return out;
}

function finish(
  collector: IssueCollector,
  records: ValidationResult['records'] & object,
  text: string | undefined,
  profiles: string[] = [],
): ValidationResult {
  let issues = collector.issues();
  if (text !== undefined && issues.length > 0) issues = withPositions(issues, text);
  return {
    valid: isValid(issues),
    issues,
    truncated: collector.truncated,
    profiles,
    recordCount: records.length,
    records,
  };
}

/** The `resolveReference` option, answering resources only (anything else: not found). */
function externalResolver(
  resolve: (reference: string) => unknown,
): (reference: string) => Record<string, unknown> | undefined {
  return (reference) => {
    const found = resolve(reference);
    return isObject(found) && typeof found['resourceType'] === 'string' ? found : undefined;
  };
}

/**
 * `ImplementationGuide.global`: profiles an IG declares for every resource of a type. They apply to
 * all resources of that type, like the framework's own profiles.
 */
function implementationGuideGlobals(registry: CanonicalRegistry): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const ig of registry.all('ImplementationGuide') as Iterable<{
    global?: { type?: string; profile?: string }[];
  }>) {
    for (const g of ig.global ?? []) if (g.type && g.profile) (out[g.type] ??= []).push(g.profile);
  }
  return out;
}

function mergeProfiles(
  a: Readonly<Record<string, readonly string[]>>,
  b: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const src of [a, b])
    for (const [type, list] of Object.entries(src))
      out[type] = [...new Set([...(out[type] ?? []), ...list])];
  return out;
}

/**
 * Whether a primitive value (a string, number or boolean reached by a profile discriminator)
 * conforms to a profile of its type: the fixed, pattern and maxLength rules on the profile's root.
 */
function primitiveConforms(rules: ElementNode['valueRules'], value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (rules?.fixed !== undefined && !matchesFixed(rules.fixed, value)) return false;
  if (rules?.pattern !== undefined && !matchesPattern(rules.pattern, value)) return false;
  if (
    rules?.maxLength !== undefined &&
    typeof value === 'string' &&
    [...value].length > rules.maxLength
  )
    return false;
  return true;
}
