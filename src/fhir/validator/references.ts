/**
 * References (https://hl7.org/fhir/R4/references.html): the literal reference's format, the
 * referenced type against the element's targetProfiles, and, inside a Bundle or to contained
 * resources, resolution through the index built once per Bundle (linear), with the resolved
 * resource's type and, where the profile names one, its profile.
 * @module
 */
import type { ElementNode } from '../definitions/compiled/element-node.js';
import { isUrnUuidReference } from './char-scans.js';
import type { BundleIndex, ValidationContext } from './validation-context.js';

const relative = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const absolute =
  /^(https?):\/\/[^\s]+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const urn = /^urn:(uuid:[0-9a-fA-F-]{36}|oid:[0-2](\.(0|[1-9][0-9]*))+)$/;
const anyScheme = /^[a-z][a-z0-9+.-]*:\S+$/i;
const core = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * True when a literal reference has one of the accepted forms (relative, absolute, urn, any scheme).
 * The first character says which of the specific forms can apply (relative: an upper-case letter;
 * absolute: `h`; urn: `u`), so one of them is tried before the any-scheme form.
 */
function hasReferenceFormat(ref: string): boolean {
  const c = ref.charCodeAt(0);
  const specific =
    c === 117 /* u */
      ? isUrnUuidReference(ref) || urn.test(ref)
      : c === 104 /* h */
        ? absolute.test(ref)
        : c >= 65 && c <= 90 && relative.test(ref);
  return specific || anyScheme.test(ref);
}

/**
 * Types allowed by an element's target profiles (core type names) and the profiles among them;
 * `unresolved` lists target profiles that are not loaded (the type cannot be judged then).
 */
type AllowedTargets = { types: Set<string>; profiles: string[]; unresolved?: string[] };

/** Types allowed by an element's target profiles (core type names); undefined when any type is allowed. */
function allowedTypes(ctx: ValidationContext, el: ElementNode): AllowedTargets | undefined {
  const cache = ctx.services.referenceTargetCache;
  const hit = cache.get(el);
  if (hit !== undefined) return hit ?? undefined;
  const computed = computeAllowedTypes(ctx, el);
  cache.set(el, computed ?? null);
  return computed;
}

function computeAllowedTypes(ctx: ValidationContext, el: ElementNode): AllowedTargets | undefined {
  const targets = el.types.filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfiles);
  if (targets.length === 0) return undefined;
  const types = new Set<string>();
  const profiles: string[] = [];
  const unresolved: string[] = [];
  for (const url of targets) {
    const name = url.startsWith(core) ? url.slice(core.length) : '';
    // a core type (`…/Patient`), not a core profile on one (`…/vitalsigns`, an Observation profile)
    if (
      name !== '' &&
      !name.includes('/') &&
      (name === 'Resource' ||
        name === 'DomainResource' ||
        ctx.services.model.registry.isResourceType(name))
    ) {
      if (name === 'Resource' || name === 'DomainResource') return undefined;
      types.add(name);
    } else {
      const p = ctx.services.model.profile(url);
      if (!p) {
        unresolved.push(url); // an unresolvable target profile: cannot judge the type
        continue;
      }
      types.add(p.type);
      profiles.push(url);
    }
  }
  return unresolved.length ? { types, profiles, unresolved } : { types, profiles };
}

/** The type a literal reference names, if its text says. */
function typeFromText(ref: string): string | undefined {
  return relative.exec(ref)?.[1] ?? absolute.exec(ref)?.[2];
}

/**
 * `ElementDefinition.type.aggregation`: when a profile lists how the referenced resource may be held
 * (`contained`, `referenced`, `bundled`), the reference must be one of those. Outside any Bundle a
 * non-contained reference cannot be told bundled or referenced, so it passes when either is allowed
 * (as the HL7 validator does unless told to enforce aggregation outside Bundles).
 */
