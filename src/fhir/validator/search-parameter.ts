/**
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
