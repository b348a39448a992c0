/**
 * The identity of an issue across runs, for the baseline and SARIF fingerprints: which record it is
 * on and where inside that record, never the record's position in the file. Inserting, removing or
 * reordering Bundle entries or feed rows leaves every other issue's identity unchanged.
 *
 * - The record is the nearest record with a key (`RecordRef.key`: a Bundle entry's `fullUrl`, else
 *   `resourceType/id`; a feed row's record key such as the CLD `Event_Reference` or the CIN
 *   `LAchildID`) whose pointer is a segment-wise prefix of the issue's pointer. The key is
 *   payload-chosen, so only its FNV-1a 64 hash is kept (`record`).
 * - The location is the record's type followed by the issue's pointer relative to the record, as a
 *   dotted path with the indexes inside the record kept (`Patient.identifier[0].value`,
 *   `cld-event.NHS_Number`).
 * - An issue under no keyed record (file-level issues, a resource without id or fullUrl) keeps its
 *   full expression as location and has no `record`, as in baseline format 1.
 * @module
 */
import type { RecordRef, ValidationResult } from '../../validation-result.js';
import { fnv1a64 } from './fnv1a.js';

/** Where an issue is, independent of its record's index. */
export interface IssueIdentity {
  /** FNV-1a 64 of the record key, when the issue is on a keyed record. */
  readonly record?: string;
  /** The type-rooted path inside the record, or the issue's expression when there is no keyed record. */
  readonly location: string;
}

/** The identities of a result's issues, in the order of `result.issues`. */
export function identifyIssues(result: ValidationResult): IssueIdentity[] {
  const keyed = new Map<string, RecordRef & { readonly key: string }>();
  for (const r of result.records ?? [])
    if (r.key !== undefined && !keyed.has(r.pointer))
      keyed.set(r.pointer, r as RecordRef & { readonly key: string });
  const hashes = new Map<string, string>();
  return result.issues.map((issue) => {
    const owner = keyed.size === 0 ? undefined : findKeyedOwner(issue.pointer, keyed);
    if (!owner) return { location: issue.expression };
    let record = hashes.get(owner.key);
    if (record === undefined) {
      record = fnv1a64(owner.key);
      hashes.set(owner.key, record);
    }
    return {
      record,
      location: owner.type + toDottedPath(issue.pointer.slice(owner.pointer.length)),
    };
  });
}

function findKeyedOwner<T>(pointer: string, byPointer: ReadonlyMap<string, T>): T | undefined {
  let candidate = pointer;
  for (;;) {
    const hit = byPointer.get(candidate);
    if (hit !== undefined) return hit;
    if (candidate === '') return undefined;
    candidate = candidate.slice(0, Math.max(0, candidate.lastIndexOf('/')));
  }
}

/** `/identifier/0/value` → `.identifier[0].value` (RFC 6901 escapes undone). */
function toDottedPath(relPointer: string): string {
  if (relPointer === '') return '';
  let out = '';
  for (const raw of relPointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^(?:0|[1-9]\d*)$/.test(token) ? `[${token}]` : `.${token}`;
  }
  return out;
}