function checkAggregation(
  ctx: ValidationContext,
  el: ElementNode,
  mode: 'contained' | 'bundled' | 'referenced',
  inBundle: boolean,
): void {
  const allowed = aggregationOf(ctx, el);
  if (!allowed || allowed.includes(mode)) return;
  if (!inBundle && mode === 'referenced' && allowed.includes('bundled')) return;
  ctx.report(
    'reference.aggregation-not-allowed',
    { mode, allowed: allowed.join(' or ') },
    ruleOf(el),
  );
}

/** The aggregation modes an element's Reference types list (undefined: none listed), cached per validator. */
function aggregationOf(ctx: ValidationContext, el: ElementNode): readonly string[] | undefined {
  const cache = ctx.services.referenceAggregationCache;
  const hit = cache.get(el);
  if (hit !== undefined) return hit ?? undefined;
  let allowed: string[] | undefined;
  for (const t of el.definition.type ?? []) {
    const aggregation = (t as { code?: string; aggregation?: unknown }).aggregation;
    if (t.code === 'Reference' && Array.isArray(aggregation) && aggregation.length > 0)
      (allowed ??= []).push(...aggregation.filter((a): a is string => typeof a === 'string'));
  }
  cache.set(el, allowed ?? null);
  return allowed;
}

/** The rule reference of an issue on the element, made only when one is raised. */
function ruleOf(el: ElementNode): { rule: { elementId: string } } {
  return { rule: { elementId: el.id } };
}

/**
 * A relative reference inside a Bundle entry whose fullUrl is RESTful (`http://x/base/Type/id`)
 * resolves against that base first (https://hl7.org/fhir/R4/bundle.html#references): the entries
 * whose fullUrl is exactly the target URL. Undefined when the referrer has no RESTful fullUrl (then
 * only `Type/id` matching applies, and several matches are an error); when it has one, several
 * `Type/id` matches none of which has the target URL are only a warning, as the HL7 validator says.
 */
