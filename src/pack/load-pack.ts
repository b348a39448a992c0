/**
 * Loads a validation pack (parsed JSON, or JSON text) into a {@link CanonicalRegistry}. Edge-safe:
 * the Worker imports the pack JSON into its bundle and calls this once per isolate.
 * @module
 */
import { PackError } from '../errors.js';
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import { defineLazyParts } from './lazy-parts.js';
import { restoreElements } from './share-element-parts.js';
import { PACK_FORMAT_VERSION, type PackSource, type ValidationPack } from './validation-pack.js';

/** A loaded pack: its registry and where its resources came from. */
export interface LoadedPack {
  readonly registry: CanonicalRegistry;
  readonly sources: readonly PackSource[];
}

/**
 * Checks the pack header and adds the resources to a new registry (or to `into`); their bulky parts
 * are parsed, and shared element parts restored, on first access. A parsed pack value is modified
 * in place (parse it for this call only).
 * @throws PackError `pack.invalid` when the value is not a pack, `pack.unsupported-format` for another format version.
 * @example const { registry } = loadPack(packJson); const validator = createValidator({ registry });
 */
export function loadPack(pack: unknown, into: CanonicalRegistry = new CanonicalRegistry()): LoadedPack {
  const value = typeof pack === 'string' ? parse(pack) : pack;
  if (!isPack(value)) throw new PackError('pack.invalid', 'Not a validation pack: formatVersion, sources and resources are expected');
  if (value.formatVersion !== PACK_FORMAT_VERSION) {
    throw new PackError('pack.unsupported-format', `Validation pack format ${String(value.formatVersion)} is not supported (expected ${PACK_FORMAT_VERSION}); rebuild it with npm run build:pack`);
  }
  const shared = value.shared;
  const restore = (field: string, part: unknown): void => {
    if (field === 'snapshot' || field === 'differential') restoreElements(part, shared);
  };
  for (const r of value.resources) if (typeof r === 'object' && r !== null) defineLazyParts(r as Record<string, unknown>, restore);
  into.addAll(value.resources);
  return { registry: into, sources: value.sources };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PackError('pack.invalid', 'The validation pack is not valid JSON', { cause });
  }
}

function isPack(value: unknown): value is ValidationPack {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ValidationPack>;
  return typeof v.formatVersion === 'number' && Array.isArray(v.sources) && Array.isArray(v.shared) && Array.isArray(v.resources);
}
