/**
 * `GET /fhir/metadata`: the CapabilityStatement of the validation endpoint: FHIR R4 (4.0.1), JSON,
 * the `$validate` operation at system level and on every resource type the definitions know.
 * @module
 */
import type { StructureDefinition } from '../../fhir/definitions/conformance-resource.js';
import { fhirJson } from '../outcome-response.js';
import type { ResolvedDeps, RouteContext } from '../route-context.js';

const validateDefinition = 'http://hl7.org/fhir/OperationDefinition/Resource-validate';
const resourceTypesSystem = 'http://hl7.org/fhir/resource-types';

/** Builds the CapabilityStatement (a plain FHIR resource). */
export function buildCapabilityStatement(
  deps: ResolvedDeps,
  baseUrl: string,
): Record<string, unknown> {
  const registry = deps.validator.registry;
  // Only types the R4 resource-types code system names (the definitions package also carries later types).
  const known = new Set(
    (registry.codeSystem(resourceTypesSystem)?.concept ?? []).map((c) => c.code),
  );
  const types: string[] = [];
  for (const sd of registry.all<StructureDefinition & { url: string }>('StructureDefinition')) {
    if (
      sd.kind === 'resource' &&
      sd.derivation === 'specialization' &&
      !sd.abstract &&
      sd.type &&
      registry.isResourceType(sd.type) &&
      (known.size === 0 || known.has(sd.type))
    ) {
      types.push(sd.type);
    }
  }
  types.sort();
  const operation = [{ name: 'validate', definition: validateDefinition }];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: deps.clock().toISOString().slice(0, 10),
    publisher: 'MDSS',
    kind: 'instance',
    software: { name: 'MDSS', version: deps.version },
    implementation: { description: 'MDSS validation service', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Validation only: $validate answers an OperationOutcome. No resources are stored.',
        resource: types.map((type) => ({ type, operation })),
        operation,
      },
    ],
  };
}

/** Registers `GET /fhir/metadata`. */
export function registerFhirMetadataRoute({ routes, deps }: RouteContext): void {
  routes.add(
    {
      method: 'get',
      path: '/fhir/metadata',
      operationId: 'capabilities',
      summary: 'CapabilityStatement of the validation endpoint',
      tags: ['FHIR'],
      auth: 'none',
      responses: {
        '200': {
          description: 'CapabilityStatement',
          content: { 'application/fhir+json': { type: 'object' } },
        },
      },
    },
    (c) => {
      const url = new URL(c.req.url);
      return fhirJson(c, 200, buildCapabilityStatement(deps, `${url.origin}/fhir`));
    },
  );
}
