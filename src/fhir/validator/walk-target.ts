/**
 * Walk targets: where a complex value sits (element, structure, type) with what is decided once for
 * it and kept on its element — resolved children, resource types held, whether checks follow the
 * walk, constraint plans (see walker.md).
 * @module
 */
import type { CompiledStructure, ElementNode } from '../definitions/compiled/element-node.js';
import type { ResolvedChildren } from '../definitions/compiled/structure-model.js';
import type { ConstraintPlan } from './invariants.js';
import type { ValidationContext } from './validation-context.js';

/** Where a complex value sits: its element, the structure holding it, and its FHIR type. */
export interface ComplexTarget {
  readonly node: ElementNode;
  readonly structure: CompiledStructure;
  readonly type: string | undefined;
  /** True for the root object of a resource (`resourceType` allowed). */
  readonly isResourceRoot?: boolean | undefined;
  /** True for a primitive's `_name` object (only id and extension allowed). */
  readonly isPrimitiveExtension?: boolean | undefined;
  /** Element path for extension contexts when it differs from `node.path` (a primitive's `_name`). */
  readonly contextPath?: string | undefined;
  /** The base definition's path of that element (`ContactPoint.system` for `Patient.telecom.system`). */
  readonly contextBasePath?: string | undefined;
  /** The resolved children, when the target is made once and kept (see `complexTarget`). */
  readonly resolved?: ResolvedChildren | undefined;
  /** The resource types the element holds (undefined for data types), when made by `complexTarget`. */
  readonly resourceTypes?: string[] | undefined;
  /**
   * False when a value of this target has no checks after its walk (no value rules, no
   * type-specific check, no type profiles): set by `complexTarget` for the targets it keeps.
   */
  readonly checksAfter?: boolean | undefined;
  /** The constraint plans of this target (filled on first use by invariants.ts). */
  plans?: readonly ConstraintPlan[] | undefined;
}

/**
 * A walk target with every field of {@link ComplexTarget}, in one order: the targets the walker
 * makes share one object shape, so its reads of their fields stay monomorphic.
 */
export function makeTarget(
  node: ElementNode,
  structure: CompiledStructure,
  type: string | undefined,
  resolved: ResolvedChildren | undefined,
  resourceTypes: string[] | undefined,
  checksAfter: boolean,
  isResourceRoot: boolean,
): ComplexTarget {
  return {
    node,
    structure,
    type,
    isResourceRoot,
    isPrimitiveExtension: undefined,
    contextPath: undefined,
    contextBasePath: undefined,
    resolved,
    resourceTypes,
    checksAfter,
    plans: undefined,
  };
}

/**
 * The walk target of a structure's root (a resource's type or profile, a data type or extension
 * profile) as `type`: made once per structure and kept on it (one object shape, children resolved,
 * constraint plans filled once), like the targets kept on elements.
 */
export function structureTarget(
  ctx: ValidationContext,
  structure: CompiledStructure,
  type: string,
  isResourceRoot: boolean,
): ComplexTarget {
  const kept = structure.rootTarget as ComplexTarget | undefined;
  if (kept !== undefined && kept.type === type && kept.isResourceRoot === isResourceRoot)
    return kept;
  const resolved = ctx.services.model.childrenOf(structure.root, structure, type);
  const target = makeTarget(
    structure.root,
    structure,
    type,
    resolved,
    undefined,
    false,
    isResourceRoot,
  );
  if (kept === undefined) structure.rootTarget = target;
  return target;
}

/** The resource types an element holds (`Bundle.entry.resource`, `contained`), or undefined for data types. */
function resourceTypesOf(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
): string[] | undefined {
  if (type === undefined) {
    const cached = ctx.services.resourceTypeCache.get(el);
    if (cached !== undefined) return cached ?? undefined;
    const computed = computeResourceTypes(ctx, el, undefined);
    ctx.services.resourceTypeCache.set(el, computed ?? null);
    return computed;
  }
  const byType = ctx.services.resourceTypeByName;
  const hit = byType.get(type);
  if (hit !== undefined) return hit ?? undefined;
  const computed = computeResourceTypes(ctx, el, type);
  byType.set(type, computed ?? null);
  return computed;
}

function computeResourceTypes(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
): string[] | undefined {
  const registry = ctx.services.model.registry;
  const isResource = (t: string) =>
    t === 'Resource' || t === 'DomainResource' || registry.isResourceType(t);
  if (type !== undefined)
    return isResource(type) ? [type === 'DomainResource' ? 'Resource' : type] : undefined;
  if (el.types.length === 0 || !el.types.every((t) => isResource(t.code))) return undefined;
  return el.types.map((t) => (t.code === 'DomainResource' ? 'Resource' : t.code));
}

/** Whether a complex value of `el` as `type` has checks after its walk (see `checkAfterWalk` in walk-element.ts). */
export function hasChecksAfter(el: ElementNode, type: string | undefined): boolean {
  return (
    (el.valueRules !== undefined && type !== undefined) ||
    (type !== undefined && typesCheckedAfter.has(type)) ||
    (type !== undefined && el.hasTypeProfiles)
  );
}

/** The types with checks of their own after the walk of their value (see `checkAfterWalk` in walk-element.ts). */
const typesCheckedAfter: ReadonlySet<string> = new Set([
  'Reference',
  'Coding',
  'Attachment',
  'Identifier',
  'Extension',
]);

/**
 * The walk target of a non-primitive value of `el` (with the resource types the element holds, if any). An element belongs to one structure, so the target of
 * its (usual) single type is made once and kept on the element; other types get a fresh one.
 */
export function complexTarget(
  ctx: ValidationContext,
  el: ElementNode,
  structure: CompiledStructure,
  type: string | undefined,
): ComplexTarget {
  const cached = el.complexTarget as ComplexTarget | undefined;
  if (cached !== undefined && cached.type === type && cached.structure === structure) return cached;
  if (cached !== undefined && cached.structure !== structure) {
    const resourceTypes = resourceTypesOf(ctx, el, type);
    return makeTarget(
      el,
      structure,
      type,
      undefined,
      resourceTypes,
      hasChecksAfter(el, type),
      false,
    );
  }
  if (cached !== undefined) {
    // another type of a choice element (`valueCodeableConcept` after `valueQuantity`): kept by type
    const byType = (el.complexTargetsByType ??= new Map());
    let other = byType.get(type) as ComplexTarget | undefined;
    if (other === undefined) {
      other = keptTarget(ctx, el, structure, type);
      byType.set(type, other);
    }
    return other;
  }
  const target = keptTarget(ctx, el, structure, type);
  el.complexTarget = target;
  return target;
}

/** A target made once and kept (on its element): with its children and resource types resolved. */
function keptTarget(
  ctx: ValidationContext,
  el: ElementNode,
  structure: CompiledStructure,
  type: string | undefined,
): ComplexTarget {
  const resolved = ctx.services.model.childrenOf(el, structure, type);
  const resourceTypes = resourceTypesOf(ctx, el, type);
  return makeTarget(el, structure, type, resolved, resourceTypes, hasChecksAfter(el, type), false);
}
