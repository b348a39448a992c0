/**
 * Snapshot generation from differential StructureDefinitions. See snapshot.md for the algorithm.
 * @module
 */
export { SnapshotGenerator } from './snapshot-generator.js';
export type { SnapshotMessage, SnapshotResult } from './snapshot-result.js';
