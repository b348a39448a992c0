/**
 * The engines the benchmark compares, behind one small interface: MDSS (base R4 with invariants and
 * bindings, optionally with the framework profiles), @medplum/core's `validateResource` on every
 * resource of each Bundle (the peer), `JSON.parse` alone (the floor), and MDSS on the same corpus
 * converted to FHIR XML (`mdss-xml`, conversion done before timing); `mdss-node` and
 * `mdss-node-framework` are the README's API, `createNodeValidator()`, with the framework off and on. Each engine's module is
 * imported only when that engine is set up, so a child process holds one engine's code and data.
 * @module
 */

/** Names of the benchmarked engines. */
export type EngineName =
  | 'mdss'
  | 'mdss-xml'
  | 'mdss-framework'
  | 'mdss-node'
  | 'mdss-node-framework'
  | 'medplum'
  | 'json-parse';

/** What an engine says about one input. */
export interface EngineVerdict {
  /** Issues at severity error or fatal (for medplum: error issues, or 1 when it threw without any). */
  readonly errors: number;
  /** Short descriptions of the errors (code or message and location), for reports. */
  readonly details: readonly string[];
}

/** A set-up engine. */
export interface BenchEngine {
  readonly name: EngineName;
  /** Validates one Bundle given as text (JSON, or what {@link prepare} made of it). */
  validateBundleText(text: string): EngineVerdict;
  /** Converts a corpus Bundle (JSON text) to this engine's input before timing (`mdss-xml`: FHIR XML). */
  prepare?(jsonText: string): string;
  /** Validates one resource given as a parsed value. */
  validateValue(value: unknown): EngineVerdict;
  /** Notes about how the engine was set up (e.g. which loader). */
  readonly notes: readonly string[];
}

/** The verdict without errors. */
export const noErrors: EngineVerdict = { errors: 0, details: [] };

/**
 * Sets up one engine; the time this takes (module import included) is the engine's set-up time.
 * @param usePack - MDSS only: use the built-in pack loader when it exists.
 */
export async function createBenchEngine(name: EngineName, usePack = true): Promise<BenchEngine> {
  switch (name) {
    case 'mdss':
      return (await import('./engine-mdss.js')).createMdssEngine(false, usePack);
    case 'mdss-xml':
      return (await import('./engine-mdss.js')).createMdssXmlEngine(usePack);
    case 'mdss-framework':
      return (await import('./engine-mdss.js')).createMdssEngine(true, false);
    case 'mdss-node':
      return (await import('./engine-mdss.js')).createNodeValidatorEngine(false);
    case 'mdss-node-framework':
      return (await import('./engine-mdss.js')).createNodeValidatorEngine(true);
    case 'medplum':
      return (await import('./engine-medplum.js')).createMedplumEngine();
    case 'json-parse':
      return createJsonParseEngine();
  }
}

function createJsonParseEngine(): BenchEngine {
  let sink = 0;
  return {
    name: 'json-parse',
    notes: ['JSON.parse of the same text (floor: no validation)'],
    validateBundleText: (text) => {
      const v = JSON.parse(text) as { entry?: unknown[] };
      sink += v.entry?.length ?? 0;
      return sink < 0 ? { errors: 1, details: [] } : noErrors;
    },
    validateValue: () => noErrors,
  };
}
