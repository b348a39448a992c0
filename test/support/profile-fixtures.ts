/**
 * Small profile fixtures for engine tests: the base R4 registry plus the test's own conformance
 * resources, and a constraint StructureDefinition on a resource type given by its differential.
 */
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import {
  createValidator,
  type ValidatorOptions,
} from '../../src/fhir/validator/create-validator.js';
import { baseValidator } from './shared-validator.js';

/** A registry with base R4 and `resources`. */
export function registryWith(...resources: unknown[]): CanonicalRegistry {
  const registry = new CanonicalRegistry();
  registry.addAll(baseValidator().registry.allResources());
  registry.addAll(resources);
  return registry;
}

/** A validator over base R4 and `resources`, with engine options when given. */
export function validatorWith(
  resources: unknown[],
  engine?: NonNullable<ValidatorOptions['engine']>,
): ReturnType<typeof createValidator> {
  const registry = registryWith(...resources);
  return createValidator(engine ? { registry, engine } : { registry });
}

/** The canonical base of the test profiles. */
export const testProfileBase = 'https://mdss.example.org/fhir/StructureDefinition/';

/** A draft constraint profile `id` on resource `type`, from its differential elements. */
export function constraintProfile(
  id: string,
  type: string,
  elements: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) {
  return {
    resourceType: 'StructureDefinition',
    url: testProfileBase + id,
    name: id.replace(/-/g, ''),
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: [{ id: type, path: type }, ...elements] },
    ...extra,
  };
}
