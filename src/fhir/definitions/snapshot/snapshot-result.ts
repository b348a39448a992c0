/**
 * Result and message types of snapshot generation, and the small collector the generator steps share.
 * @module
 */
import type { StructureDefinition } from '../conformance-resource.js';

/** A problem found while generating a snapshot (returned as data, never thrown). */
export interface SnapshotMessage {
  readonly severity: 'error' | 'warning' | 'information';
  /** Id of the differential (or snapshot) element concerned, when there is one. */
  readonly elementId?: string;
  readonly message: string;
  /** Stable code, `snapshot.<condition>` (e.g. `snapshot.element-not-found`). */
  readonly code: string;
}

/** What {@link SnapshotGenerator.generate} returns. */
export interface SnapshotResult {
  /**
   * A copy of the input with `.snapshot` filled (the input is never mutated). When the snapshot cannot
   * be built at all (unresolvable base, cycle) the copy has no snapshot and `messages` says why.
   */
  readonly structureDefinition: StructureDefinition;
  readonly messages: readonly SnapshotMessage[];
}

/** Collects messages for one generation run. */
export class MessageCollector {
  readonly messages: SnapshotMessage[] = [];

  /** Records one message; `elementId` is omitted when undefined. */
  report(
    severity: SnapshotMessage['severity'],
    code: string,
    message: string,
    elementId?: string,
  ): void {
    this.messages.push(
      elementId === undefined
        ? { severity, code, message }
        : { severity, code, message, elementId },
    );
  }
}
