/**
 * The validation pack: the conformance resources the engine needs, minimised, in one JSON document
 * that loads without a file system (bundled into the Worker, read once by the CLI and server).
 * Written and read by pack-text.ts: the document starts with a small header (the fields the
 * registry indexes) and ends with each resource's body as its own JSON value, parsed on first use.
 * @module
 */

import type { ResourceFacts } from '../fhir/definitions/canonical-registry.js';

/** Version of the pack layout; a loader refuses other versions. */
export const PACK_FORMAT_VERSION = 3;

/** Where the pack's resources came from. */
export interface PackSource {
  readonly name: string;
  readonly version: string;
}

/**
 * A validation pack in memory (as {@link createPack} returns it; pack-text.ts writes it to its file
 * layout). No build time is recorded, so the same sources give the same bytes. Resources keep the
 * order of their sources (later ones override earlier ones in the registry); their element parts
 * are shared (share-element-parts.ts).
 */
export interface ValidationPack {
  readonly formatVersion: number;
  readonly sources: readonly PackSource[];
  /** Element parts stored once (see share-element-parts.ts); elements hold indexes into it. */
  readonly shared: readonly unknown[];
  readonly resources: readonly unknown[];
  /**
   * Facts derived at build time from some resources, by the resource's index in {@link resources}
   * (e.g. the codes a vital signs profile fixes): the registry returns them without parsing the
   * resource (CanonicalRegistry.factsOf). Pure definition data only.
   */
  readonly facts?: Readonly<Record<string, ResourceFacts>>;
}
