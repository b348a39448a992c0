/**
 * SearchParameter checks. Its type must equal the type of the SearchParameter it is `derivedFrom`,
 * and a CapabilityStatement's `rest.resource.searchParam.type` the type of the SearchParameter its
 * `definition` names (both resolved by canonical; unresolved ones are not checked here).
 * A SearchParameter's expression against its own `base`: each path of the expression (the terms of
 * a top-level union `a | b`) that starts at a resource type must start at one of the bases, or at
 * Resource/DomainResource. (The HL7 validator type-checks the whole FHIRPath expression; this is the
 * part that needs no FHIRPath type inference, and it catches a parameter copied to another type.)
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const ancestors = new Set(['Resource', 'DomainResource']);
/** The identifier a term starts with, after any opening parentheses: `(Observation.value as Quantity)`. */
const leadingName = /^\(*\s*([A-Z][A-Za-z]*)(?=\s*(?:\.|\)|$))/;

/** Checks one SearchParameter (already walked structurally). */
export function checkSearchParameter(ctx: ValidationContext, sp: Record<string, unknown>): void {
  checkDerivedFrom(ctx, sp);
  const expression = sp['expression'];
  const base = sp['base'];
  if (typeof expression !== 'string' || !Array.isArray(base) || base.length === 0) return;
  const bases = new Set(base.filter((b): b is string => typeof b === 'string'));
  if ([...bases].some((b) => ancestors.has(b))) return;
  for (const term of topLevelTerms(expression)) {
    const name = leadingName.exec(term.trim())?.[1];
    if (name === undefined || bases.has(name) || ancestors.has(name)) continue;
    if (ctx.services.model.base(name)?.kind !== 'resource') continue;
    ctx.pushProperty('.expression', 'expression');
    ctx.report('searchparameter.expression-not-on-base', { resourceType: name });
    ctx.pop();
    return;
  }
}

/** The terms of a top-level union (`|` outside parentheses, brackets and string literals). */
function topLevelTerms(expression: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === "'") quote = false;
    } else if (c === "'") quote = true;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      terms.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(expression.slice(start));
  return terms;
}

/** The type of the SearchParameter `url` (`url` or `url|version`) names, when it is loaded. */
function searchParameterType(ctx: ValidationContext, url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const sp = ctx.services.model.registry.resolve(url) as { resourceType?: unknown; type?: unknown };
  return sp?.resourceType === 'SearchParameter' && typeof sp.type === 'string'
    ? sp.type
    : undefined;
}

function checkDerivedFrom(ctx: ValidationContext, sp: Record<string, unknown>): void {
  const type = sp['type'];
  const derivedFrom = sp['derivedFrom'];
  const baseType = searchParameterType(ctx, derivedFrom);
  if (typeof type !== 'string' || baseType === undefined || baseType === type) return;
  ctx.pushProperty('.type', 'type');
  ctx.report('searchparameter.derived-type-mismatch', {
    type,
    baseType,
    derivedFrom: derivedFrom as string,
  });
  ctx.pop();
}

/** Checks a CapabilityStatement's `rest.resource.searchParam` types against their definitions. */
export function checkCapabilityStatement(
  ctx: ValidationContext,
  cs: Record<string, unknown>,
): void {
  eachObject(ctx, cs, 'rest', (rest) =>
    eachObject(ctx, rest, 'resource', (resource) =>
      eachObject(ctx, resource, 'searchParam', (param) => {
        const type = param['type'];
        const definition = param['definition'];
        const definitionType = searchParameterType(ctx, definition);
        if (typeof type !== 'string' || definitionType === undefined || definitionType === type)
          return;
        ctx.pushProperty('.type', 'type');
        ctx.report('searchparameter.capability-type-mismatch', {
          type,
          definitionType,
          definition: definition as string,
        });
        ctx.pop();
      }),
    ),
  );
}

/** Calls `visit` for each object item of the array `holder[name]`, with the location pushed. */
function eachObject(
  ctx: ValidationContext,
  holder: Record<string, unknown>,
  name: string,
  visit: (item: Record<string, unknown>) => void,
): void {
  const list = holder[name];
  if (!Array.isArray(list)) return;
  ctx.pushProperty(`.${name}`, name);
  list.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
    ctx.pushIndex(i);
    visit(item as Record<string, unknown>);
    ctx.pop();
  });
  ctx.pop();
}
