/**
 * Node-only convenience: a validator over the official R4 definitions read from node_modules.
 * @module
 */
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import { createValidator, type Validator, type ValidatorOptions } from '../fhir/validator/create-validator.js';
import { readBaseDefinitionBundles } from './load-base-definitions.js';
import './fhirpath-node.js';

/** A registry holding the base R4 definitions (StructureDefinitions, ValueSets, CodeSystems). */
export function loadBaseRegistry(): CanonicalRegistry {
  const registry = new CanonicalRegistry();
  for (const bundle of readBaseDefinitionBundles()) registry.add(bundle);
  return registry;
}

/** A validator over the base R4 definitions plus `extra` conformance resources. */
export function createNodeValidator(extra: readonly unknown[] = [], options: Omit<ValidatorOptions, 'registry'> = {}): Validator {
  const registry = loadBaseRegistry();
  registry.addAll(extra);
  return createValidator({ ...options, registry });
}
