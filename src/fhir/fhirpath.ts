/**
 * Narrow wrapper over the `fhirpath` package (fhirpath.js): compile once per (base, expression),
 * evaluate many times, never throw. Compiled functions are cached per engine instance (one per
 * validator), never at module level.
 * @module
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';

/** The outcome of evaluating a boolean invariant. */
export type InvariantOutcome = { readonly ok: true; readonly passed: boolean } | { readonly ok: false; readonly error: string };

type Compiled = (resource: unknown, env?: Record<string, unknown>) => unknown[];

/** Evaluates FHIRPath expressions against R4 JSON. */
export class FhirPathEngine {
  readonly #cache = new Map<string, Compiled | string>();

  /**
   * Evaluates `expression` on `node` (an element of type/path `base`), with `%resource` and
   * `%rootResource` bound. A single `false` fails; an empty result passes (FHIRPath's three-valued
   * logic gives empty when the data an invariant talks about is absent, e.g. ref-1 on a Reference
   * without `reference`).
   */
  evaluateInvariant(base: string, expression: string, node: unknown, resource: unknown, rootResource: unknown): InvariantOutcome {
    const fn = this.#compile(base, expression);
    if (typeof fn === 'string') return { ok: false, error: fn };
    try {
      const result = fn(node, { resource, rootResource });
      if (result.length === 1 && typeof result[0] === 'boolean') return { ok: true, passed: result[0] };
      return { ok: true, passed: true };
    } catch (e) {
      return { ok: false, error: describe(e) };
    }
  }

  /** Evaluates an expression and returns the raw collection (empty on error). */
  evaluate(base: string, expression: string, node: unknown, env: Record<string, unknown> = {}): unknown[] {
    const fn = this.#compile(base, expression);
    if (typeof fn === 'string') return [];
    try {
      return fn(node, env);
    } catch {
      return [];
    }
  }

  #compile(base: string, expression: string): Compiled | string {
    const key = `${base}\u0000${expression}`;
    let fn = this.#cache.get(key);
    if (fn === undefined) {
      try {
        fn = fhirpath.compile({ base, expression }, r4Model as unknown as Parameters<typeof fhirpath.compile>[1], { resolveInternalTypes: true, traceFn: () => undefined }) as unknown as Compiled;
      } catch (e) {
        fn = `cannot compile: ${describe(e)}`;
      }
      this.#cache.set(key, fn);
    }
    return fn;
  }
}

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
