/**
 * A fast path for the most common shape of FHIR invariants: a disjunction of presence tests on the
 * element's own children, e.g. qty-3 `code.empty() or system.exists()`, cpt-2, obs-6, att-1, the
 * Timing tim-* set. Such expressions are compiled once into a check on the JSON object; anything
 * else returns undefined and goes to fhirpath.js. Semantics follow FHIRPath exactly: `x.exists()` is
 * true when the element has a value or only extensions (`_x`), and a choice element `value`
 * matches `valueQuantity`, `valueString`, … (the element's children say which names are choices).
 * @module
 */
import type { ChildEntry } from '../definitions/compiled/element-node.js';

interface Term {
  readonly name: string;
  /** `_name`, made once (a key built per call is slow on this hot path). */
  readonly extName: string;
  readonly wantExists: boolean;
}

/** A compiled disjunction of presence tests. */
export type SimpleInvariant = (
  node: Record<string, unknown>,
  children: ReadonlyMap<string, ChildEntry> | undefined,
) => boolean;

const termRe = /^\(?\s*([a-z][A-Za-z0-9]*)\.(empty|exists)\(\)\s*\)?$/;

/** Compiles `a.empty() or b.exists() or …` (single names only); undefined for any other shape. */
export function compileSimpleInvariant(expression: string): SimpleInvariant | undefined {
  const parts = expression.split(/\s+or\s+/);
  const terms: Term[] = [];
  for (const p of parts) {
    const m = termRe.exec(p.trim());
    if (!m) return undefined;
    terms.push({ name: m[1]!, extName: `_${m[1]!}`, wantExists: m[2] === 'exists' });
  }
  return anyTermHolds(terms);
}

/**
 * The disjunction of presence tests as one closure made once: a loop over the terms (no closure is
 * made per call), with the usual one- and two-term shapes unrolled.
 */
function anyTermHolds(terms: readonly Term[]): SimpleInvariant {
  if (terms.length === 1) {
    const a = terms[0]!;
    return (node, children) => present(node, a, children) === a.wantExists;
  }
  if (terms.length === 2) {
    const a = terms[0]!;
    const b = terms[1]!;
    return (node, children) =>
      present(node, a, children) === a.wantExists || present(node, b, children) === b.wantExists;
  }
  return (node, children) => {
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (present(node, t, children) === t.wantExists) return true;
    }
    return false;
  };
}

function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (!Array.isArray(v)) return true;
  // as `every(x => x === null)` reads it: holes are skipped
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (x !== null && (x !== undefined || i in v)) return true;
  }
  return false;
}

/** True when the element `name` exists on `node` (value or primitive extension; choice names expanded). */
function present(
  node: Record<string, unknown>,
  term: Term,
  children: ReadonlyMap<string, ChildEntry> | undefined,
): boolean {
  const name = term.name;
  if (nonEmpty(node[name]) || nonEmpty(node[term.extName])) return true;
  const direct = children?.get(name);
  if (direct && !direct.element.isChoice) return false;
  for (const k in node) {
    if (k.length <= name.length || !k.startsWith(name)) continue;
    const c = k.charCodeAt(name.length);
    if (c < 65 || c > 90) continue;
    const entry = children?.get(k);
    if (entry && entry.element.isChoice && entry.element.name === name && nonEmpty(node[k]))
      return true;
    if (!children && nonEmpty(node[k])) return true;
  }
  return false;
}

/**
 * A guard: when a top-level disjunct of the expression is a presence test that holds (or the
 * premise of a top-level `implies` is a presence test that fails), the whole invariant holds and
 * FHIRPath need not run. `true or X` is true and `false implies X` is true in FHIRPath's
 * three-valued logic, whatever X gives. Returns undefined when no guard can be derived.
 */
export function compileInvariantGuard(expression: string): SimpleInvariant | undefined {
  const top = splitTopLevel(expression, ' implies ');
  if (top.length === 2) {
    const premise = presenceTerm(top[0]!);
    if (!premise) return undefined;
    return (node, children) => present(node, premise, children) !== premise.wantExists;
  }
  const terms = splitTopLevel(expression, ' or ')
    .map(presenceTerm)
    .filter((t): t is Term => t !== undefined);
  if (terms.length === 0) return undefined;
  return anyTermHolds(terms);
}

function presenceTerm(text: string): Term | undefined {
  const t = text.trim();
  const m = termRe.exec(t) ?? /^\(?\s*([a-z][A-Za-z0-9]*)\.(exists)\(\)\.not\(\)\s*\)?$/.exec(t);
  if (!m) return undefined;
  const negated = t.includes('.not()');
  return { name: m[1]!, extName: `_${m[1]!}`, wantExists: negated ? false : m[2] === 'exists' };
}

/** Splits on `sep` outside parentheses and quotes. */
function splitTopLevel(expression: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && expression.startsWith(sep, i)) {
      out.push(expression.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(expression.slice(start));
  return out;
}
