import type { ValidationContext } from '../validation-context.js';
import {
  at,
  atProperty,
  checkCanonicalUrl,
  checkLocalCode,
  indexed,
  isJson,
  str,
  type Json,
} from './shared.js';

const absoluteUri = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const codingValue = /^(\S+?)(?:\|(\S+))?#(\S+)$/;
/**
 * The boolean concept properties every code system may use (http://hl7.org/fhir/concept-properties),
 * typed even when the code system is not loaded, as the HL7 validator types them.
 */
const standardProperties: Readonly<Record<string, string>> = {
  inactive: 'boolean',
  notSelectable: 'boolean',
};

/**
 * A ValueSet's compose (location: the ValueSet): `include.system`/`exclude.system` must be an
 * absolute URI (a contained CodeSystem is named by its own url, not `#id`); listed concepts must
 * exist in a complete local CodeSystem; a filter on a property the local CodeSystem declares must
 * give a value of that property's type (`true`/`false` for a boolean, `system(|version)#code` for a
 * Coding property, whose code must exist when that system is local and complete; other types are
 * not checked, as the HL7 validator does not check them). The standard boolean properties
 * `inactive` and `notSelectable` are typed for every system, loaded or not.
 */
export function checkValueSet(ctx: ValidationContext, valueSet: Json): void {
  checkCanonicalUrl(ctx, valueSet);
  const compose = valueSet['compose'];
  if (!isJson(compose)) return;
  atProperty(ctx, 'compose', () => {
    for (const part of ['include', 'exclude'] as const) {
      for (const [include, i] of indexed(compose, part))
        at(ctx, part, i, () => checkInclude(ctx, include));
    }
  });
}

function checkInclude(ctx: ValidationContext, include: Json): void {
  const system = str(include, 'system');
  if (system === undefined) return;
  if (!absoluteUri.test(system)) {
    ctx.report('valueset.system-not-absolute', { system });
    return;
  }
  const version = str(include, 'version');
  for (const [concept, i] of indexed(include, 'concept')) {
    const code = str(concept, 'code');
    if (code !== undefined) at(ctx, 'concept', i, () => checkLocalCode(ctx, system, code, version));
  }
  const types = ctx.terminology.codeSystem(system, version)?.propertyTypes;
  for (const [filter, i] of indexed(include, 'filter')) {
    const property = str(filter, 'property');
    const value = str(filter, 'value');
    const op = str(filter, 'op');
    const type =
      property === undefined ? undefined : (types?.get(property) ?? standardProperties[property]);
    if (
      type === undefined ||
      value === undefined ||
      op === 'exists' ||
      op === 'regex' ||
      op === 'in' ||
      op === 'not-in'
    )
      continue;
    at(ctx, 'filter', i, () => checkFilterValue(ctx, property!, type, value));
  }
}

function checkFilterValue(
  ctx: ValidationContext,
  property: string,
  type: string,
  value: string,
): void {
  if (type === 'boolean' && value !== 'true' && value !== 'false')
    ctx.report('valueset.filter-value-invalid', { property, type });
  else if (type === 'Coding') {
    const m = codingValue.exec(value);
    if (!m) {
      ctx.report('valueset.filter-value-invalid', { property, type });
      return;
    }
    const result = ctx.terminology.checkCoding(
      m[2] === undefined
        ? { system: m[1]!, code: m[3]! }
        : { system: m[1]!, version: m[2], code: m[3]! },
    );
    if (result.outcome === 'unknown-code')
      ctx.report('binding.unknown-code', { system: m[1]!, code: m[3]! });
  }
}
