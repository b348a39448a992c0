/**
 * The one factory of the Node server's pipeline (also used by `mdss worker` and by each thread of
 * the check pool, so every one of them checks against the same definitions): the pack's registry
 * (base R4 and the framework) plus packages, framework on by default.
 * @module
 */
import type { Checker } from '../check/create-checker.js';
import type { Validator } from '../fhir/validator/create-validator.js';
import type { FhirXmlReader } from '../fhir/xml/read-fhir-xml.js';
import { createFhirXmlReader, readFhirXmlResource } from '../fhir/xml/validate-fhir-xml.js';
import { createNodeChecker } from '../node/create-node-checker.js';
import { loadPackRegistry } from '../node/load-pack-registry.js';
import { readConformanceSource } from '../node/read-conformance-files.js';
import type { LogEntry } from './log-entry.js';

/** Where the definitions come from: plain data, so a pool thread builds the same checker. */
export interface CheckerRecipe {
  /** Folder of the validation packs (default dist/pack). */
  readonly packDir?: string;
  /** Extra conformance resources (JSON file, Bundle, folder, package). */
  readonly packages?: readonly string[];
}

/** Options of {@link buildChecker}: a recipe, or a ready pipeline or validator (tests, embedding). */
export interface BuildCheckerOptions extends CheckerRecipe {
  readonly checker?: Checker;
  readonly validator?: Validator;
}

/** Builds the pipeline: a ready `checker`, else over a ready `validator`, else from the recipe. */
export async function buildChecker(
  options: BuildCheckerOptions,
  log: (e: LogEntry) => void,
): Promise<{ checker: Checker; packages: string[] }> {
  if (options.checker) return { checker: options.checker, packages: [] };
  if (options.validator)
    return { checker: createNodeChecker({ validator: options.validator }), packages: [] };
  const started = performance.now();
  const base = loadPackRegistry(options.packDir);
  const packages: string[] = [];
  // FHIR XML conformance resources in packages are read with the base definitions' XML mapping
  let xmlReader: FhirXmlReader | undefined;
  const readXml = (text: string) =>
    readFhirXmlResource((xmlReader ??= createFhirXmlReader(base.registry)), text);
  for (const path of options.packages ?? []) {
    const { resources, label } = await readConformanceSource(path, process.env, readXml);
    base.registry.addAll(resources);
    packages.push(label);
  }
  log({
    level: 'info',
    event: 'definitions-loaded',
    source: base.source,
    framework: base.framework,
    fallbackReasons: base.fallbackReasons,
    packages,
    durationMs: Math.round(performance.now() - started),
  });
  return { checker: createNodeChecker({ registry: base.registry }), packages };
}
