/**
 * Loads a validation pack (its text or bytes, see pack-text.ts) into a {@link CanonicalRegistry}.
 * Edge-safe: the Worker imports the pack text into its bundle and calls this once per isolate.
 * @module
 */
import { PackError } from '../errors.js';
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import type { CanonicalResource } from '../fhir/definitions/conformance-resource.js';
import { openPack, unsupported, writePack, type OpenedPack, type PackReader } from './pack-text.js';
import { restoreElements, type SharedParts } from './share-element-parts.js';
import { PACK_FORMAT_VERSION, type PackSource, type ValidationPack } from './validation-pack.js';

/** A loaded pack: its registry and where its resources came from. */
export interface LoadedPack {
  readonly registry: CanonicalRegistry;
  readonly sources: readonly PackSource[];
}

/**
 * Checks the pack header and adds the resources to a new registry (or to `into`). Only the header is
 * parsed now; each resource's body is parsed, and its shared element parts restored, when the
 * registry first returns the resource ({@link CanonicalRegistry.addLazy}). Accepts the pack file's text or bytes (the bytes are kept, not copied:
 * do not modify them), a {@link PackReader} over the file (its parts read when first used), or a
 * pack as {@link createPack} returns it or as plain JSON text of that.
 * @throws PackError `pack.invalid` when the value is not a pack, `pack.unsupported-format` for another format version.
 * @example const { registry } = loadPack(readFileSync('dist/pack/r4-core.json')); const validator = createValidator({ registry });
 */
export function loadPack(
  pack: string | Uint8Array | PackReader | ValidationPack,
  into: CanonicalRegistry = new CanonicalRegistry(),
): LoadedPack {
  const opened = open(pack);
  // each shared part parsed when first used when the pack locates them, else the whole table at once
  let shared: readonly unknown[] | undefined;
  const sharedParts = (): SharedParts =>
    opened.sharedItem ?? (shared ??= opened.part(opened.shared) as unknown[]);
  const { resources } = opened;
  // one completer for every resource (a closure each would be two objects per resource, all kept);
  // it finds the header's body by the header's place (a scan of a few microseconds per resource used)
  const complete = (header: CanonicalResource): CanonicalResource => {
    const body = opened.body(resources.indexOf(header as unknown as Record<string, unknown>))!;
    const value = opened.part(body) as Record<string, unknown>;
    if (value['snapshot'] !== undefined) restoreElements(value['snapshot'], sharedParts());
    if (value['differential'] !== undefined) restoreElements(value['differential'], sharedParts());
    return { ...header, ...value } as CanonicalResource;
  };
  for (let i = 0; i < resources.length; i++) {
    const header = resources[i] as unknown as CanonicalResource;
    if (!opened.hasBody(i)) into.add(header);
    else into.addLazy(header, complete, opened.factsAt(i));
  }
  return { registry: into, sources: opened.sources };
}

function open(pack: unknown): OpenedPack {
  if (typeof pack === 'string' || pack instanceof Uint8Array || isReader(pack)) {
    const opened = openPack(pack);
    if (opened) return opened;
    // not the file layout: plain JSON of a pack value (or an older format, refused below)
    pack = parse(
      typeof pack === 'string'
        ? pack
        : pack instanceof Uint8Array
          ? new TextDecoder().decode(pack)
          : pack.text(0, pack.length),
    );
  }
  if (!isPack(pack))
    throw new PackError(
      'pack.invalid',
      'Not a validation pack: formatVersion, sources and resources are expected',
    );
  if (pack.formatVersion !== PACK_FORMAT_VERSION) throw unsupported(pack.formatVersion);
  return openPack(writePack(pack))!;
}

function isReader(value: unknown): value is PackReader {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<PackReader>).text === 'function' &&
    typeof (value as Partial<PackReader>).length === 'number'
  );
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
  return (
    typeof v.formatVersion === 'number' &&
    Array.isArray(v.sources) &&
    Array.isArray(v.shared) &&
    Array.isArray(v.resources)
  );
}
