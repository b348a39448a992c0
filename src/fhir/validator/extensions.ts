/**
 * Extensions (https://hl7.org/fhir/R4/extensibility.html): resolve the definition by `url`, check
 * where it may be used (context), and validate its content (value type, cardinality, nested
 * extensions) against the extension's StructureDefinition. Unknown extensions are an error
 * (`extension.unknown`) except in the namespaces where MDSS may lack a definition that exists
 * (a warning, see extension-namespaces.ts); unknown modifier extensions an error (a warning on an
 * example domain, as the HL7 validator only hints there).
 * @module
 */
import type { StructureDefinition } from '../definitions/conformance-resource.js';
import type { ValidationContext } from './validation-context.js';
import { unknownExtensionSeverity } from './extension-namespaces.js';
import { isExampleUrl } from './primitives.js';
import { isObject, walkComplex } from './walk-element.js';
import { structureTarget } from './walk-target.js';

const anyElement = new Set(['Element']);

/**
 * Contexts the R4 specification itself uses but the extension's R4 definition omits (errata, listed
 * by later versions of the definition in the HL7 extensions pack): R4's own snapshots put
 * `structuredefinition-fhir-type` on `ElementDefinition.type` (every `id` element's System.String
 * type), while its definition names only `ElementDefinition.type.code`.
 */
const publishedContexts: Readonly<Record<string, readonly string[]>> = {
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type': [
    'ElementDefinition.type',
  ],
};

/**
 * Checks one extension object whose url was not matched by a profile slice. `isModifier` for
 * `modifierExtension`; `contextPath`/`contextType` say where it sits (element path and type);
 * `partsDefined` when it sits in a complex extension whose definition slices its parts by url (so a
 * relative url that matched none of them names no part).
 */
export function checkExtension(
  ctx: ValidationContext,
  ext: Record<string, unknown>,
  isModifier: boolean,
  contextPath: string,
  contextType: string,
  contextBasePath?: string,
  partsDefined = false,
): void {
  const url = ext['url'];
  if (typeof url !== 'string') return; // cardinality.too-few on Extension.url already says it
  // a relative url names a part of a complex extension: its parent's definition checks it. When
  // that definition lists its parts (slices by url) and none matched, the part is not defined.
  if (contextType === 'Extension' && !url.includes(':')) {
    if (partsDefined) ctx.report('extension.sub-extension-undefined', { url });
    return;
  }
  if (!url.includes(':')) {
    ctx.report('extension.url-not-absolute', { url });
    return;
  }
  if (url.includes('|')) {
    ctx.report('extension.url-versioned', { url });
    return;
  }
  const model = ctx.services.model;
  const sd = model.registry.structureDefinition(url) as StructureDefinition | undefined;
  if (!sd || sd.type !== 'Extension') {
    // an example-domain modifier (example.org, acme.com) is a test fixture: a warning like any
    // unknown extension (the HL7 validator only hints there)
    if (isModifier)
      ctx.report(
        'extension.modifier-unknown',
        { url },
        ctx.options.allowExampleUrls && isExampleUrl(url) ? { severity: 'warning' } : undefined,
      );
    else if (!ctx.options.allowedExtensionDomains.some((d) => url.startsWith(d)))
      ctx.report(
        'extension.unknown',
        { url },
        {
          severity: ctx.options.unknownExtensionsAsWarnings
            ? 'warning'
            : unknownExtensionSeverity(url, ctx.options.allowExampleUrls),
        },
      );
    return;
  }
  checkContext(ctx, sd, ext, url, contextPath, contextType, contextBasePath);
  const compiled = model.profile(url);
  if (compiled) walkComplex(ctx, ext, structureTarget(ctx, compiled, 'Extension', false));
}

function checkContext(
  ctx: ValidationContext,
  sd: StructureDefinition,
  ext: Record<string, unknown>,
  url: string,
  path: string,
  type: string,
  basePath: string | undefined,
): void {
  const contexts = sd.context ?? [];
  if (contexts.length === 0 || publishedContexts[url]?.includes(basePath ?? path)) return;
  let place: Place | null | undefined;
  const where = () => (place === undefined ? (place = placeOf(ctx, ext) ?? null) : place);
  const ok = contexts.some((c) => {
    const e = c.expression ?? '';
    // (where the extension sits is unknown in a silent walk of a detached value: allowed)
    if (c.type === 'fhirpath') {
      const at = where();
      return at === null || fhirPathContextHolds(ctx, e, at, path);
    }
    if (c.type === 'extension') return where()?.extensionUrls.includes(e) ?? true;
    return elementContextHolds(ctx, e, path, type, basePath);
  });
  if (!ok) {
    ctx.report('extension.context-not-allowed', {
      url,
      path,
      contexts: contexts.map((c) => c.expression ?? '').join(', '),
    });
    return;
  }
  for (const expression of sd.contextInvariant ?? []) {
    const holder = where()?.holder;
    if (holder === undefined || typeof holder !== 'object') continue;
    const resource = ctx.resources[ctx.resources.length - 1];
    const outcome = ctx.services.fhirpath.evaluateInvariant(
      type || path.split('.')[0]!,
      expression,
      holder,
      resource,
      ctx.resources[0] ?? resource,
    );
    if (outcome.ok && !outcome.passed)
      ctx.report('extension.context-invariant-failed', { url, expression });
  }
}