function resolveAgainstReferrer(
  ctx: ValidationContext,
  bundle: BundleIndex,
  ref: string,
): Record<string, unknown>[] | undefined {
  if (!relative.test(ref)) return undefined;
  const at = ctx.resources.findLastIndex((r) => r['resourceType'] === 'Bundle');
  const referrer = at >= 0 ? ctx.resources[at + 1] : undefined;
  const fullUrl = referrer ? bundle.fullUrlOf(referrer) : undefined;
  const m =
    fullUrl === undefined
      ? null
      : /^(https?:\/\/.*\/)[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.exec(fullUrl);
  return m ? bundle.byFullUrl(m[1] + ref) : undefined;
}

/** Documents and messages must be self-contained: their references resolve inside the Bundle. */
function selfContained(bundle: BundleIndex): boolean {
  return bundle.type === 'document' || bundle.type === 'message';
}

/**
 * A relative `Type/id` reference from an entry whose fullUrl is a URN (`urn:uuid:`, `urn:oid:`)
 * has no base to resolve against, so R4's Bundle resolution rules give it no meaning inside the
 * Bundle (https://hl7.org/fhir/R4/bundle.html#references): an entry that merely has that type and
 * id is not its target.
 */
function fromUrnEntry(ctx: ValidationContext, bundle: BundleIndex, ref: string): boolean {
  if (!relative.test(ref)) return false;
  const at = ctx.resources.findLastIndex((r) => r['resourceType'] === 'Bundle');
  const referrer = at >= 0 ? ctx.resources[at + 1] : undefined;
  return referrer !== undefined && bundle.fullUrlOf(referrer)?.startsWith('urn:') === true;
}

/** Checks one Reference value at the current location. */
export function checkReference(
  ctx: ValidationContext,
  el: ElementNode,
  value: Record<string, unknown>,
): void {
  const ref = value['reference'];
  if (typeof ref !== 'string') return;
  const isLocal = ref.charCodeAt(0) === 35; /* # */
  const bundle = isLocal ? undefined : ctx.bundles[ctx.bundles.length - 1];
  if (
    !isLocal &&
    !(bundle !== undefined
      ? bundle.hasReferenceForm(ref, hasReferenceFormat)
      : hasReferenceFormat(ref))
  ) {
    ctx.pushProperty('.reference', 'reference');
    ctx.report('reference.invalid-format', {}, ruleOf(el));
    ctx.pop();
    return;
  }
  let resolved: Record<string, unknown> | undefined;
  if (!isLocal) {
    if (bundle) {
      const hits =
        selfContained(bundle) && fromUrnEntry(ctx, bundle, ref) ? [] : bundle.lookup(ref);
      const byBase = hits.length > 1 ? resolveAgainstReferrer(ctx, bundle, ref) : undefined;
      if (byBase?.length === 1) resolved = byBase[0];
      else if (hits.length > 1)
        ctx.report(
          'reference.ambiguous-in-bundle',
          { count: hits.length },
          byBase ? { ...ruleOf(el), severity: 'warning' } : ruleOf(el),
        );
      else if (hits.length === 1) resolved = hits[0];
      else if (
        ref.startsWith('urn:uuid:') ||
        bundle.type === 'document' ||
        bundle.type === 'message'
      ) {
        // documents and messages must be self-contained (error); elsewhere a urn:uuid that resolves
        // nowhere is suspicious but may be resolved by the receiver (warning, as the HL7 validator does)
        const severe = bundle.type === 'document' || bundle.type === 'message';
        ctx.report(
          'reference.not-found-in-bundle',
          {
            kind: ref.startsWith('urn:') ? 'urn' : 'literal',
            bundleType: bundle.type ?? 'untyped',
          },
          { ...ruleOf(el), ...(severe ? {} : { severity: 'warning' as const }) },
        );
      }
    }
  } else resolved = ctx.resolveReference(ref);
  // resources the receiver holds outside the payload (the validator's resolveReference option)
  let external = false;
  if (!isLocal && !resolved && ctx.services.resolveExternal && !bundle?.lookup(ref).length) {
    resolved = ctx.services.resolveExternal(ref);
    external = resolved !== undefined;
  }
  if (!isLocal && !resolved && ctx.options.checkReferencesExist && relative.test(ref)) {
    // references must resolve: outside a Bundle, among the resources of a Parameters
    if (!bundle) resolved = ctx.resolveReference(ref);
    if (!resolved && (!bundle || bundle.lookup(ref).length === 0))
      ctx.report('reference.not-found', {}, ruleOf(el));
  }
  checkAggregation(
    ctx,
    el,
    isLocal ? 'contained' : bundle && resolved && !external ? 'bundled' : 'referenced',
    bundle !== undefined,
  );
  const found =
    typeof resolved?.['resourceType'] === 'string'
      ? (resolved['resourceType'] as string)
      : typeFromText(ref);
  const declared = value['type'];
  if (typeof declared === 'string' && found && declared !== found && !declared.includes('/')) {
    ctx.report('reference.type-mismatch', { declared, found }, ruleOf(el));
  }
  const allowed = allowedTypes(ctx, el);
  if (!allowed || !found) return;
  if (allowed.unresolved) {
    // a resolved target cannot be checked against a profile that is not loaded (an error in the
    // HL7 validator); an unresolved one is not judged
    if (resolved)
      for (const profile of allowed.unresolved)
        ctx.report('reference.target-profile-unresolved', { profile }, ruleOf(el));
    return;
  }
  if (!allowed.types.has(found)) {
    // the type of a reference that resolves nowhere is only what its URL says
    const assumed = !resolved && !ctx.options.assumeValidRestReferences;
    ctx.report(
      'reference.wrong-target-type',
      { found, allowed: [...allowed.types].sort().join(', ') },
      assumed ? { ...ruleOf(el), severity: 'warning' } : ruleOf(el),
    );
    return;
  }
  if (resolved && allowed.profiles.length > 0) {
    const candidates = allowed.profiles.filter(
      (p) => ctx.services.model.profile(p)?.type === found,
    );
    if (
      candidates.length > 0 &&
      !candidates.some((p) => ctx.services.conformsTo(ctx, resolved, p))
    ) {
      ctx.report(
        'reference.target-profile-mismatch',
        { profiles: candidates.join(', ') },
        ruleOf(el),
      );
    }
  }
}
