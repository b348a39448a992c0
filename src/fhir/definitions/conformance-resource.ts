/**
 * The conformance resources the engine reads, typed loosely (only what it reads) so that packages,
 * loose files and packs can all feed the registry.
 * @module
 */
import type {
  CodeSystem,
  ElementDefinition,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';

export type { CodeSystem, ElementDefinition, StructureDefinition, ValueSet };

/** Any resource with a canonical url: StructureDefinition, ValueSet, CodeSystem, … */
export interface CanonicalResource {
  readonly resourceType: string;
  readonly url?: string;
  readonly version?: string;
  readonly id?: string;
  readonly name?: string;
  readonly status?: string;
}

/** True for the resource types the registry indexes by canonical url. */
export function isCanonicalResource(value: unknown): value is CanonicalResource & { url: string } {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { resourceType?: unknown; url?: unknown };
  return typeof r.resourceType === 'string' && typeof r.url === 'string';
}
