/**
 * Finds the record an issue belongs to: the record whose pointer is the longest prefix (on whole
 * pointer tokens) of the pointer. Lookups cost one map probe per pointer token.
 * @module
 */
import type { RecordRef } from '../validation-result.js';

/** Looks up the owning record of a JSON pointer. */
export type RecordIndex = (pointer: string) => RecordRef | undefined;

/** Builds a lookup over `records` (later duplicates of a pointer are ignored). */
export function createRecordIndex(records: readonly RecordRef[]): RecordIndex {
  const byPointer = new Map<string, RecordRef>();
  for (const r of records) if (!byPointer.has(r.pointer)) byPointer.set(r.pointer, r);
  return (pointer) => {
    let p = pointer;
    for (;;) {
      const hit = byPointer.get(p);
      if (hit) return hit;
      if (p === '') return undefined;
      const slash = p.lastIndexOf('/');
      p = slash <= 0 ? '' : p.slice(0, slash);
    }
  };
}