/** An `element` context `e` (a path or type) allows the element at `path` of type `type`. */
function elementContextHolds(
  ctx: ValidationContext,
  e: string,
  path: string,
  type: string,
  basePath: string | undefined,
): boolean {
  const head = e.split('.')[0] ?? '';
  if (!ctx.services.model.registry.baseDefinition(head)) return true; // a context from another FHIR version (R5 CanonicalResource …)
  if (e === 'Resource' || e === 'DomainResource')
    return !path.includes('.') && (e === 'Resource' || isDomainResource(ctx, path));
  if (e === 'BackboneElement') return type === 'BackboneElement';
  if (head === 'DomainResource' || head === 'Resource')
    return (
      path.includes('.') &&
      `.${path.slice(path.indexOf('.') + 1)}` === e.slice(head.length) &&
      (head === 'Resource' || isDomainResource(ctx, path.split('.')[0]!))
    );
  return (
    e === path ||
    e === basePath ||
    e === type ||
    anyElement.has(e) ||
    (path.endsWith(`.${e.slice(e.indexOf('.') + 1)}`) &&
      e.includes('.') &&
      e.split('.')[0] === path.split('.')[0]) ||
    (e === path.split('.')[0] && !path.includes('.'))
  );
}

/** Where an extension sits: the value holding it, and the urls of the extensions around it. */
interface Place {
  /** The object whose `extension` holds it (for a primitive, its `_name` object). */
  readonly holder: unknown;
  /** True when the holder is a primitive's `_name` companion. */
  readonly onPrimitive: boolean;
  /** Urls of the enclosing extensions, innermost first. */
  readonly extensionUrls: readonly string[];
}

/**
 * The place of the extension being checked, read along the current JSON pointer from the document
 * root; undefined when the pointer does not lead to it (a silent walk of a detached value).
 */
function placeOf(ctx: ValidationContext, ext: Record<string, unknown>): Place | undefined {
  const tokens = ctx.ptr;
  let value: unknown = ctx.resources[0];
  const chain: unknown[] = [value];
  for (const t of tokens) {
    value = Array.isArray(value) ? value[Number(t)] : isObject(value) ? value[t] : undefined;
    chain.push(value);
  }
  if (value !== ext || tokens.length < 2) return undefined;
  // …/holder/extension/i: the holder is two tokens up from the extension itself
  const n = tokens.length;
  const holder = chain[n - 2];
  let key = n >= 3 ? tokens[n - 3]! : '';
  if (/^\d+$/.test(key) && n >= 4) key = tokens[n - 4]!;
  const urls: string[] = [];
  for (let i = n - 2; i >= 2; i--) {
    const v = chain[i];
    const owner = tokens[i - 2];
    if (
      (owner === 'extension' || owner === 'modifierExtension') &&
      /^\d+$/.test(tokens[i - 1]!) &&
      isObject(v) &&
      typeof v['url'] === 'string'
    )
      urls.push(v['url']);
  }
  return { holder, onPrimitive: key.startsWith('_'), extensionUrls: urls };
}

/**
 * A `fhirpath` context: the expression, evaluated on the resource, selects the element holding the
 * extension (by identity; a primitive's value cannot be told apart, so its path is compared instead).
 */
function fhirPathContextHolds(
  ctx: ValidationContext,
  expression: string,
  place: Place,
  path: string,
): boolean {
  const resource = ctx.resources[ctx.resources.length - 1];
  const type = typeof resource?.['resourceType'] === 'string' ? resource['resourceType'] : '';
  if (place.onPrimitive || !isObject(place.holder))
    return expression.replace(/\.\w+\([^)]*\)/g, '') === path;
  const selected = ctx.services.fhirpath.evaluate(type, expression, resource, {
    resource,
    rootResource: ctx.resources[0] ?? resource,
  });
  return selected.includes(place.holder);
}

/** True when the resource type is a DomainResource (not Bundle, Binary or Parameters). */
function isDomainResource(ctx: ValidationContext, type: string): boolean {
  for (let t = ctx.services.model.registry.baseDefinition(type); t;) {
    const base = t.baseDefinition;
    if (!base) return false;
    if (base.endsWith('/DomainResource')) return true;
    t = ctx.services.model.registry.structureDefinition(base);
  }
  return false;
}

/** True for a JSON object that is an extension with a url. */
export function isExtension(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v['url'] === 'string';
}
