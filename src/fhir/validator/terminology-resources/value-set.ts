import { isInvalidEcl } from '../../terminology/ecl-syntax.js';
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

const snomed = 'http://snomed.info/sct';
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
  const parameters = declaredParameters(valueSet);
  atProperty(ctx, 'compose', () => {
    for (const part of ['include', 'exclude'] as const) {
      for (const [include, i] of indexed(compose, part))
        at(ctx, part, i, () => {
          checkInclude(ctx, include);
          for (const [filter, j] of indexed(include, 'filter'))
            at(ctx, 'filter', j, () => checkFilterExpression(ctx, filter, parameters));
        });
    }
  });
}

const valueSetParameter = 'http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter';
const cqfExpression = 'http://hl7.org/fhir/StructureDefinition/cqf-expression';
/** FHIRPath and FHIR environment variables an expression may use without declaring them. */
const environment =
  /^(?:resource|rootResource|context|ucum|sct|loinc|factory|terminologies|server|vs-.+|ext-.+)$/;
const variable = /%([A-Za-z][A-Za-z0-9_-]*)/g;

/** The parameter names a ValueSet declares (tools IG `valueset-parameter`); undefined when none. */
function declaredParameters(valueSet: Json): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const [ext] of indexed(valueSet, 'extension')) {
    if (ext['url'] !== valueSetParameter) continue;
    for (const [part] of indexed(ext, 'extension'))
      if (part['url'] === 'name' && typeof part['valueCode'] === 'string')
        names.add(part['valueCode']);
  }
  return names.size ? names : undefined;
}

/**
 * A parameterised filter value (the tools IG's ValueSet parameters): the value given as a
 * `cqf-expression` extension must be FHIRPath (`text/fhirpath`) that compiles, and, in a ValueSet
 * that declares parameters, its `%variables` must be declared parameters or environment variables.
 * Located at the Expression (`filter.value.extension[i].value.ofType(Expression)`).
 */
function checkFilterExpression(
  ctx: ValidationContext,
  filter: Json,
  parameters: ReadonlySet<string> | undefined,
): void {
  const holder = filter['_value'];
  if (!isJson(holder)) return;
  for (const [ext, k] of indexed(holder, 'extension')) {
    const expression = ext['valueExpression'];
    if (ext['url'] !== cqfExpression || !isJson(expression)) continue;
    ctx.pushProperty('.value', '_value');
    at(ctx, 'extension', k, () => {
      ctx.pushProperty('.value.ofType(Expression)', 'valueExpression');
      const language = str(expression, 'language');
      const text = str(expression, 'expression');
      if (language !== undefined && language !== 'text/fhirpath')
        ctx.report('valueset.filter-expression-language', { language });
      else if (text !== undefined) {
        // declared names may contain '-' (`%p-inactive`), which FHIRPath identifiers may not
        const names = [...text.matchAll(variable)].map((m) => m[1]!);
        const compilable = text.replace(
          variable,
          (_, name: string) => `%${name.replace(/-/g, '_')}`,
        );
        if (ctx.services.fhirpath.syntaxError(compilable) !== undefined)
          ctx.report('valueset.filter-expression-invalid');
        else if (parameters && names.some((n) => !parameters.has(n) && !environment.test(n)))
          ctx.report('valueset.filter-expression-unknown-parameter');
      }
      ctx.pop();
    });
    ctx.pop();
  }
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
    if (
      system === snomed &&
      property === 'constraint' &&
      op === '=' &&
      value !== undefined &&
      isInvalidEcl(value)
    ) {
      at(ctx, 'filter', i, () =>
        ctx.report('valueset.filter-value-invalid', { property, type: 'ECL expression' }),
      );
      continue;
    }
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
