/**
 * The checks of a complex value after its walk: value rules, the type-specific checks (Reference,
 * Coding, Attachment, Identifier), extensions, and data type profiles.
 * @module
 */
import type { ElementNode } from '../definitions/compiled/element-node.js';
import { checkAttachment } from './attachment.js';
import { checkCodingValue } from './coding.js';
import { checkElementValue } from './element-checks.js';
import { checkExtension } from './extensions.js';
import { checkIdentifier } from './identifier.js';
import { checkReference } from './references.js';
import type { ValidationContext } from './validation-context.js';
import { walkComplex } from './walk-element.js';
import { structureTarget } from './walk-target.js';

/**
 * Several profiles on one type mean "conforms to at least one": when one of them fits (checked
 * silently) only that one is applied; when none fits, all are applied so their errors are reported.
 */
export function anyOfProfiles(
  ctx: ValidationContext,
  value: unknown,
  profiles: readonly string[],
): readonly string[] {
  if (profiles.length < 2) return profiles;
  const fitting = profiles.find(
    (p) => ctx.services.model.profile(p) && ctx.services.conformsTo(ctx, value, p),
  );
  return fitting ? [fitting] : profiles;
}

/**
 * {@link checkAfterWalk} of a value just walked: a walk it makes (an extension's definition, a type
 * profile) walks the value again, so it counts no property (see `ctx.tally`).
 */
export function checkAfterRewalking(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  value: Record<string, unknown>,
): void {
  ctx.rewalking++;
  checkAfterWalk(ctx, el, type, value);
  ctx.rewalking--;
}

/** The checks of a complex value after its walk: value rules, type-specific checks, extensions, type profiles. */
function checkAfterWalk(
  ctx: ValidationContext,
  el: ElementNode,
  type: string | undefined,
  value: Record<string, unknown>,
): void {
  if (el.valueRules && type) checkElementValue(ctx, el, type, value);
  if (type === 'Reference') checkReference(ctx, el, value);
  else if (type === 'Coding') checkCodingValue(ctx, value);
  else if (type === 'Attachment') checkAttachment(ctx, value);
  else if (type === 'Identifier') checkIdentifier(ctx, value);
  if (type === 'Extension') walkExtension(ctx, el, value);
  else if (type && el.hasTypeProfiles) {
    if (!el.children) walkTypeProfiles(ctx, el, type, value);
    else checkTypeProfilesKnown(ctx, el, type);
  }
}

/**
 * The type profiles of an element whose snapshot already expanded its children: one that cannot be
 * resolved was not applied (the snapshot took the plain type), so the value was not checked against
 * it. (A registry lookup: the profile is not compiled for this.)
 */
function checkTypeProfilesKnown(ctx: ValidationContext, el: ElementNode, type: string): void {
  for (const t of el.types)
    if (t.code === type)
      for (const p of t.profiles)
        if (!ctx.services.model.registry.structureDefinition(p))
          ctx.report('profile.type-profile-unresolved', { profile: p });
}

/** An extension: by its slice's type profile when the profile sliced it, else by its url. */
function walkExtension(
  ctx: ValidationContext,
  el: ElementNode,
  value: Record<string, unknown>,
): void {
  const profile = el.sliceName ? el.types[0]?.profiles[0] : undefined;
  if (profile) {
    const compiled = ctx.services.model.profile(profile);
    if (compiled) walkComplex(ctx, value, structureTarget(ctx, compiled, 'Extension', false));
    else ctx.report('extension.unknown', { url: profile }, { severity: 'warning' }); // the profile's gap, not the instance's
    return;
  }
  const parent = ctx.elements[ctx.elements.length - 1];
  const path = parent
    ? (parent.contextPath ??
      (parent.isResourceRoot ? (parent.type ?? parent.node.path) : parent.node.path))
    : '';
  const basePath = parent?.contextBasePath ?? parent?.node.definition.base?.path;
  // no slice matched this item of an element that is sliced: a part its definition does not list
  const unmatched = el.slices !== undefined && el.slices.length > 0 && !el.sliceName;
  checkExtension(
    ctx,
    value,
    el.name === 'modifierExtension',
    path,
    parent?.type ?? '',
    basePath,
    unmatched,
  );
}

/** Datatype profiles on the element's type (`Quantity` profiled as `SimpleQuantity`, …). */
function walkTypeProfiles(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  value: Record<string, unknown>,
): void {
  if (el.children || !el.hasTypeProfiles) return; // the snapshot already expanded (and constrained) the children
  for (const t of el.types) {
    if (t.code !== type) continue;
    for (const p of anyOfProfiles(ctx, value, t.profiles)) {
      const compiled = ctx.services.model.profile(p);
      if (compiled) walkComplex(ctx, value, structureTarget(ctx, compiled, type, false));
      else ctx.report('profile.type-profile-unresolved', { profile: p });
    }
  }
}
