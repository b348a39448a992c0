/**
 * Extensions (https://hl7.org/fhir/R4/extensibility.html): resolve the definition by `url`, check
 * where it may be used (context), and validate its content (value type, cardinality, nested
 * extensions) against the extension's StructureDefinition. Unknown extensions are a warning
 * (`extension.unknown`), unknown modifier extensions an error.
 * @module
 */
import type { StructureDefinition } from '../definitions/conformance-resource.js';
import type { ValidationContext } from './validation-context.js';
import { isObject, walkComplex } from './walk-element.js';

const anyElement = new Set(['Element', 'Resource', 'DomainResource', 'BackboneElement']);

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
 * `modifierExtension`; `contextPath`/`contextType` say where it sits (element path and type).
 */
export function checkExtension(
  ctx: ValidationContext,
  ext: Record<string, unknown>,
  isModifier: boolean,
  contextPath: string,
  contextType: string,
  contextBasePath?: string,
): void {
  const url = ext['url'];
  if (typeof url !== 'string') return; // cardinality.too-few on Extension.url already says it
  // a relative url names a part of a complex extension: its parent's definition checks it
  if (contextType === 'Extension' && !url.includes(':')) return;
  if (url.includes('|')) {
    ctx.report('extension.url-versioned', { url });
    return;
  }
  const model = ctx.services.model;
  const sd = model.registry.structureDefinition(url) as StructureDefinition | undefined;
  if (!sd || sd.type !== 'Extension') {
    if (isModifier) ctx.report('extension.modifier-unknown', { url });
    else if (!ctx.options.allowedExtensionDomains.some((d) => url.startsWith(d)))
      ctx.report('extension.unknown', { url });
    return;
  }
  checkContext(ctx, sd, url, contextPath, contextType, contextBasePath);
  const compiled = model.profile(url);
  if (compiled)
    walkComplex(ctx, ext, { node: compiled.root, structure: compiled, type: 'Extension' });
}

function checkContext(
  ctx: ValidationContext,
  sd: StructureDefinition,
  url: string,
  path: string,
  type: string,
  basePath: string | undefined,
): void {
  const contexts = sd.context ?? [];
  if (contexts.length === 0 || publishedContexts[url]?.includes(basePath ?? path)) return;
  const ok = contexts.some((c) => {
    const e = c.expression ?? '';
    if (c.type === 'fhirpath') return true;
    if (c.type === 'extension') return true;
    const head = e.split('.')[0] ?? '';
    if (!ctx.services.model.registry.baseDefinition(head)) return true; // a context from another FHIR version (R5 CanonicalResource …)
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
  });
  if (!ok) {
    ctx.report('extension.context-not-allowed', {
      url,
      path,
      contexts: contexts.map((c) => c.expression ?? '').join(', '),
    });
  }
}

/** True for a JSON object that is an extension with a url. */
export function isExtension(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v['url'] === 'string';
}
