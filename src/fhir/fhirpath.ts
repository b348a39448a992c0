/**
 * Narrow wrapper over the `fhirpath` package (fhirpath.js): compile once per (base, expression),
 * evaluate many times, never throw. Compiled functions are cached per engine instance (one per
 * validator), never at module level.
 *
 * fhirpath.js is not imported here: loading it costs more than the rest of the engine put together
 * (≈100 ms of a cold start), and most validations never need it (native and compiled invariants
 * cover the hot set). The platform provides it instead, once per process, and it is loaded on the
 * first expression that needs it: Node code imports `src/node/fhirpath-node.ts` (a synchronous
 * `require` on first use), the Worker imports `fhirpath-bundled.ts` (a static import).
 * @module
 */

/** The part of fhirpath.js the engine calls. */
export interface FhirPathLibrary {
  compile(
    path: { base: string; expression: string },
    model: unknown,
    options: {
      resolveInternalTypes: boolean;
      traceFn: () => void;
      userInvocationTable?: Record<string, unknown>;
    },
  ): unknown;
}

/**
 * Functions the engine answers itself instead of fhirpath.js (which needs a terminology server for
 * them): `memberOf(valueSet)` on a code, Coding or CodeableConcept, from local terminology; undefined
 * when membership cannot be decided (the function then returns empty).
 */
export interface FhirPathFunctions {
  readonly memberOf?: (value: unknown, valueSet: string) => boolean | undefined;
}

/** fhirpath.js and its R4 model. */
export interface FhirPathProvision {
  readonly fhirpath: FhirPathLibrary;
  readonly r4Model: unknown;
}

let provide: (() => FhirPathProvision) | undefined;
let provided: FhirPathProvision | undefined;

/**
 * Sets where fhirpath.js comes from (process-wide; the platform entry calls it once). `load` is
 * called on the first expression any validator evaluates, and must return synchronously.
 * @example provideFhirPath(() => ({ fhirpath: require('fhirpath'), r4Model: require('fhirpath/fhir-context/r4') }))
 */
export function provideFhirPath(load: () => FhirPathProvision): void {
  if (provide === load) return;
  provide = load;
  provided = undefined;
}

/** True once fhirpath.js has been loaded (for tests and start-up measurements). */
export function fhirPathLoaded(): boolean {
  return provided !== undefined;
}

function library(): FhirPathProvision {
  if (provided) return provided;
  if (!provide)
    throw new Error(
      'fhirpath.js was not provided: import src/node/fhirpath-node.js (Node) or src/fhir/fhirpath-bundled.js (bundles) before validating',
    );
  return (provided = provide());
}

/** The outcome of evaluating a boolean invariant. */
export type InvariantOutcome =
  { readonly ok: true; readonly passed: boolean } | { readonly ok: false; readonly error: string };

type Compiled = (resource: unknown, env?: Record<string, unknown>) => unknown[];

/** Evaluates FHIRPath expressions against R4 JSON. */
export class FhirPathEngine {
  readonly #cache = new Map<string, Compiled | string>();
  readonly #provide: (() => FhirPathProvision) | undefined;
  #provided: FhirPathProvision | undefined;

  /**
   * @param provide Where fhirpath.js comes from (called once, on the first expression that needs
   * it). Absent: the process-wide provider set by {@link provideFhirPath} (kept for embedders).
   */
  readonly #userInvocationTable: Record<string, unknown> | undefined;

  constructor(provide?: () => FhirPathProvision, functions: FhirPathFunctions = {}) {
    this.#provide = provide;
    const memberOf = functions.memberOf;
    this.#userInvocationTable = memberOf
      ? {
          memberOf: {
            fn: (inputs: unknown[], valueSet: unknown) => {
              if (inputs.length !== 1 || typeof valueSet !== 'string') return [];
              const answer = memberOf(nodeData(inputs[0]), valueSet);
              return answer === undefined ? [] : [answer];
            },
            arity: { 1: ['String'] },
          },
        }
      : undefined;
  }

  /**
   * Evaluates `expression` on `node` (an element of type/path `base`), with `%resource` and
   * `%rootResource` bound. A single `false` fails; an empty result passes (FHIRPath's three-valued
   * logic gives empty when the data an invariant talks about is absent, e.g. ref-1 on a Reference
   * without `reference`).
   */
  evaluateInvariant(
    base: string,
    expression: string,
    node: unknown,
    resource: unknown,
    rootResource: unknown,
  ): InvariantOutcome {
    const fn = this.#compile(base, expression);
    if (typeof fn === 'string') return { ok: false, error: fn };
    try {
      const result = fn(node, { resource, rootResource });
      if (result.length === 1 && typeof result[0] === 'boolean')
        return { ok: true, passed: result[0] };
      return { ok: true, passed: true };
    } catch (e) {
      return { ok: false, error: describe(e) };
    }
  }

  /** Evaluates an expression and returns the raw collection (empty on error). */
  evaluate(
    base: string,
    expression: string,
    node: unknown,
    env: Record<string, unknown> = {},
  ): unknown[] {
    const fn = this.#compile(base, expression);
    if (typeof fn === 'string') return [];
    try {
      return fn(node, env);
    } catch {
      return [];
    }
  }

  /** Why `expression` does not compile (a syntax error), or undefined when it compiles. */
  syntaxError(expression: string): string | undefined {
    const fn = this.#compile('Resource', expression);
    return typeof fn === 'string' ? fn : undefined;
  }

  #compile(base: string, expression: string): Compiled | string {
    const key = `${base}\u0000${expression}`;
    let fn = this.#cache.get(key);
    if (fn === undefined) {
      const { fhirpath, r4Model } = this.#provide
        ? (this.#provided ??= this.#provide())
        : library();
      try {
        fn = fhirpath.compile({ base, expression }, r4Model, {
          resolveInternalTypes: true,
          traceFn: () => undefined,
          ...(this.#userInvocationTable ? { userInvocationTable: this.#userInvocationTable } : {}),
        }) as Compiled;
      } catch (e) {
        fn = `cannot compile: ${describe(e)}`;
      }
      this.#cache.set(key, fn);
    }
    return fn;
  }
}

/** The JSON value of a fhirpath.js resource node (`data`), or the value itself. */
function nodeData(node: unknown): unknown {
  if (typeof node === 'object' && node !== null && 'data' in node && 'path' in node)
    return (node as { data: unknown }).data;
  return node;
}

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
