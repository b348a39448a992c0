/**
 * Node-only: the pipeline over the validation packs on disk (base R4 and the framework's profiles,
 * see load-pack-registry.ts), with fhirpath.js loaded by `require` on first use. The CLI, the Node
 * server, the demo and federation build their checker here; the Worker builds the same one over
 * packs bundled as text (src/server/worker.ts).
 * @module
 */
import { createChecker, type Checker, type CheckerOptions } from '../check/create-checker.js';
import { loadNodeFhirPath } from './fhirpath-node.js';
import { loadPackRegistry } from './load-pack-registry.js';

/** Options of {@link createNodeChecker}: those of `createChecker`, plus conformance resources to add. */
export interface NodeCheckerOptions extends CheckerOptions {
  /** More conformance resources (packages, `--supporting` files), added to the registry. */
  readonly extra?: readonly unknown[];
}

/**
 * The pipeline with the framework on by default. Without `registry` or `validator`, the registry is
 * loaded from the built packs (`dist/pack`).
 * @example const { result } = createNodeChecker().check(text);
 */
export function createNodeChecker(options: NodeCheckerOptions = {}): Checker {
  const registry = options.registry ?? options.validator?.registry ?? loadPackRegistry().registry;
  if (options.extra?.length) registry.addAll(options.extra);
  const { extra: _extra, ...rest } = options;
  return createChecker({ fhirPath: loadNodeFhirPath, ...rest, registry });
}
