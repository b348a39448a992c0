/**
 * Snapshot generation from differential StructureDefinitions
 * (https://hl7.org/fhir/R4/profiling.html#snapshot): resolves the base chain (profile on profile on
 * core), generating bases first, then walks the base snapshot and the differential together (see
 * snapshot.md). Results are cached per generator by `url|version`; cycles are detected.
 * @module
 */
import { PackError } from '../../../errors.js';
import type { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { applyDifferential } from './apply-differential.js';
import { rebase } from './element-id.js';
import { ElementList } from './element-list.js';
import type { TypeSource } from './expand-children.js';
import { MessageCollector, type SnapshotResult } from './snapshot-result.js';

const corePrefix = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * Generates snapshots for StructureDefinitions that only carry a differential. One generator per
 * registry (it caches what it generates).
 *
 * @example
 * ```ts
 * const generator = new SnapshotGenerator(registry);
 * const { structureDefinition, messages } = generator.generate(ukCorePatient);
 * structureDefinition.snapshot?.element.find((e) => e.id === 'Patient.identifier:nhsNumber.system');
 * ```
 */
export class SnapshotGenerator {
  readonly #registry: CanonicalRegistry;
  readonly #cache = new Map<string, SnapshotResult>();
  readonly #inProgress = new Set<string>();

  constructor(registry: CanonicalRegistry) {
    this.#registry = registry;
  }

  /**
   * Generates (and caches by url|version) the snapshot; returns the SD as is when it already has a
   * snapshot. Resolves the base chain (profile on profile on core), generating bases first; detects
   * cycles. Throws {@link PackError} only when given something that is not a StructureDefinition.
   */
  generate(sd: StructureDefinition): SnapshotResult {
    if ((sd as { resourceType?: string } | undefined)?.resourceType !== 'StructureDefinition') {
      throw new PackError(
        'snapshot.not-a-structure-definition',
        'snapshot generation needs a StructureDefinition',
      );
    }
    if (sd.snapshot?.element?.length) return { structureDefinition: sd, messages: [] };
    const key = `${sd.url ?? `#${sd.id ?? ''}`}|${sd.version ?? ''}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    if (this.#inProgress.has(key)) {
      return failure(
        sd,
        'snapshot.cycle',
        `${sd.url}: its base chain or type profiles refer back to itself`,
      );
    }
    this.#inProgress.add(key);
    let result: SnapshotResult;
    try {
      result = this.#build(sd);
    } finally {
      this.#inProgress.delete(key);
    }
    this.#cache.set(key, result);
    return result;
  }

  /** The SD with a snapshot for a canonical (url or url|version), or undefined when it cannot be resolved. */
  snapshotOf(canonical: string): StructureDefinition | undefined {
    const sd = this.#registry.structureDefinition(canonical);
    if (!sd) return undefined;
    const out = this.generate(sd).structureDefinition;
    return out.snapshot?.element?.length ? out : undefined;
  }

  #build(sd: StructureDefinition): SnapshotResult {
    if (!sd.baseDefinition)
      return failure(
        sd,
        'snapshot.no-base',
        `${sd.url}: has neither a snapshot nor a baseDefinition`,
      );
    const base = this.#registry.structureDefinition(sd.baseDefinition);
    if (!base)
      return failure(
        sd,
        'snapshot.base-unresolved',
        `${sd.url}: base ${sd.baseDefinition} cannot be resolved`,
      );
    const baseResult = this.generate(base);
    const baseElements = baseResult.structureDefinition.snapshot?.element;
    if (!baseElements?.length) {
      const why = baseResult.messages.map((m) => m.message).join('; ');
      return failure(
        sd,
        'snapshot.base-without-snapshot',
        `${sd.url}: base ${sd.baseDefinition} has no snapshot${why ? ` (${why})` : ''}`,
      );
    }
    const messages = new MessageCollector();
    const rootFrom = base.type ?? '';
    const rootTo = sd.type ?? rootFrom;
    const elements = baseElements.map((e) =>
      withBase(rebaseElement(structuredClone(e), rootFrom, rootTo)),
    );
    // Pristine templates are only ever cloned, so the base's own (unmodified) elements can serve when the root is unchanged.
    const pristine = new Map(
      elements.map((e, i) => [
        e.id!,
        rootFrom === rootTo && baseElements[i]!.base ? baseElements[i]! : structuredClone(e),
      ]),
    );
    const list = new ElementList(elements);
    applyDifferential(list, pristine, sd.differential?.element ?? [], {
      profileUrl: sd.url ?? '',
      messages,
      // A specialisation may redefine inherited types (`positiveInt.value` is a System.String in R4).
      types: {
        isSubtype: (code, ancestor) =>
          sd.derivation === 'specialization' || this.#isSubtype(code, ancestor),
        conformsTo: (url, ancestor) => this.#conformsTo(url, ancestor),
      },
      source: this.#typeSource(messages),
      specialization: sd.derivation === 'specialization',
    });
    const root = list.elements[0]!;
    // A specialisation's root is its own base (`Address`, not `Element`).
    if (sd.derivation === 'specialization')
      root.base = { path: root.path ?? rootTo, min: root.min ?? 0, max: root.max ?? '*' };
    const snapshot = { element: list.elements } as NonNullable<StructureDefinition['snapshot']>;
    return { structureDefinition: { ...sd, snapshot }, messages: messages.messages };
  }

  #typeSource(messages: MessageCollector): TypeSource {
    return {
      profileSnapshot: (url) => {
        const sd = this.#registry.structureDefinition(url);
        if (!sd) return undefined;
        const key = `${sd.url}|${sd.version ?? ''}`;
        if (this.#inProgress.has(key)) {
          messages.report(
            'warning',
            'snapshot.cycle',
            `type profile ${url} is being generated already (cycle)`,
          );
          return undefined;
        }
        return this.generate(sd).structureDefinition.snapshot?.element;
      },
      typeSnapshot: (code) => {
        const sd = this.#registry.baseDefinition(code);
        return sd ? this.generate(sd).structureDefinition.snapshot?.element : undefined;
      },
    };
  }

  /** True when profile `url` is or derives from `ancestor`: baseDefinition links, then the core type hierarchy; undefined when unknown. */
  #conformsTo(url: string, ancestor: string): boolean | undefined {
    let current = this.#registry.structureDefinition(url);
    if (!current) return url === ancestor ? true : undefined;
    for (let depth = 0; current && depth < 30; depth++) {
      if (current.url === ancestor) return true;
      if (current.derivation !== 'constraint') break;
      current = current.baseDefinition
        ? this.#registry.structureDefinition(current.baseDefinition)
        : undefined;
    }
    if (!current?.type) return false;
    return (
      ancestor.startsWith(corePrefix) &&
      this.#isSubtype(current.type, ancestor.slice(corePrefix.length))
    );
  }

  /** True when type `code` is `ancestor` or derives from it (`Duration` -> `Quantity`, `Patient` -> `Resource`). */
  #isSubtype(code: string, ancestor: string): boolean {
    let current: string | undefined = code;
    for (let depth = 0; current && depth < 20; depth++) {
      if (current === ancestor) return true;
      const sd = this.#registry.baseDefinition(current);
      const baseUrl = sd?.baseDefinition;
      current = baseUrl?.startsWith(corePrefix) ? baseUrl.slice(corePrefix.length) : undefined;
    }
    return false;
  }
}

function failure(sd: StructureDefinition, code: string, message: string): SnapshotResult {
  const copy = { ...sd };
  delete copy.snapshot;
  return { structureDefinition: copy, messages: [{ severity: 'error', code, message }] };
}

function rebaseElement(e: ElementDefinition, from: string, to: string): ElementDefinition {
  if (from === to) return e;
  e.id = rebase(e.id ?? e.path ?? '', from, to);
  if (e.path) e.path = rebase(e.path, from, to);
  return e;
}

/** Fills `id` and `base` when the base snapshot lacks them. */
function withBase(e: ElementDefinition): ElementDefinition {
  e.id ??= e.path;
  e.base ??= { path: e.path ?? '', min: e.min ?? 0, max: e.max ?? '*' };
  return e;
}
